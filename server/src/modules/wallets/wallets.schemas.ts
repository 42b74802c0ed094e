import Type from "typebox";
import { PageQueryFields } from "../../platform/http/pagination.js";
import { TRANSFER_CODES } from "../ledger/ledger.tables.js";

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

export const WalletSchema = Type.Object({
  balanceCents: Type.Integer(),
  currency: Type.Literal("usd"),
  topUpPresetsCents: Type.Array(Type.Integer()),
  minTopUpCents: Type.Integer(),
  maxTopUpCents: Type.Integer(),
});

export const WalletEntrySchema = Type.Object(
  {
    id: Type.String(),
    transferId: Type.String(),
    code: Type.String(),
    amountCents: Type.Integer({ description: "Positive: money in; negative: money out." }),
    references: Type.Record(Type.String(), Type.String()),
    createdAt: Type.String({ format: "date-time" }),
  },
  { title: "WalletEntry" },
);

export const WalletHistoryQuerySchema = Type.Object({
  ...PageQueryFields,
  kind: Type.Optional(Type.Enum([...TRANSFER_CODES])),
});

export const WalletHistorySchema = Type.Object({
  items: Type.Array(WalletEntrySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const SandboxParamsSchema = Type.Object({
  sessionId: Type.String({ pattern: "^cs_sandbox_[0-9a-f]{32}$" }),
});
export const SandboxCompleteBodySchema = Type.Object({
  outcome: Type.Union([Type.Literal("pay"), Type.Literal("decline")]),
});
