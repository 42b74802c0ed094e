import Type from "typebox";
import { defineLiveRequest, type LiveRoom } from "../../platform/realtime/live-rooms.js";
import type { ChatService } from "./readings.chat.js";
import { ChatMessageSchema, MAX_MESSAGE_CHARS } from "./readings.schemas.js";
import type { ReadingsService } from "./readings.service.js";

/** Messages a member of a reading's room relays to it as they are: typing and WebRTC signaling. */
export const READING_SIGNALS = [
  "typing",
  "rtc-offer",
  "rtc-answer",
  "rtc-ice",
  "rtc-hangup",
  "rtc-ready",
] as const;
/** Chat sends per user per window on this node, however many sockets the user opens (as the POST route). */
export const CHAT_BUDGET_PER_USER = { count: 60, windowMs: 60_000 };

/** The shapes of the requests a member sends to a reading's room (their data and their reply). */
export const readingRequests = {
  chat: {
    data: Type.Object({ body: Type.String({ minLength: 1, maxLength: MAX_MESSAGE_CHARS }) }),
    reply: ChatMessageSchema,
  },
  delivered: {
    data: Type.Object({ messageId: Type.String({ format: "uuid" }) }),
    reply: Type.Object({ changed: Type.Integer() }),
  },
} as const;

/**
 * The `reading:<id>` room: only the reading's two participants, while it is open. Joining is
 * being connected (it starts and resumes billing with the other side there); leaving is a drop.
 * Members chat on the socket (`chat`: the request's `ref` is the message's client id, so a
 * resend is answered with the stored message) and confirm delivery (`delivered`).
 */
export function createReadingRoom(readings: ReadingsService, chat: ChatService): LiveRoom {
  return {
    authorize: (principal, readingId) =>
      principal ? readings.mayJoinRoom(principal.userId, readingId) : false,
    onJoin(connection, readingId) {
      if (connection.principal) void readings.queueJoin(connection.principal.userId, readingId, connection);
    },
    onLeave(connection, readingId, lastSeenAt) {
      if (connection.principal)
        void readings.queueLeave(connection.principal.userId, readingId, lastSeenAt, connection);
    },
    signals: READING_SIGNALS,
    requests: {
      chat: defineLiveRequest({
        ...readingRequests.chat,
        budget: CHAT_BUDGET_PER_USER,
        echoes: true,
        handle: (principal, readingId, data, ref) =>
          chat.send(principal, readingId, { clientMessageId: ref, body: data.body }),
      }),
      delivered: defineLiveRequest({
        ...readingRequests.delivered,
        handle: (principal, readingId, data) => chat.delivered(principal, readingId, data.messageId),
      }),
    },
  };
}
