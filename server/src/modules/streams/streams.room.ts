import { defineLiveRequest, type LiveRoom } from "../../platform/realtime/live-rooms.js";
import { streamRequests } from "./streams.events.js";
import type { StreamsService } from "./streams.service.js";

/** A stream room's events reach each socket at most once per this long (10 frames a second). */
export const STREAM_ROOM_BATCH_MS = 100;

/**
 * The `stream:<id>` room: whoever may watch the stream (signed out too, for a public one) hears its
 * status, viewer count, chat and gifts; members chat on the socket (5 messages per 10 s, counted
 * over every node by the service). Joins and leaves are the viewer count; with Agora carrying the
 * video, the reader's own presence in the room is how a dropped reader is noticed.
 */
export function createStreamRoom(streams: StreamsService): LiveRoom {
  return {
    // Thousands may watch: each socket gets the room's events at most 10 times a second.
    batchMs: STREAM_ROOM_BATCH_MS,
    latestOnly: ["stream.board", "stream.viewers"],
    authorize: (principal, streamId) => streams.mayWatch(principal, streamId),
    onJoin(connection, streamId) {
      streams.viewers.join(connection, streamId);
      if (connection.principal) streams.readerPresence(connection.principal.userId, streamId);
    },
    onLeave(connection, streamId) {
      streams.viewers.leave(connection, streamId);
      if (connection.principal) streams.readerPresence(connection.principal.userId, streamId);
    },
    requests: {
      chat: defineLiveRequest({
        ...streamRequests.chat,
        handle: (principal, streamId, data) => streams.chat.send(principal, streamId, data.body),
      }),
    },
  };
}
