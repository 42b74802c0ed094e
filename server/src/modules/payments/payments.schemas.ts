import Type from "typebox";

export const TopUpSchema = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    amountCents: Type.Integer(),
    currency: Type.String(),
    status: Type.Union([
      Type.Literal("pending"),
      Type.Literal("requires_action"),
      Type.Literal("succeeded"),
      Type.Literal("failed"),
      Type.Literal("expired"),
    ]),
    kind: Type.Union([Type.Literal("checkout"), Type.Literal("auto_reload")], {
      description: "checkout: paid on the provider's page; auto_reload: the saved card, off-session.",
    }),
    failureMessage: Type.Union([Type.String(), Type.Null()]),
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

const Cents = (description: string) => Type.Integer({ minimum: 500, maximum: 50_000, description });

export const AutoReloadSchema = Type.Object(
  {
    card: Type.Union([
      Type.Object({
        brand: Type.Union([Type.String(), Type.Null()]),
        last4: Type.Union([Type.String(), Type.Null()]),
        expMonth: Type.Union([Type.Integer(), Type.Null()]),
        expYear: Type.Union([Type.Integer(), Type.Null()]),
      }),
      Type.Null(),
    ]),
    savingCard: Type.Boolean({ description: "A card is being saved on the provider's page." }),
    enabled: Type.Boolean(),
    amountCents: Type.Integer(),
    floorCents: Type.Union([Type.Integer(), Type.Null()]),
    minIntervalMinutes: Type.Integer(),
    maxPerDay: Type.Integer(),
    last: Type.Union([
      Type.Object({
        topUpId: Type.String({ format: "uuid" }),
        amountCents: Type.Integer(),
        status: TopUpSchema.properties.status,
        failureMessage: Type.Union([Type.String(), Type.Null()]),
        createdAt: Type.String({ format: "date-time" }),
      }),
      Type.Null(),
    ]),
  },
  { title: "AutoReload" },
);

export const AutoReloadBodySchema = Type.Object(
  {
    enabled: Type.Boolean(),
    amountCents: Cents("What each auto-reload adds: $5.00 to $500.00, in cents."),
    floorCents: Type.Union(
      [
        Type.Integer({
          minimum: 100,
          maximum: 50_000,
          description: "Outside readings, reload when the balance falls below this ($1.00 to $500.00).",
        }),
        Type.Null(),
      ],
      { description: "null: reload only in readings (below 2 minutes of the rate)." },
    ),
  },
  { additionalProperties: false },
);

export const UrlSchema = Type.Object({ url: Type.Union([Type.String(), Type.Null()]) });

export const SandboxSaveCardBodySchema = Type.Object({
  card: Type.Union([Type.Literal("pays"), Type.Literal("authenticates"), Type.Literal("declines")], {
    description: "The pretend card: always pays, asks for 3-D Secure on every charge, or is declined.",
  }),
});

export const SandboxAuthenticateBodySchema = Type.Object({
  outcome: Type.Union([Type.Literal("approve"), Type.Literal("fail")]),
});
