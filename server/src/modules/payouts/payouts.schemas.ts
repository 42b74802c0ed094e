import Type from "typebox";
import { PageQueryFields } from "../../platform/http/pagination.js";
import { PAYOUT_STATUSES, PAYOUT_TRIGGERS } from "./payouts.state.js";
import { EARNING_SOURCES } from "./payouts.view.js";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const PayoutSchema = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    readerUserId: Type.String(),
    amountCents: Type.Integer(),
    status: Type.Enum([...PAYOUT_STATUSES]),
    trigger: Type.Enum([...PAYOUT_TRIGGERS]),
    provider: Type.Enum(["stripe", "sandbox"]),
    providerTransferId: Nullable(Type.String()),
    failureReason: Nullable(Type.String()),
    attempts: Type.Integer(),
    createdAt: Type.String({ format: "date-time" }),
    paidAt: Nullable(Type.String({ format: "date-time" })),
  },
  { title: "Payout" },
);

export const PayoutAccountSchema = Type.Object({
  status: Type.Enum(["none", "onboarding", "ready"]),
  provider: Nullable(Type.Enum(["stripe", "sandbox"])),
  thresholdCents: Type.Integer({
    description: "What a daily payout needs at least (the reader's own or the minimum).",
  }),
  ownThresholdCents: Nullable(Type.Integer()),
  minimumThresholdCents: Type.Integer(),
  held: Type.Boolean(),
  heldReason: Nullable(Type.String()),
});

const SourcesSchema = Type.Object(
  Object.fromEntries(EARNING_SOURCES.map((source) => [source, Type.Integer()])) as Record<
    (typeof EARNING_SOURCES)[number],
    ReturnType<typeof Type.Integer>
  >,
);
const ChartBucketSchema = Type.Object({
  start: Type.String({ description: "First day of the period (YYYY-MM-DD, UTC)." }),
  totalCents: Type.Integer(),
  sources: SourcesSchema,
});

export const PayoutHistorySchema = Type.Object({
  items: Type.Array(PayoutSchema),
  nextCursor: Nullable(Type.String()),
});

export const MyPayoutsSchema = Type.Object({
  account: PayoutAccountSchema,
  availableCents: Type.Integer({ description: "Earnings past the refund window: paid at the next run." }),
  pendingCents: Type.Integer({ description: "Earnings still inside the refund window." }),
  owedCents: Type.Integer({
    description: "Refunds of earnings already paid out: paid back from earnings before the next payout.",
  }),
  inTransitCents: Type.Integer(),
  paidCents: Type.Integer(),
  pendingHours: Type.Integer(),
  nextPayoutAt: Type.String({ format: "date-time" }),
  chart: Type.Object({
    days: Type.Array(ChartBucketSchema),
    weeks: Type.Array(ChartBucketSchema),
    months: Type.Array(ChartBucketSchema),
  }),
  history: PayoutHistorySchema,
});

export const OnboardingLinkSchema = Type.Object({
  url: Type.String(),
  status: Type.Enum(["none", "onboarding", "ready"]),
});

export const ThresholdBodySchema = Type.Object(
  {
    thresholdCents: Nullable(
      Type.Integer({ description: "Your own minimum for a daily payout; null for the platform's minimum." }),
    ),
  },
  { additionalProperties: false },
);

export const SandboxAccountParamsSchema = Type.Object({
  accountId: Type.String({ pattern: "^acct_sandbox_[A-Za-z0-9]{1,40}$" }),
});
export const SandboxAccountSchema = Type.Object({
  accountId: Type.String(),
  status: Type.Enum(["none", "onboarding", "ready"]),
});

const Reason = Type.String({
  minLength: 3,
  maxLength: 500,
  pattern: "\\S",
  description: "Why (kept in the audit log).",
});

export const AdminPayoutsQuerySchema = Type.Object({
  ...PageQueryFields,
  status: Type.Optional(Type.Enum([...PAYOUT_STATUSES])),
  trigger: Type.Optional(Type.Enum([...PAYOUT_TRIGGERS])),
  readerUserId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});

export const AdminPayoutsSchema = Type.Object({
  items: Type.Array(
    Type.Intersect([
      PayoutSchema,
      Type.Object({ readerName: Nullable(Type.String()), readerEmail: Nullable(Type.String()) }),
    ]),
  ),
  nextCursor: Nullable(Type.String()),
  totals: Type.Array(
    Type.Object({ status: Type.Enum([...PAYOUT_STATUSES]), count: Type.Integer(), cents: Type.Integer() }),
  ),
  held: Type.Array(
    Type.Object({
      readerUserId: Type.String(),
      readerName: Nullable(Type.String()),
      heldAt: Type.String({ format: "date-time" }),
      heldReason: Type.String(),
    }),
  ),
});

export const ReaderParamsSchema = Type.Object({
  readerUserId: Type.String({ minLength: 1, maxLength: 100 }),
});
export const PayoutParamsSchema = Type.Object({ payoutId: Type.String({ format: "uuid" }) });
export const ReasonBodySchema = Type.Object({ reason: Reason }, { additionalProperties: false });
export const PayNowBodySchema = Type.Object(
  {
    reason: Reason,
    idempotencyKey: Type.String({ minLength: 8, maxLength: 100, pattern: "^[A-Za-z0-9_-]+$" }),
  },
  { additionalProperties: false },
);
export const HoldStateSchema = Type.Object({ held: Type.Boolean(), heldReason: Nullable(Type.String()) });
export const PayoutResponseSchema = Type.Object({ payout: PayoutSchema });

export const StatementParamsSchema = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 9999, description: "A calendar year (UTC), up to this one." }),
});

const StatementRowFields = {
  sources: SourcesSchema,
  earnedCents: Type.Integer({ description: "Credited to the reader's earnings, by source." }),
  takenBackCents: Type.Integer({ description: "Taken back by refunds and lost card disputes." }),
  netCents: Type.Integer(),
  paidOutCents: Type.Integer({ description: "Payouts the provider confirmed in the month." }),
};

export const StatementSchema = Type.Object(
  {
    year: Type.Integer(),
    readerName: Nullable(Type.String()),
    generatedAt: Type.String({ format: "date-time" }),
    months: Type.Array(
      Type.Object({ month: Type.String({ description: "YYYY-MM (UTC)" }), ...StatementRowFields }),
    ),
    totals: Type.Object(StatementRowFields),
  },
  { title: "EarningsStatement" },
);
