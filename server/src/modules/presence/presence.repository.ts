import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { presenceConnections, presenceLastSeen } from "./presence.tables.js";

/** Notes that these users were connected until `at`. */
async function seen(db: Executor, userIds: readonly string[], at: Date) {
  if (userIds.length === 0) return;
  await db
    .insert(presenceLastSeen)
    .values(userIds.map((userId) => ({ userId, lastSeenAt: at })))
    .onConflictDoUpdate({
      target: presenceLastSeen.userId,
      set: { lastSeenAt: sql`greatest(${presenceLastSeen.lastSeenAt}, excluded.last_seen_at)` },
    });
}

export function createPresenceRepository() {
  return {
    seen,
    /** Sets this node's connection count for a user (0 removes the row and notes when they were last seen). */
    async setCount(db: Executor, row: { userId: string; nodeId: string; connections: number; at: Date }) {
      if (row.connections === 0) {
        await db
          .delete(presenceConnections)
          .where(and(eq(presenceConnections.userId, row.userId), eq(presenceConnections.nodeId, row.nodeId)));
        await seen(db, [row.userId], row.at);
        return;
      }
      await db
        .insert(presenceConnections)
        .values({ userId: row.userId, nodeId: row.nodeId, connections: row.connections, heartbeatAt: row.at })
        .onConflictDoUpdate({
          target: [presenceConnections.userId, presenceConnections.nodeId],
          set: { connections: row.connections, heartbeatAt: row.at },
        });
    },
    /** Of `userIds`, those with at least one connection on a node that is still heartbeating. */
    async connectedAmong(db: Executor, userIds: string[], freshSince: Date) {
      if (userIds.length === 0) return new Set<string>();
      const rows = await db
        .selectDistinct({ userId: presenceConnections.userId })
        .from(presenceConnections)
        .where(
          and(
            inArray(presenceConnections.userId, userIds),
            gt(presenceConnections.connections, 0),
            gt(presenceConnections.heartbeatAt, freshSince),
          ),
        );
      return new Set(rows.map((row) => row.userId));
    },
    /** When each of these users' last connection closed (users never connected are absent). */
    async lastSeen(db: Executor, userIds: readonly string[]) {
      if (userIds.length === 0) return new Map<string, Date>();
      const rows = await db
        .select()
        .from(presenceLastSeen)
        .where(inArray(presenceLastSeen.userId, [...userIds]));
      return new Map(rows.map((row) => [row.userId, row.lastSeenAt]));
    },
    async heartbeat(db: Executor, nodeId: string, at: Date) {
      await db
        .update(presenceConnections)
        .set({ heartbeatAt: at })
        .where(eq(presenceConnections.nodeId, nodeId));
    },
    /** Deletes rows of nodes that stopped heartbeating (crashed or killed); returns their users. */
    async sweepStale(db: Executor, staleBefore: Date) {
      const rows = await db
        .delete(presenceConnections)
        .where(lt(presenceConnections.heartbeatAt, staleBefore))
        .returning({ userId: presenceConnections.userId });
      const userIds = [...new Set(rows.map((row) => row.userId))];
      await seen(db, userIds, staleBefore);
      return userIds;
    },
    async removeNode(db: Executor, nodeId: string, at: Date) {
      const rows = await db
        .delete(presenceConnections)
        .where(eq(presenceConnections.nodeId, nodeId))
        .returning({ userId: presenceConnections.userId });
      await seen(db, [...new Set(rows.map((row) => row.userId))], at);
    },
    async totalConnections(db: Executor, userId: string, freshSince: Date) {
      const [row] = await db
        .select({ total: sql<number>`coalesce(sum(${presenceConnections.connections}), 0)::int` })
        .from(presenceConnections)
        .where(and(eq(presenceConnections.userId, userId), gt(presenceConnections.heartbeatAt, freshSince)));
      return row?.total ?? 0;
    },
  };
}
