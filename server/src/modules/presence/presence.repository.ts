import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { presenceConnections } from "./presence.tables.js";

export function createPresenceRepository() {
  return {
    /** Sets this node's connection count for a user (0 removes the row). */
    async setCount(db: Executor, row: { userId: string; nodeId: string; connections: number; at: Date }) {
      if (row.connections === 0) {
        await db
          .delete(presenceConnections)
          .where(and(eq(presenceConnections.userId, row.userId), eq(presenceConnections.nodeId, row.nodeId)));
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
      return [...new Set(rows.map((row) => row.userId))];
    },
    async removeNode(db: Executor, nodeId: string) {
      await db.delete(presenceConnections).where(eq(presenceConnections.nodeId, nodeId));
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
