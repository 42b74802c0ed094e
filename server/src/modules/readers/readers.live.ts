import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../../platform/db/database.js";
import type { EventBus } from "../../platform/realtime/event-bus.js";
import type { RealtimeHooks } from "../../platform/realtime/websocket-hub.js";
import { createReadersRepository } from "./readers.repository.js";

const READER_TOPIC = "reader:";
const STATUS_EVENT = "reader.status";

/**
 * A socket that starts watching readers (`reader:<id>`, a browse page's 48 at once) hears each
 * one's current status at once, as the same `reader.status` event a change sends: a change between
 * the page's fetch and its subscription is not missed. One query per subscription. A status event
 * this node hears while that query runs is newer than what the query may have read, so that
 * reader's read is not sent (the event reaches the socket on its own).
 */
export function readerWatchHooks(deps: {
  db: Database;
  bus: EventBus;
  logger: FastifyBaseLogger;
}): Pick<RealtimeHooks, "onWatch"> {
  const repository = createReadersRepository();
  let heard = 0;
  /** Per reader, the number of the last status event this node heard (bounded by the readers). */
  const lastHeard = new Map<string, number>();
  deps.bus.subscribe((event) => {
    if (event.type !== STATUS_EVENT) return;
    const readerUserId = event.data.readerUserId;
    if (typeof readerUserId !== "string") return;
    heard += 1;
    lastHeard.set(readerUserId, heard);
  });
  return {
    onWatch(connection, topics) {
      const ids = topics.map((topic) => topic.slice(READER_TOPIC.length));
      if (ids.length === 0) return;
      const before = heard;
      repository
        .statusesOf(deps.db, ids)
        .then((rows) => {
          for (const { userId, status } of rows) {
            if ((lastHeard.get(userId) ?? 0) > before) continue;
            connection.send({
              type: "event",
              topic: `${READER_TOPIC}${userId}`,
              event: STATUS_EVENT,
              data: { readerUserId: userId, status },
            });
          }
        })
        .catch((error) => deps.logger.warn({ err: error }, "reader statuses for a new watcher failed"));
    },
  };
}
