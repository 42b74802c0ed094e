import { defineLiveRequest, type LiveRoom } from "../../platform/realtime/live-rooms.js";
import { streamRequests } from "./streams.events.js";
import type { StreamsService } from "./streams.service.js";

/**
 * The `stream:<id>` room: whoever may watch the stream (signed out too, for a public one) hears its
 * status, viewer count, chat and gifts; members chat on the socket (5 messages per 10 s, counted
 * over every node by the service). Joins and leaves are the viewer count.
 */
export function createStreamRoom(streams: StreamsService): LiveRoom {
  return {
    authorize: (principal, streamId) => streams.mayWatch(principal, streamId),
    onJoin(connection, streamId) {
      streams.viewers.join(connection, streamId);
    },
    onLeave(connection, streamId) {
      streams.viewers.leave(connection, streamId);
    },
    requests: {
      chat: defineLiveRequest({
        ...streamRequests.chat,
        handle: (principal, streamId, data) => streams.chat.send(principal, streamId, data.body),
      }),
    },
  };
}
