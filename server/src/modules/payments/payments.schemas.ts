import Type from "typebox";

export const TopUpSchema = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    amountCents: Type.Integer(),
    currency: Type.String(),
    status: Type.Union([
      Type.Literal("pending"),
      Type.Literal("succeeded"),
      Type.Literal("failed"),
      Type.Literal("expired"),
    ]),
    provider: Type.Union([Type.Literal("stripe"), Type.Literal("sandbox")]),
    checkoutUrl: Type.Union([Type.String(), Type.Null()]),
    transferId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: "date-time" }),
    completedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  },
  { title: "TopUp" },
);

export const CreateTopUpBodySchema = Type.Object({
  amountCents: Type.Integer({
    minimum: 500,
    maximum: 50_000,
    description: "Between $5.00 and $500.00, in cents.",
  }),
  currency: Type.Optional(Type.String({ maxLength: 3, description: "Only usd." })),
});

export const TopUpParamsSchema = Type.Object({ topUpId: Type.String({ format: "uuid" }) });

export const SandboxParamsSchema = Type.Object({
  checkoutId: Type.String({ pattern: "^cs_sandbox_[0-9a-f]{32}$" }),
});
export const SandboxCompleteBodySchema = Type.Object({
  outcome: Type.Union([Type.Literal("pay"), Type.Literal("decline")]),
});

export const CardRefundBodySchema = Type.Object(
  {
    idempotencyKey: Type.String({
      minLength: 8,
      maxLength: 100,
      pattern: "^[A-Za-z0-9_-]+$",
      description: "Chosen by the caller; the same key answers the first request's refunds.",
    }),
  },
  { additionalProperties: false },
);

export const CardRefundsSchema = Type.Object({
  refunds: Type.Array(
    Type.Object(
      {
        id: Type.String({ format: "uuid" }),
        topUpId: Type.String({ format: "uuid" }),
        amountCents: Type.Integer(),
        status: Type.Enum(["pending", "succeeded", "failed"]),
        failureReason: Type.Union([Type.String(), Type.Null()]),
        createdAt: Type.String({ format: "date-time" }),
      },
      { title: "CardRefund" },
    ),
  ),
  refundedCents: Type.Integer({
    description: "Sent back (or on its way) to the card; failed ones are back in the wallet.",
  }),
});
