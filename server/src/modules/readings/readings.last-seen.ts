import type { LiveConnection } from "../../platform/realtime/live-rooms.js";

/** One participant's connection to a reading's room on one node, as the presence query reads it. */
export interface PresenceRow {
  readingId: string;
  userId: string;
  nodeId: string;
  /** The node's last heartbeat (`now` for the calling node). */
  nodeSeenAt: Date;
  /** The last frame of the participant's sockets there, as written with that node's heartbeat. */
  frameSeenAt: Date | null;
}

/**
 * This node's sockets in each reading's room, by participant, and their last frame or keepalive
 * (the hub's `lastSeenAt`). Kept in memory: the heartbeat writes what changed in one statement
 * (other nodes' billers read it there), never a write per keepalive; this node's own biller reads
 * it here, fresh.
 */
export function createLastSeen() {
  const byParticipant = new Map<
    string,
    { readingId: string; userId: string; members: Set<LiveConnection>; writtenMs: number }
  >();
  const keyOf = (readingId: string, userId: string) => `${readingId}:${userId}`;
  const latestOf = (members: Set<LiveConnection>) => {
    let latest = 0;
    for (const member of members) latest = Math.max(latest, member.lastSeenAt);
    return latest;
  };
  return {
    add(readingId: string, userId: string, socket: LiveConnection) {
      const key = keyOf(readingId, userId);
      const entry = byParticipant.get(key) ?? { readingId, userId, members: new Set(), writtenMs: 0 };
      entry.members.add(socket);
      byParticipant.set(key, entry);
    },
    remove(readingId: string, userId: string, socket: LiveConnection) {
      const key = keyOf(readingId, userId);
      const entry = byParticipant.get(key);
      if (!entry) return;
      entry.members.delete(socket);
      if (entry.members.size === 0) byParticipant.delete(key);
    },
    /** The participant's last frame on this node, or undefined when no socket of theirs is here. */
    latest(readingId: string, userId: string) {
      const entry = byParticipant.get(keyOf(readingId, userId));
      return entry ? latestOf(entry.members) : undefined;
    },
    /** Last frames newer than those already taken, marked taken (the heartbeat writes them). */
    takeUnwritten() {
      const seen: { readingId: string; userId: string; seenAt: Date }[] = [];
      for (const entry of byParticipant.values()) {
        const latest = latestOf(entry.members);
        if (latest <= entry.writtenMs) continue;
        entry.writtenMs = latest;
        seen.push({ readingId: entry.readingId, userId: entry.userId, seenAt: new Date(latest) });
      }
      return seen;
    },
  };
}

export type LastSeen = ReturnType<typeof createLastSeen>;

/**
 * Until when each participant of each reading counts as connected: per node, its heartbeat (by
 * `node`), or no later than that nor than the participant's last frame there (by `frame`: this
 * node's from memory, others' as written with their heartbeat); the latest over their nodes.
 */
export function untilSeen(
  rows: readonly PresenceRow[],
  basis: "node" | "frame",
  selfNodeId: string,
  lastSeen: LastSeen,
) {
  const byReading = new Map<string, Map<string, Date>>();
  for (const row of rows) {
    let until = row.nodeSeenAt.getTime();
    if (basis === "frame") {
      const local = row.nodeId === selfNodeId ? lastSeen.latest(row.readingId, row.userId) : undefined;
      const frame = local ?? row.frameSeenAt?.getTime();
      if (frame !== undefined) until = Math.min(until, frame);
    }
    let present = byReading.get(row.readingId);
    if (!present) {
      present = new Map();
      byReading.set(row.readingId, present);
    }
    const earlier = present.get(row.userId);
    if (!earlier || earlier.getTime() < until) present.set(row.userId, new Date(until));
  }
  return byReading;
}
