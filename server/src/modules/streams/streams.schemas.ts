import Type, { type Static } from "typebox";
import {
  CHAT_MAX_CHARS,
  STREAM_STATUSES,
  STREAM_VISIBILITIES,
  TICKET_MAX_CENTS,
  TICKET_MIN_CENTS,
} from "./streams.state.js";

const Timestamp = Type.String({ format: "date-time" });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const Uuid = Type.String({ format: "uuid" });
/** Chosen by the app once per payment; a repeat moves no money twice. */
const IdempotencyKey = Type.String({
  minLength: 16,
  maxLength: 100,
  pattern: "^[A-Za-z0-9_-]+$",
  description: "Chosen by the app once per payment; a repeat moves no money twice.",
});

export const GIFT_ANIMATIONS = [
  "rose",
  "crystal",
  "star",
  "moon",
  "sun",
  "diamond",
  "heart",
  "sparkle",
] as const;

export const StreamParams = Type.Object({ streamId: Uuid }, { additionalProperties: false });
export const GiftParams = Type.Object({ giftId: Uuid }, { additionalProperties: false });
export const ChatMessageParams = Type.Object(
  { streamId: Uuid, messageId: Uuid },
  { additionalProperties: false },
);

export const CreateStreamBody = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 100 }),
    topic: Type.String({
      minLength: 2,
      maxLength: 60,
      description: "What it is about, e.g. Tarot or Astrology.",
    }),
    visibility: Type.Enum([...STREAM_VISIBILITIES]),
    ticketPriceCents: Type.Optional(
      Type.Integer({
        minimum: TICKET_MIN_CENTS,
        maximum: TICKET_MAX_CENTS,
        description: "Premium streams only: the ticket, paid once from the wallet.",
      }),
    ),
    startsAt: Type.Optional(
      Type.String({ format: "date-time", description: "When it is scheduled; absent: now (then start it)." }),
    ),
  },
  { additionalProperties: false },
);
export type CreateStreamBody = Static<typeof CreateStreamBody>;

export const StreamListQuery = Type.Object(
  {
    status: Type.Union([Type.Literal("live"), Type.Literal("scheduled")], { default: "live" }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 24 }),
  },
  { additionalProperties: false },
);

const ReaderRef = Type.Object({ userId: Type.String(), displayName: Type.String(), slug: Type.String() });

export const StreamAccess = Type.Object(
  {
    canWatch: Type.Boolean({ description: "The caller may watch (and, signed in, chat and send gifts)." }),
    isReader: Type.Boolean(),
    needsSignIn: Type.Boolean(),
    needsTicket: Type.Boolean(),
    hasTicket: Type.Boolean(),
    needsInvitation: Type.Boolean(),
    reminded: Type.Boolean({ description: "The caller asked to be reminded when it starts." }),
    muted: Type.Boolean(),
  },
  { title: "StreamAccess" },
);

export const StreamView = Type.Object(
  {
    id: Uuid,
    reader: ReaderRef,
    title: Type.String(),
    topic: Type.String(),
    visibility: Type.Enum([...STREAM_VISIBILITIES]),
    ticketPriceCents: Type.Union([Type.Integer(), Type.Null()]),
    status: Type.Enum([...STREAM_STATUSES]),
    scheduledFor: NullableTimestamp,
    startedAt: NullableTimestamp,
    endedAt: NullableTimestamp,
    endReason: Type.Union([Type.String(), Type.Null()]),
    access: StreamAccess,
  },
  { title: "Stream" },
);
export type StreamView = Static<typeof StreamView>;

export const StreamEnvelope = Type.Object({ stream: StreamView });
export const StreamList = Type.Object({ items: Type.Array(StreamView) });

export const GiftView = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    priceCents: Type.Integer(),
    animation: Type.String(),
    active: Type.Boolean(),
  },
  { title: "Gift" },
);
export const GiftList = Type.Object({ items: Type.Array(GiftView) });

export const CreateGiftBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 40 }),
    priceCents: Type.Integer({ minimum: 1, maximum: 100_000 }),
    animation: Type.Enum([...GIFT_ANIMATIONS]),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateGiftBody = Static<typeof CreateGiftBody>;
export const UpdateGiftBody = Type.Partial(CreateGiftBody, { additionalProperties: false, minProperties: 1 });
export type UpdateGiftBody = Static<typeof UpdateGiftBody>;

export const SendGiftBody = Type.Object(
  { giftId: Uuid, idempotencyKey: IdempotencyKey },
  { additionalProperties: false },
);

export const BoardEntry = Type.Object(
  {
    userId: Type.String(),
    displayName: Type.String(),
    totalCents: Type.Integer(),
    giftCount: Type.Integer(),
  },
  { title: "BoardEntry" },
);
export const Board = Type.Array(BoardEntry, { maxItems: 10 });

export const SentGift = Type.Object(
  {
    id: Uuid,
    streamId: Uuid,
    giftId: Uuid,
    name: Type.String(),
    animation: Type.String(),
    priceCents: Type.Integer(),
    sender: Type.Object({ userId: Type.String(), displayName: Type.String() }),
    createdAt: Timestamp,
  },
  { title: "SentGift" },
);
export const SendGiftResult = Type.Object({ gift: SentGift, board: Board, balanceCents: Type.Integer() });
export const TicketResult = Type.Object({
  priceCents: Type.Integer(),
  balanceCents: Type.Integer(),
  stream: StreamView,
});

export const InviteBody = Type.Object(
  { clientUserIds: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);
export const InviteResult = Type.Object({ invited: Type.Integer({ description: "Newly invited clients." }) });
export const ReminderBody = Type.Object({ on: Type.Boolean() }, { additionalProperties: false });

export const LiveChatMessage = Type.Object(
  {
    id: Uuid,
    sender: Type.Object({ userId: Type.String(), displayName: Type.String(), isReader: Type.Boolean() }),
    body: Type.String({ description: "As shown: contact details masked." }),
    createdAt: Timestamp,
  },
  { title: "LiveChatMessage" },
);
export type LiveChatMessage = Static<typeof LiveChatMessage>;
export const LiveChatBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: CHAT_MAX_CHARS }) },
  { additionalProperties: false },
);
export const LiveChatPage = Type.Object({ items: Type.Array(LiveChatMessage) });
export const MuteBody = Type.Object(
  { userId: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const StreamRoomState = Type.Object(
  {
    stream: StreamView,
    viewerCount: Type.Integer(),
    board: Board,
    chat: Type.Array(LiveChatMessage),
  },
  { title: "StreamRoomState" },
);

export const StreamSummary = Type.Object(
  {
    stream: StreamView,
    peakViewers: Type.Integer(),
    totalViewers: Type.Integer(),
    giftCount: Type.Integer(),
    giftCents: Type.Integer(),
    ticketCount: Type.Integer(),
    ticketCents: Type.Integer(),
    earningsCents: Type.Integer({ description: "The reader's share of the gifts and tickets kept." }),
    board: Board,
  },
  { title: "StreamSummary" },
);

export const StreamMediaToken = Type.Object(
  {
    provider: Type.Literal("agora"),
    appId: Type.String(),
    channel: Type.String(),
    uid: Type.Integer({ description: "The reader's uid (1); 0 for viewers: Agora assigns theirs." }),
    role: Type.Enum(["host", "audience"]),
    token: Type.String(),
    expiresAt: Timestamp,
  },
  { title: "StreamMediaToken" },
);
