import { messagingEvents } from "./modules/messaging/messaging.events.js";
import { notificationsEvents } from "./modules/notifications/notifications.events.js";
import { readersEvents } from "./modules/readers/readers.events.js";
import { readingsEvents } from "./modules/readings/readings.events.js";
import { readingRequests } from "./modules/readings/readings.room.js";
import { streamRequests, streamsEvents } from "./modules/streams/streams.events.js";
import { waitlistEvents } from "./modules/waitlist/waitlist.events.js";
import { platformEvents } from "./platform/realtime/live-events.js";

/**
 * The live socket's contract, in one place: every event the server publishes (by name: its room
 * and the shape of its data) and every request a room takes (its data and its reply). The web
 * app's types are generated from these (`npm run openapi:generate` writes web/src/lib/api/live.d.ts).
 */
export const liveEvents = {
  ...platformEvents,
  ...messagingEvents,
  ...notificationsEvents,
  ...readersEvents,
  ...readingsEvents,
  ...streamsEvents,
  ...waitlistEvents,
};

/** Requests by room, then by name. */
export const liveRequests = {
  reading: readingRequests,
  stream: streamRequests,
};
