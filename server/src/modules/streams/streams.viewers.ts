import type { LiveConnection } from "../../platform/realtime/live-rooms.js";
import type { StreamsContext } from "./streams.context.js";

/** A node's count is part of the total while it was written this recently. */
const FRESH_MS = 60_000;
/** Each node writes its counts again this often even when nothing changed (so they stay fresh). */
const REFRESH_MS = 20_000;
/** Streams one flush writes, at most. */
const MAX_FLUSH = 200;

/**
 * Who is in each stream's room on this node (the reader aside), counted in memory as sockets join
 * and leave, and written to the database at most once a second per stream, where the counts of
 * every node add up to the viewer count the room hears (and the stream's peak).
 */
export function createViewerCounter(ctx: StreamsContext) {
  /** stream id → socket id → viewer key (a signed-in person once however many tabs). */
  const members = new Map<string, Map<number, string>>();
  const changed = new Set<string>();
  const seen = new Map<string, Set<string>>();
  let lastRefresh = 0;

  /** Distinct people in the room here, the stream's reader aside. */
  const distinct = (streamId: string, readerKey: string | null) => {
    const keys = new Set(members.get(streamId)?.values() ?? []);
    if (readerKey) keys.delete(readerKey);
    return keys.size;
  };

  async function flushOne(streamId: string) {
    const now = ctx.clock.now();
    const stream = await ctx.repository.find(ctx.db, streamId);
    const readerKey = stream ? `user:${stream.readerUserId}` : null;
    const keys = [...(seen.get(streamId) ?? [])].filter((key) => key !== readerKey);
    seen.delete(streamId);
    await ctx.repository.addViewers(ctx.db, streamId, keys, now);
    const viewerCount = await ctx.repository.setNodeViewers(
      ctx.db,
      streamId,
      ctx.nodeId,
      distinct(streamId, readerKey),
      now,
      new Date(now.getTime() - FRESH_MS),
    );
    await ctx.live.publish(null, streamId, "stream.viewers", { streamId, viewerCount });
  }

  return {
    join(connection: LiveConnection, streamId: string) {
      const key = connection.principal
        ? `user:${connection.principal.userId}`
        : `guest:${ctx.nodeId}:${connection.id}`;
      const room = members.get(streamId) ?? new Map<number, string>();
      members.set(streamId, room);
      room.set(connection.id, key);
      const keys = seen.get(streamId) ?? new Set<string>();
      seen.set(streamId, keys);
      keys.add(key);
      changed.add(streamId);
    },

    /** Whether this person still has a socket in the stream's room on this node. */
    present(streamId: string, userId: string) {
      const key = `user:${userId}`;
      for (const member of members.get(streamId)?.values() ?? []) if (member === key) return true;
      return false;
    },

    leave(connection: LiveConnection, streamId: string) {
      const room = members.get(streamId);
      if (!room?.delete(connection.id)) return;
      if (room.size === 0) members.delete(streamId);
      changed.add(streamId);
    },

    /** Counts written after this are part of the total. */
    freshAfter: () => new Date(ctx.clock.now().getTime() - FRESH_MS),

    /** Writes the counts that changed (and, every 20 s, all of them) and tells each room its total. */
    async flush() {
      const now = ctx.clock.now().getTime();
      if (now - lastRefresh >= REFRESH_MS) {
        lastRefresh = now;
        for (const streamId of members.keys()) changed.add(streamId);
      }
      const due = [...changed].slice(0, MAX_FLUSH);
      for (const streamId of due) {
        changed.delete(streamId);
        await flushOne(streamId).catch((error: unknown) => {
          changed.add(streamId);
          ctx.logger.error({ err: error, streamId }, "viewer count not written");
        });
      }
      return due.length;
    },

    /** The node stops: its counts leave the totals at once. */
    async close() {
      members.clear();
      await ctx.repository.clearNodeViewers(ctx.db, ctx.nodeId);
    },
  };
}

export type ViewerCounter = ReturnType<typeof createViewerCounter>;
