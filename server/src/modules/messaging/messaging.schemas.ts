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
  {
    readerUserId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: "A client writes to a reader." }),
    ),
    clientUserId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: "A reader writes to a client they have had a reading with.",
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1, description: "One of the two." },
);
export type OpenConversationBody = Static<typeof OpenConversationBody>;

export const SendMessageBody = Type.Object(
  {
    body: Type.String({
      maxLength: MESSAGE_MAX_CHARS,
      description: "May be empty when images are attached.",
    }),
    attachmentIds: Type.Optional(
      Type.Array(Type.String({ format: "uuid" }), {
        maxItems: 4,
        description: "Images you uploaded to this conversation (POST …/attachments) to send with it.",
      }),
    ),
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
  attachments: Type.Array(Type.Object({ id: Type.String(), width: Type.Integer(), height: Type.Integer() }), {
    description:
      "Images (GET /api/v1/message-images/{id} redirects to a short-lived link); empty while a paid reply is locked for you.",
  }),
  crisis: Type.Boolean({
    description: "The client's words suggest self-harm: the client is shown crisis lines, the reader a note.",
  }),
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
  archived: Type.Boolean({ description: "You archived it (a new message brings it back)." }),
  awaitingReply: Type.Boolean({
    description: "The latest message is the other side's: it waits on your answer.",
  }),
  otherReadAt: Type.Union([Timestamp, Type.Null()], {
    description: "When the other side last read the conversation (your messages up to then were seen).",
  }),
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
export const AttachmentParams = Type.Object({ attachmentId: Type.String({ format: "uuid" }) });
export const AttachmentEnvelope = Type.Object({
  attachment: Type.Object({ id: Type.String(), width: Type.Integer(), height: Type.Integer() }),
});
export const CONVERSATION_FILTERS = ["all", "unanswered", "archived"] as const;
export type ConversationFilter = (typeof CONVERSATION_FILTERS)[number];
export const ConversationsQuery = Type.Object({
  filter: Type.Optional(
    Type.Enum([...CONVERSATION_FILTERS], {
      default: "all",
      description: "all: not archived, the ones waiting on your answer first; unanswered; archived.",
    }),
  ),
});
export const ArchiveBody = Type.Object({ archived: Type.Boolean() }, { additionalProperties: false });

export const TEMPLATE_TITLE_MAX_CHARS = 60;
export const MAX_TEMPLATES = 50;
export const TemplateBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: TEMPLATE_TITLE_MAX_CHARS }),
    body: Type.String({ minLength: 1, maxLength: MESSAGE_MAX_CHARS }),
  },
  { additionalProperties: false },
);
export type TemplateBody = Static<typeof TemplateBody>;
export const TemplateSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export const TemplateList = Type.Object({ items: Type.Array(TemplateSchema) });
export const TemplateEnvelope = Type.Object({ template: TemplateSchema });
export const TemplateParams = Type.Object({ templateId: Type.String({ format: "uuid" }) });

export const HistorySchema = Type.Object({
  clientName: Type.String(),
  readings: Type.Array(
    Type.Object({
      readingId: Type.String(),
      modality: Type.String(),
      pricing: Type.String(),
      state: Type.String(),
      startedAt: Type.Union([Timestamp, Type.Null()]),
      endedAt: Type.Union([Timestamp, Type.Null()]),
      billedMs: Type.Integer(),
      chargedCents: Type.Integer(),
      readerNote: NullableString,
    }),
    { description: "Readings this client had with you, latest first, with the notes you left." },
  ),
});

export const ReportBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 1000, pattern: "\\S" }) },
  { additionalProperties: false },
);
export const REPORT_STATUSES = ["open", "resolved"] as const;
export const ReportSchema = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  side: Type.Enum([...SIDES], { description: "The side that reported." }),
  reporterName: Type.String(),
  clientName: Type.String(),
  readerName: Type.String(),
  reason: Type.String(),
  createdAt: Timestamp,
  resolvedAt: Type.Union([Timestamp, Type.Null()]),
  resolution: NullableString,
});
export const ReportEnvelope = Type.Object({ report: ReportSchema });
export const ReportList = Type.Object({ items: Type.Array(ReportSchema) });
export const ReportsQuery = Type.Object({
  status: Type.Optional(Type.Enum([...REPORT_STATUSES], { default: "open" })),
});
export const ReportParams = Type.Object({ reportId: Type.String({ format: "uuid" }) });
export const ResolveReportBody = Type.Object(
  { resolution: Type.String({ minLength: 3, maxLength: 1000, pattern: "\\S" }) },
  { additionalProperties: false },
);
export const ReportedConversation = Type.Object({
  report: ReportSchema,
  messages: Type.Array(
    Type.Object({
      id: Type.String(),
      side: Type.Enum([...SIDES]),
      body: Type.String({ description: "As written, contact details included." }),
      paid: Type.Boolean(),
      priceCents: Type.Union([Type.Integer(), Type.Null()]),
      preview: NullableString,
      unlockedAt: Type.Union([Timestamp, Type.Null()]),
      withdrawnAt: Type.Union([Timestamp, Type.Null()]),
      contactHidden: Type.Boolean(),
      crisis: Type.Boolean(),
      createdAt: Timestamp,
    }),
    { description: "Oldest first, up to 1,000." },
  ),
});

export const MessagesQuery = Type.Object({
  before: Type.Optional(Type.String({ format: "uuid", description: "Messages older than this one." })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});
export type MessagesQuery = Static<typeof MessagesQuery>;

export const SupportLinesQuery = Type.Object({
  country: Type.Optional(Type.String({ pattern: "^[A-Za-z]{2}$", description: "ISO 3166-1 alpha-2" })),
});
export const SupportLines = Type.Object({
  lines: Type.Array(
    Type.Object({
      name: Type.String(),
      phone: NullableString,
      text: Type.Union([Type.String(), Type.Null()], { description: 'How to text the line ("Text 988").' }),
      url: NullableString,
      hours: Type.String(),
    }),
  ),
});
