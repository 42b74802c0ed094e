import Type, { type Static } from "typebox";

/** Who wrote a message, as the conversation sees it. */
export const SIDES = ["client", "reader"] as const;
export type Side = (typeof SIDES)[number];

/** A paid reply costs $1.00–$25.00 (product.md section 6); $1.00 when the reader names no price. */
export const PAID_REPLY_MIN_CENTS = 100;
export const PAID_REPLY_MAX_CENTS = 2500;
export const MESSAGE_MAX_CHARS = 4000;
export const PREVIEW_MAX_CHARS = 140;

const Timestamp = Type.String({ format: "date-time" });
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const OpenConversationBody = Type.Object(
  { readerUserId: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export type OpenConversationBody = Static<typeof OpenConversationBody>;

export const SendMessageBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: MESSAGE_MAX_CHARS }),
    paid: Type.Optional(
      Type.Object(
        {
          priceCents: Type.Optional(
            Type.Integer({
              minimum: PAID_REPLY_MIN_CENTS,
              maximum: PAID_REPLY_MAX_CENTS,
              description: "Default 100 ($1.00).",
            }),
          ),
          preview: Type.Optional(Type.String({ maxLength: PREVIEW_MAX_CHARS })),
        },
        {
          additionalProperties: false,
          description: "Readers only: the reply is locked until the client pays this price.",
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SendMessageBody = Static<typeof SendMessageBody>;

export const MessageSchema = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  side: Type.Enum([...SIDES]),
  body: Type.Union([Type.String(), Type.Null()], {
    description: "Null while a paid reply is locked for you (the client), or once it was withdrawn.",
  }),
  paid: Type.Boolean(),
  priceCents: Type.Union([Type.Integer(), Type.Null()]),
  preview: NullableString,
  locked: Type.Boolean({ description: "A paid reply the client has not unlocked yet." }),
  contactHidden: Type.Boolean({
    description: "Email addresses, links or phone numbers in it were hidden (they are not allowed here).",
  }),
  unlockedAt: Type.Union([Timestamp, Type.Null()]),
  withdrawnAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
});
export type MessageView = Static<typeof MessageSchema>;

export const ConversationSchema = Type.Object({
  id: Type.String(),
  clientUserId: Type.String(),
  readerUserId: Type.String(),
  /** The other side's name, as you see it. */
  otherName: Type.String(),
  readerSlug: NullableString,
  unread: Type.Integer({ minimum: 0, description: "Messages to you not yet read." }),
  lastMessage: Type.Union([MessageSchema, Type.Null()]),
  blocked: Type.Boolean({ description: "Either side blocked the other: no more messages." }),
  blockedByYou: Type.Boolean(),
  createdAt: Timestamp,
  lastMessageAt: Type.Union([Timestamp, Type.Null()]),
});
export type ConversationView = Static<typeof ConversationSchema>;

export const ConversationEnvelope = Type.Object({ conversation: ConversationSchema });
export const ConversationList = Type.Object({
  items: Type.Array(ConversationSchema),
  unreadTotal: Type.Integer({ minimum: 0 }),
});
export const MessageEnvelope = Type.Object({ message: MessageSchema });
export const MessagePage = Type.Object({
  items: Type.Array(MessageSchema, { description: "Oldest first." }),
  hasEarlier: Type.Boolean(),
});
export const UnlockResult = Type.Object({ message: MessageSchema, balanceCents: Type.Integer() });
export const UnreadTotal = Type.Object({ unreadTotal: Type.Integer({ minimum: 0 }) });

export const ConversationParams = Type.Object({ conversationId: Type.String({ format: "uuid" }) });
export const MessageParams = Type.Object({ messageId: Type.String({ format: "uuid" }) });
export const MessagesQuery = Type.Object({
  before: Type.Optional(Type.String({ format: "uuid", description: "Messages older than this one." })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});
export type MessagesQuery = Static<typeof MessagesQuery>;
