import Type, { type Static } from "typebox";
import { MODALITIES } from "../readings/readings.schemas.js";

export const BOOKING_STATUSES = [
  "confirmed",
  "completed",
  "cancelled",
  "client_no_show",
  "reader_no_show",
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_CANCELLED_BY = ["client", "reader", "admin"] as const;
export type BookingCancelledBy = (typeof BOOKING_CANCELLED_BY)[number];

export const BOOKING_STEPS = [
  "remind_24h",
  "remind_15m",
  "warn_on_demand",
  "clear_on_demand",
  "no_show",
] as const;
export type BookingStep = (typeof BOOKING_STEPS)[number];

const Timestamp = Type.String({ format: "date-time" });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const WallTime = Type.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$", description: "HH:MM" });
const LocalDate = Type.String({ pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "YYYY-MM-DD" });
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: "An IANA time zone." });
const LengthMinutes = Type.Union([Type.Literal(15), Type.Literal(30), Type.Literal(45), Type.Literal(60)]);

const Range = Type.Object({ start: WallTime, end: WallTime }, { additionalProperties: false });

export const AvailabilitySchema = Type.Object(
  {
    timeZone: TimeZone,
    weekly: Type.Array(
      Type.Object(
        {
          weekday: Type.Integer({ minimum: 1, maximum: 7, description: "1 = Monday … 7 = Sunday" }),
          ...Range.properties,
        },
        { additionalProperties: false },
      ),
      { maxItems: 70 },
    ),
    exceptions: Type.Array(
      Type.Object(
        {
          date: LocalDate,
          kind: Type.Enum(["off", "extra"], { description: "off: no hours that date; extra: hours added." }),
          ranges: Type.Array(Range, { maxItems: 10 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
    lengthsMinutes: Type.Array(LengthMinutes, { minItems: 1, maxItems: 4, uniqueItems: true }),
    modalities: Type.Array(Type.Enum([...MODALITIES]), { minItems: 1, maxItems: 3, uniqueItems: true }),
    bufferMinutes: Type.Integer({ minimum: 0, maximum: 30 }),
    minNoticeMinutes: Type.Integer({ minimum: 0, maximum: 43_200, description: "Default 720 (12 h)." }),
    horizonDays: Type.Integer({ minimum: 1, maximum: 365, description: "Default 60." }),
  },
  { additionalProperties: false, title: "Availability" },
);
export type AvailabilityInput = Static<typeof AvailabilitySchema>;

export const AvailabilityEnvelope = Type.Object({
  availability: AvailabilitySchema,
  /** False until the reader saves their hours once (the defaults are shown meanwhile). */
  saved: Type.Boolean(),
  scheduledRateCents: Type.Union([Type.Integer(), Type.Null()], {
    description: "The reader's scheduled rate per minute; bookings need one.",
  }),
});

export const BookingOptionsSchema = Type.Object({
  readerUserId: Type.String(),
  bookable: Type.Boolean({ description: "The reader has hours, a scheduled rate and is listed." }),
  readerTimeZone: Type.Union([TimeZone, Type.Null()]),
  modalities: Type.Array(Type.Enum([...MODALITIES])),
  lengthsMinutes: Type.Array(Type.Integer()),
  ratePerMinuteCents: Type.Union([Type.Integer(), Type.Null()]),
  minNoticeMinutes: Type.Integer(),
  horizonDays: Type.Integer(),
  bookedSoon: Type.Boolean({
    description:
      "A booking of this reader starts within 20 minutes (or is under way): no on-demand readings.",
  }),
});

export const SlotsQuery = Type.Object(
  {
    modality: Type.Enum([...MODALITIES]),
    lengthMinutes: Type.Integer({ minimum: 15, maximum: 60 }),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export const SlotsSchema = Type.Object(
  {
    from: Timestamp,
    to: Timestamp,
    priceCents: Type.Integer(),
    baseAt: Type.String({
      format: "date-time",
      description: "The whole UTC minute the slots count from: `from` rounded down to the minute.",
    }),
    startMinutes: Type.Array(Type.Integer({ minimum: 0 }), {
      description:
        "Each open slot's start, in whole minutes after `baseAt`, ascending (start = baseAt + minutes × 60 s).",
    }),
  },
  {
    description:
      "A reader's open slots in [from, to), for one modality and length, at the price shown. Compact: a month is about a thousand slots (docs/decisions/0021-compact-slot-lists.md).",
  },
);

export const ReaderParams = Type.Object({ readerUserId: Type.String({ minLength: 1, maxLength: 100 }) });
export const BookingParams = Type.Object({ bookingId: Type.String({ format: "uuid" }) });

export const CreateBookingBody = Type.Object(
  {
    readerUserId: Type.String({ minLength: 1, maxLength: 100 }),
    modality: Type.Enum([...MODALITIES]),
    lengthMinutes: LengthMinutes,
    startsAt: Timestamp,
    expectedPriceCents: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      description: "The price the client was shown; a different current price answers 409 PRICE_CHANGED.",
    }),
    question: Type.Optional(Type.String({ maxLength: 1000 })),
    timeZone: TimeZone,
  },
  { additionalProperties: false },
);
export type CreateBookingBody = Static<typeof CreateBookingBody>;

export const RescheduleBody = Type.Object({ startsAt: Timestamp }, { additionalProperties: false });
export const CancelBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export const BookingListQuery = Type.Object(
  { scope: Type.Optional(Type.Enum(["upcoming", "past"])) },
  { additionalProperties: false },
);

export const BookingSchema = Type.Object(
  {
    id: Type.String(),
    role: Type.Enum(["client", "reader", "admin"], { description: "Who is looking." }),
    readerUserId: Type.String(),
    readerName: Type.String(),
    readerSlug: Type.Union([Type.String(), Type.Null()]),
    clientName: Type.String(),
    modality: Type.Enum([...MODALITIES]),
    lengthMinutes: Type.Integer(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    priceCents: Type.Integer(),
    status: Type.Enum([...BOOKING_STATUSES]),
    question: Type.Union([Type.String(), Type.Null()]),
    readingId: Type.Union([Type.String(), Type.Null()]),
    joinOpensAt: Timestamp,
    canJoin: Type.Boolean(),
    canCancel: Type.Boolean(),
    canReschedule: Type.Boolean({ description: "Client only: once, at least 24 h before." }),
    cancelledBy: Type.Union([Type.Enum([...BOOKING_CANCELLED_BY]), Type.Null()]),
    cancelReason: Type.Union([Type.String(), Type.Null()]),
    refundedCents: Type.Union([Type.Integer(), Type.Null()]),
    capturedCents: Type.Union([Type.Integer(), Type.Null()]),
    readerShareCents: Type.Union([Type.Integer(), Type.Null()], { description: "Shown to the reader only." }),
    clientTimeZone: TimeZone,
    readerTimeZone: TimeZone,
    createdAt: Timestamp,
    settledAt: NullableTimestamp,
  },
  { title: "Booking" },
);
export type BookingView = Static<typeof BookingSchema>;
export const BookingEnvelope = Type.Object({ booking: BookingSchema });
export const BookingList = Type.Object({ items: Type.Array(BookingSchema) });

export const CancellationQuote = Type.Object({
  refundCents: Type.Integer(),
  capturedCents: Type.Integer(),
  rule: Type.String({ description: "Which rule applies, in words." }),
});

export const JoinEnvelope = Type.Object({ readingId: Type.String(), booking: BookingSchema });
