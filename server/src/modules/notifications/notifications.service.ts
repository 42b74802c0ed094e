import { randomUUID } from "node:crypto";
import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DEFAULT_PAGE_SIZE } from "../../platform/http/pagination.js";
import type { EventBus } from "../../platform/realtime/event-bus.js";
import { createLivePublisher } from "../../platform/realtime/live-events.js";
import { notificationsEvents } from "./notifications.events.js";
import { createNotificationsRepository, type NotificationRow } from "./notifications.repository.js";

export type NotificationsService = ReturnType<typeof createNotificationsService>;

export interface NotificationInput {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link?: string | null;
}

function toDto(row: NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** In-app notifications: stored, and pushed live to the user's sockets when the write commits. */
export function createNotificationsService(deps: { db: Database; bus: EventBus; clock: Clock }) {
  const repository = createNotificationsRepository();
  const live = createLivePublisher(deps.bus, notificationsEvents);
  const { db } = deps;
  return {
    /** Takes the caller's transaction: the row and its live event commit (or roll back) together. */
    async notify(tx: Executor, input: NotificationInput) {
      const row: NotificationRow = {
        id: randomUUID(),
        userId: input.userId,
        kind: input.kind,
        title: input.title.slice(0, 200),
        body: input.body.slice(0, 1000),
        link: input.link ?? null,
        readAt: null,
        createdAt: deps.clock.now(),
      };
      const dto = toDto(row);
      // One statement stores the row and sends its event on the same commit.
      await repository.insertAndPublish(
        tx,
        row,
        live.encode(input.userId, "notification", { notification: dto }),
      );
      return dto;
    },

    async list(principal: Principal, query: { cursor?: string; limit?: number; unread?: boolean }) {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await repository.list(db, principal.userId, {
        cursor: decodeCursor(query.cursor),
        limit,
        unreadOnly: query.unread ?? false,
      });
      const page = toPage(rows, limit);
      return {
        items: page.items.map(toDto),
        nextCursor: page.nextCursor,
        unreadCount: await repository.unreadCount(db, principal.userId),
      };
    },

    /**
     * In the caller's transaction: the user's unread notifications pointing at `link` are read now
     * (they saw what it points to, e.g. the conversation); their bells hear of it on commit.
     */
    async markReadAt(tx: Executor, userId: string, link: string) {
      const marked = await repository.markRead(tx, userId, null, deps.clock.now(), link);
      if (marked > 0)
        await live.publish(tx, userId, "notifications.read", {
          unreadCount: await repository.unreadCount(tx, userId),
        });
      return marked;
    },

    /** Marks some (or all) of the caller's notifications read; their other tabs hear of it. */
    async markRead(principal: Principal, ids: string[] | null) {
      return db.transaction(async (tx) => {
        const marked = await repository.markRead(tx, principal.userId, ids, deps.clock.now());
        const unreadCount = await repository.unreadCount(tx, principal.userId);
        if (marked > 0) {
          await live.publish(tx, principal.userId, "notifications.read", { unreadCount });
        }
        return { marked, unreadCount };
      });
    },
  };
}
