import Type from "typebox";
import { PageQueryFields } from "../../platform/http/pagination.js";
import { TRANSFER_CODES } from "../ledger/ledger.rules.js";

export const WalletSchema = Type.Object({
  balanceCents: Type.Integer(),
  frozen: Type.Boolean({
    description: "Frozen while a card dispute of a top-up is open: nothing can be spent or withdrawn.",
  }),
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

const Reason = Type.String({
  minLength: 3,
  maxLength: 500,
  pattern: "\\S",
  description: "Why (kept in the audit log).",
});
const IdempotencyKey = Type.String({
  minLength: 8,
  maxLength: 100,
  pattern: "^[A-Za-z0-9_-]+$",
  description: "Chosen by the caller; repeating a request with the same key moves no money twice.",
});
const AmountCents = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description: "In cents, at most $10,000.00.",
});

export const UserIdParamsSchema = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 100 }) });

export const AdjustmentBodySchema = Type.Object({
  direction: Type.Union([Type.Literal("credit"), Type.Literal("debit")]),
  amountCents: AmountCents,
  reason: Reason,
  idempotencyKey: IdempotencyKey,
});

export const RefundBodySchema = Type.Object({
  transferId: Type.String({
    format: "uuid",
    description: "The charge's transfer (the `transferId` of a history row).",
  }),
  amountCents: AmountCents,
  reason: Reason,
  idempotencyKey: IdempotencyKey,
});

export const PostedSchema = Type.Object({ transferId: Type.String(), created: Type.Boolean() });

export const AdminWalletSchema = Type.Object({
  user: Type.Object({
    id: Type.String(),
    email: Type.String(),
    displayName: Type.String(),
    role: Type.String(),
  }),
  walletBalanceCents: Type.Integer(),
  walletFrozen: Type.Boolean({
    description: "Frozen while a card dispute is open (see the disputes queue).",
  }),
  earningsBalanceCents: Type.Integer(),
  history: WalletHistorySchema,
});

export const VerifyReportSchema = Type.Object({
  checkedAt: Type.String({ format: "date-time" }),
  ok: Type.Boolean(),
  checks: Type.Array(Type.String()),
  violations: Type.Array(Type.Object({ check: Type.String(), detail: Type.String() })),
  accounts: Type.Integer(),
  transfers: Type.Integer(),
  entries: Type.Integer(),
});

const Period = Type.Union([Type.Literal("daily"), Type.Literal("weekly"), Type.Literal("monthly")]);
export const SpendingLimitsSchema = Type.Object({
  limits: Type.Array(
    Type.Object({
      period: Period,
      limitCents: Type.Union([Type.Integer(), Type.Null()]),
      pendingLimitCents: Type.Union([Type.Integer(), Type.Null()]),
      pendingEffectiveAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
      pendingRemoval: Type.Boolean(),
    }),
  ),
});
export const SpendingLimitParamsSchema = Type.Object({ period: Period });
export const SpendingLimitBodySchema = Type.Object({
  limitCents: Type.Union([Type.Integer({ minimum: 100, maximum: 1_000_000 }), Type.Null()], {
    description: "null removes the limit (after 24 h, like a raise).",
  }),
});
