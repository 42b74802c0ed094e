import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../../platform/db/database.js";
import type { EventBus } from "../../platform/realtime/event-bus.js";
import { createLivePublisher } from "../../platform/realtime/live-events.js";
import type { LiveRoom } from "../../platform/realtime/live-rooms.js";
import { readersEvents } from "./readers.events.js";
import { createReadersRepository } from "./readers.repository.js";

const STATUS_EVENT = "reader.status";

/**
 * The public `reader:<id>` room: anyone may watch a reader's status. A socket that starts watching
 * readers (a browse page's 48 at once) hears each one's current status at once, as the same
 * `reader.status` event a change sends: a change between the page's fetch and its subscription is
 * not missed. One query per subscription. A status event this node hears while that query runs
 * is newer than what the query may have read, so that reader's read is not sent (the event
 * reaches the socket on its own).
 */
export function createReaderRoom(deps: { db: Database; bus: EventBus; logger: FastifyBaseLogger }) {
  const repository = createReadersRepository();
  const live = createLivePublisher(deps.bus, readersEvents);
  let heard = 0;
  /** Per reader, the number of the last status event this node heard (bounded by the readers). */
  const lastHeard = new Map<string, number>();
  const stopListening = deps.bus.subscribe((event) => {
    if (event.type !== STATUS_EVENT) return;
    const readerUserId = event.data.readerUserId;
    if (typeof readerUserId !== "string") return;
    heard += 1;
    lastHeard.set(readerUserId, heard);
  });
  const room: LiveRoom = {
    public: true,
    onWatch(connection, readerUserIds) {
      const before = heard;
      repository
        .statusesOf(deps.db, readerUserIds)
        .then((rows) => {
          for (const { userId, status } of rows) {
            if ((lastHeard.get(userId) ?? 0) > before) continue;
            connection.send(live.frame(userId, STATUS_EVENT, { readerUserId: userId, status }));
          }
        })
        .catch((error) => deps.logger.warn({ err: error }, "reader statuses for a new watcher failed"));
    },
  };
  return { room, close: stopListening };
}
