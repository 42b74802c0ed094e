import Type, { type Static } from "typebox";

export const FIGURE_PERIODS = ["day", "week", "month"] as const;
export type FigurePeriod = (typeof FIGURE_PERIODS)[number];

export const FiguresQuerySchema = Type.Object(
  {
    period: Type.Optional(
      Type.Enum([...FIGURE_PERIODS], {
        default: "day",
        description: "Bucket size: the last 30 UTC days, 12 ISO weeks (from Monday) or 12 months.",
      }),
    ),
  },
  { additionalProperties: false },
);

const Cents = (description: string) => Type.Integer({ description });
const Count = Type.Integer({ minimum: 0 });

export const FiguresBucketSchema = Type.Object({
  start: Type.String({ format: "date", description: "The bucket's first UTC day." }),
  moneyInCents: Cents("Top-ups credited to wallets."),
  platformRevenueCents: Cents("Net change of the platform revenue account (fees less refunds taken back)."),
  readerEarningsCents: Cents("Credits to readers' earnings (returned payouts left out)."),
  payoutsCents: Cents("Payouts the provider confirmed (into paid out), less reversed ones."),
  refundsCents: Cents("Refunds credited to clients' wallets."),
  disputesCents: Cents("Money taken back by card disputes (from wallets or booked as owed)."),
  newUsers: Count,
  newReaders: Type.Integer({ minimum: 0, description: "Of the new accounts, those that are readers now." }),
});

export const FiguresSchema = Type.Object({
  period: Type.Enum([...FIGURE_PERIODS]),
  generatedAt: Type.String({ format: "date-time" }),
  buckets: Type.Array(FiguresBucketSchema, { description: "Oldest first; every bucket present." }),
  totals: Type.Object(
    {
      moneyInCents: Type.Integer(),
      platformRevenueCents: Type.Integer(),
      readerEarningsCents: Type.Integer(),
      payoutsCents: Type.Integer(),
      refundsCents: Type.Integer(),
      disputesCents: Type.Integer(),
      newUsers: Count,
      newReaders: Count,
    },
    { description: "Sums over the buckets shown." },
  ),
  activeReadingsNow: Type.Integer({
    minimum: 0,
    description: "Readings in progress now (active, paused or reconnecting).",
  }),
  lastLedgerCheck: Type.Union(
    [
      Type.Object({
        at: Type.String({ format: "date-time" }),
        ok: Type.Boolean(),
        violations: Type.Integer({ minimum: 0 }),
      }),
      Type.Null(),
    ],
    { description: "This server's latest ledger check (timer or admin run); null until one ran." },
  ),
});

export type FiguresQuery = Static<typeof FiguresQuerySchema>;
export type Figures = Static<typeof FiguresSchema>;
export type FiguresBucket = Static<typeof FiguresBucketSchema>;
