import Type, { type Static } from "typebox";
import { READING_CAUSES, READING_STATES } from "./readings.state.js";

export const MODALITIES = ["chat", "voice", "video"] as const;
export type Modality = (typeof MODALITIES)[number];

const Timestamp = Type.Union([Type.String({ format: "date-time" }), Type.Null()]);

export const ReadingSchema = Type.Object(
  {
    id: Type.String(),
    clientUserId: Type.String(),
    readerUserId: Type.String(),
    clientName: Type.String(),
    readerName: Type.String(),
    readerSlug: Type.Union([Type.String(), Type.Null()], {
      description: "The reader's page: /readers/<slug>.",
    }),
    modality: Type.Enum([...MODALITIES]),
    ratePerUnitCents: Type.Integer({ description: "The locked per-minute (per billing unit) rate." }),
    unitMs: Type.Integer({ description: "The billing unit in milliseconds (60 000 = per minute)." }),
    state: Type.Enum([...READING_STATES]),
    endCause: Type.Union([Type.Enum([...READING_CAUSES]), Type.Null()]),
    billedMs: Type.Integer({ description: "Connected, active time accounted up to accruedAt." }),
    billedSeconds: Type.Integer(),
    accruedAt: Timestamp,
    chargedCents: Type.Integer(),
    readerShareCents: Type.Union([Type.Integer(), Type.Null()], { description: "Shown to the reader only." }),
    graceEndsAt: Timestamp,
    answerBy: Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
      description: "While ringing: when the request counts as missed.",
    }),
    createdAt: Type.String({ format: "date-time" }),
    acceptedAt: Timestamp,
    startedAt: Timestamp,
    endedAt: Timestamp,
    finalizedAt: Timestamp,
    pricing: Type.Enum(["per_unit", "flat"], {
      description:
        "flat: a booked reading; ratePerUnitCents is its whole price, unitMs its booked length, and it runs from scheduledStartAt to scheduledEndAt.",
    }),
    bookingId: Type.Union([Type.String(), Type.Null()]),
    scheduledStartAt: Timestamp,
    scheduledEndAt: Timestamp,
  },
  { title: "Reading" },
);

export const ReadingEnvelope = Type.Object({ reading: ReadingSchema });

export const RequestReadingBody = Type.Object(
  {
    readerUserId: Type.String({ minLength: 1, maxLength: 100 }),
    modality: Type.Enum([...MODALITIES]),
    expectedRatePerUnitCents: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      description:
        "The per-minute rate the client was shown. If the reader's rate is different now, the answer is 409 RATE_CHANGED with the current rate in `error.current.ratePerUnitCents`, and nothing starts.",
    }),
  },
  { additionalProperties: false },
);
export type RequestReadingBody = Static<typeof RequestReadingBody>;

export const ReadingParams = Type.Object({ readingId: Type.String({ format: "uuid" }) });

export const ReadingListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const TransitionList = Type.Object({
  items: Type.Array(
    Type.Object({
      fromState: Type.Union([Type.String(), Type.Null()]),
      toState: Type.String(),
      cause: Type.String(),
      at: Type.String({ format: "date-time" }),
    }),
  ),
});

/** The longest chat message (as on the socket and over HTTP). */
export const MAX_MESSAGE_CHARS = 2000;
export const ClientMessageId = Type.String({ minLength: 8, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$" });

/** A chat message of a reading, as both sides and the transcript see it. */
export const ChatMessageSchema = Type.Object(
  {
    id: Type.String(),
    readingId: Type.String(),
    senderUserId: Type.String(),
    clientMessageId: Type.String(),
    body: Type.String(),
    createdAt: Type.String({ format: "date-time" }),
    deliveredAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  },
  { title: "ChatMessage" },
);
export type ChatMessageView = Static<typeof ChatMessageSchema>;

export const SendMessageBody = Type.Object(
  {
    clientMessageId: ClientMessageId,
    body: Type.String({ minLength: 1, maxLength: MAX_MESSAGE_CHARS }),
  },
  { additionalProperties: false },
);

export const MessageListQuery = Type.Object({
  after: Type.Optional(Type.String({ format: "uuid" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const DeliveredBody = Type.Object(
  { messageId: Type.String({ format: "uuid" }) },
  { additionalProperties: false },
);

/** An Agora RTC token for the caller's side of a voice or video reading. */
export const MediaTokenSchema = Type.Object({
  provider: Type.Literal("agora"),
  appId: Type.String(),
  channel: Type.String({
    description: "The reading's Agora channel: session-<readingId> (the name Agora knows it by).",
  }),
  uid: Type.Integer({
    minimum: 1,
    maximum: 4_294_967_295,
    description: "The caller's Agora uid in the channel: 1 for the client, 2 for the reader.",
  }),
  token: Type.String({ description: "Agora RTC token (AccessToken2), publisher role." }),
  expiresAt: Type.String({
    format: "date-time",
    description: "When the token and its join/publish privileges end; ask for a new one before.",
  }),
});

/** The longest note a reader leaves the client after a reading. */
export const READER_NOTE_MAX_LENGTH = 1000;

export const ReaderNoteBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: READER_NOTE_MAX_LENGTH, description: "Plain text." }) },
  { additionalProperties: false },
);

export const ReaderNoteEnvelope = Type.Object({
  readerNote: Type.Object({ text: Type.String(), at: Type.String({ format: "date-time" }) }),
});
