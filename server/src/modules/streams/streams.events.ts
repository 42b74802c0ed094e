import Type from "typebox";
import { defineLiveEvents } from "../../platform/realtime/live-events.js";
import { Board, LiveChatBody, LiveChatMessage, SentGift } from "./streams.schemas.js";
import { STREAM_STATUSES } from "./streams.state.js";

/** What everyone in a stream's room (`stream:<id>`) hears: the reader and every viewer. */
export const streamsEvents = defineLiveEvents({
  "stream.status": {
    room: "stream",
    description:
      "The stream went live, is reconnecting (the reader's connection dropped), ended or was cancelled.",
    data: Type.Object({
      streamId: Type.String(),
      status: Type.Enum([...STREAM_STATUSES]),
      endReason: Type.Union([Type.String(), Type.Null()]),
    }),
  },
  "stream.viewers": {
    room: "stream",
    description: "How many are watching now (over every app node).",
    data: Type.Object({ streamId: Type.String(), viewerCount: Type.Integer({ minimum: 0 }) }),
  },
  "stream.chat": {
    room: "stream",
    description: "A live chat message.",
    data: Type.Object({ streamId: Type.String(), message: LiveChatMessage }),
  },
  "stream.chat-removed": {
    room: "stream",
    description:
      "Messages that vanish for everyone: one the reader deleted, or all of a viewer the reader muted.",
    data: Type.Object({
      streamId: Type.String(),
      messageIds: Type.Array(Type.String(), { maxItems: 1 }),
      mutedUserId: Type.Union([Type.String(), Type.Null()]),
    }),
  },
  "stream.gift": {
    room: "stream",
    description: "A gift was sent: play its animation and show it in the chat.",
    data: Type.Object({ streamId: Type.String(), gift: SentGift }),
  },
  "stream.board": {
    room: "stream",
    description:
      "The top supporters as they stand after a gift (a batch of the room's events carries only the latest).",
    data: Type.Object({ streamId: Type.String(), board: Board }),
  },
  "stream.crisis": {
    room: "user",
    description:
      "Your live chat message (or, for the reader, a viewer's) spoke of self-harm: the viewer's app shows crisis lines, the reader's a note.",
    data: Type.Object({ streamId: Type.String(), messageId: Type.String(), senderUserId: Type.String() }),
  },
});

/** The requests a member sends to a stream's room (their data and their reply). */
export const streamRequests = {
  chat: { data: LiveChatBody, reply: LiveChatMessage },
} as const;
