import Type from "typebox";

export const ReadingParamsSchema = Type.Object({ readingId: Type.String({ format: "uuid" }) });

export const ReadingRefundBodySchema = Type.Object(
  {
    amountCents: Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      description: "In cents, at most $10,000.00.",
    }),
    reason: Type.String({
      minLength: 3,
      maxLength: 500,
      pattern: "\\S",
      description: "Why (kept in the audit log).",
    }),
    idempotencyKey: Type.String({
      minLength: 8,
      maxLength: 100,
      pattern: "^[A-Za-z0-9_-]+$",
      description: "Chosen by the caller; repeating a request with the same key moves no money twice.",
    }),
  },
  { additionalProperties: false },
);

export const ReadingRefundSchema = Type.Object({
  transferId: Type.String(),
  created: Type.Boolean(),
  refundedCents: Type.Integer({ description: "Back to the client's wallet." }),
  readerCents: Type.Integer({ description: "Taken back from the reader (earnings, then what they owe)." }),
  platformCents: Type.Integer(),
  owedCents: Type.Integer({
    description: "The reader's part their earnings no longer held: netted from their next payouts.",
  }),
  refundableCents: Type.Integer({ description: "What of the reading can still be refunded after this." }),
});

export const BookingParamsSchema = Type.Object({ bookingId: Type.String({ format: "uuid" }) });

export const BookingRefundSchema = Type.Intersect([
  ReadingRefundSchema,
  Type.Object({
    refundOf: Type.Enum(["reading", "booking"], {
      description: "reading: the booked reading's charges; booking: what the cancellation captured.",
    }),
  }),
]);
