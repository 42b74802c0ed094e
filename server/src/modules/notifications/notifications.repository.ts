import { and, count, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import { executePrepared } from "../../platform/db/prepared.js";
import { EVENT_CHANNEL } from "../../platform/realtime/event-bus.js";
import { notifications } from "./notifications.tables.js";

export type NotificationRow = typeof notifications.$inferSelect;

export function createNotificationsRepository() {
  return {
    /** Stores `row` and, in the same statement, publishes `payload` (its event) on the bus. */
    async insertAndPublish(db: Executor, row: NotificationRow, payload: string) {
      await executePrepared(
        db,
        sql`
        with saved as (
          insert into notifications (id, user_id, kind, title, body, link, read_at, created_at)
          values (${row.id}, ${row.userId}, ${row.kind}, ${row.title}, ${row.body}, ${row.link},
                  null, ${row.createdAt.toISOString()})
          returning id)
        select pg_notify(${EVENT_CHANNEL}, ${payload}) from saved`,
      );
    },
    async list(
      db: Executor,
      userId: string,
      options: { cursor: KeysetCursor | null; limit: number; unreadOnly: boolean },
    ) {
      const { cursor } = options;
      return db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, userId),
            options.unreadOnly ? isNull(notifications.readAt) : undefined,
            cursor
              ? or(
                  lt(notifications.createdAt, cursor.createdAt),
                  and(eq(notifications.createdAt, cursor.createdAt), lt(notifications.id, cursor.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(options.limit + 1);
    },
    async unreadCount(db: Executor, userId: string) {
      const [row] = await db
        .select({ value: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
      return row?.value ?? 0;
    },
    /** Marks the user's own notifications read (all unread ones when `ids` is null). */
    async markRead(db: Executor, userId: string, ids: string[] | null, at: Date, link?: string) {
      const rows = await db
        .update(notifications)
        .set({ readAt: at })
        .where(
          and(
            eq(notifications.userId, userId),
            isNull(notifications.readAt),
            ids ? inArray(notifications.id, ids) : undefined,
            link === undefined ? undefined : eq(notifications.link, link),
          ),
        )
        .returning({ id: notifications.id });
      return rows.length;
    },
  };
}
