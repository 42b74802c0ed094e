import Type from "typebox";
import { defineLiveEvents } from "../../platform/realtime/live-events.js";
import { MessageSchema, SIDES } from "./messaging.schemas.js";

const Counts = {
  conversationId: Type.String(),
  unread: Type.Integer({ minimum: 0, description: "Your unread messages in this conversation now." }),
  unreadTotal: Type.Integer({ minimum: 0, description: "Your unread messages over all conversations now." }),
};

/** What the two people of a conversation hear on their own sockets (`user:<id>`). */
export const messagingEvents = defineLiveEvents({
  "message.new": {
    room: "user",
    description:
      "A message in one of your conversations (yours from another device, or theirs), as you see it.",
    data: Type.Object({ message: MessageSchema, ...Counts }),
  },
  "message.updated": {
    room: "user",
    description: "A paid reply was unlocked or withdrawn: the message as you see it now.",
    data: Type.Object({ message: MessageSchema, conversationId: Type.String() }),
  },
  "conversation.read": {
    room: "user",
    description:
      "A side read the conversation (you on another device: your counts now; the other side: a read receipt).",
    data: Type.Object({
      ...Counts,
      side: Type.Enum([...SIDES]),
      readAt: Type.String({ format: "date-time" }),
    }),
  },
  "conversation.updated": {
    room: "user",
    description: "A conversation was blocked, unblocked, archived or restored: fetch it again.",
    data: Type.Object({ conversationId: Type.String() }),
  },
});
