import Type from "typebox";
import { PageQueryFields } from "../../platform/http/pagination.js";
import { DISPUTE_STATUSES } from "./disputes.state.js";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const Reason = Type.String({
  minLength: 3,
  maxLength: 500,
  pattern: "\\S",
  description: "Why (kept in the audit log).",
});

export const TopUpParamsSchema = Type.Object({ topUpId: Type.String({ format: "uuid" }) });

export const DisputeParamsSchema = Type.Object({ disputeId: Type.String({ format: "uuid" }) });

export const AdminDisputesQuerySchema = Type.Object({
  ...PageQueryFields,
  status: Type.Optional(Type.Enum([...DISPUTE_STATUSES])),
});

export const AdminDisputeSchema = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    provider: Type.Enum(["stripe", "sandbox"]),
    providerDisputeId: Type.String(),
    topUpId: Type.String({ format: "uuid" }),
    clientUserId: Type.String(),
    clientName: Nullable(Type.String()),
    clientEmail: Nullable(Type.String()),
    amountCents: Type.Integer({ description: "What the card processor took back." }),
    reason: Nullable(Type.String({ description: "The processor's reason code." })),
    status: Type.Enum([...DISPUTE_STATUSES]),
    fromWalletCents: Type.Integer({ description: "Taken from the client's wallet when it opened." }),
    owedCents: Type.Integer({ description: "What the wallet no longer held: owed (chargeback receivable)." }),
    readersCents: Nullable(Type.Integer({ description: "Lost: what the readers gave back." })),
    lossCents: Nullable(Type.Integer({ description: "Lost: what the platform lost." })),
    openedAt: Type.String({ format: "date-time" }),
    closedAt: Nullable(Type.String({ format: "date-time" })),
    closedBy: Nullable(Type.String({ description: "`provider`, or the id of the admin who resolved it." })),
    closeNote: Nullable(Type.String()),
    wallet: Type.Object({
      balanceCents: Type.Integer(),
      frozenAt: Nullable(Type.String({ format: "date-time" })),
    }),
  },
  { title: "AdminDispute" },
);

const Totals = Type.Object({ count: Type.Integer(), amountCents: Type.Integer() });

export const AdminDisputesSchema = Type.Object({
  items: Type.Array(AdminDisputeSchema),
  nextCursor: Nullable(Type.String()),
  totals: Type.Object({
    open: Type.Optional(Totals),
    won: Type.Optional(Totals),
    lost: Type.Optional(Totals),
  }),
});

export const ResolveDisputeBodySchema = Type.Object(
  {
    outcome: Type.Enum(["won", "lost"], {
      description:
        "won: the chargeback is reversed and the wallet unfrozen; lost: what was owed is written off.",
    }),
    reason: Reason,
  },
  { additionalProperties: false },
);

export const UnfreezeBodySchema = Type.Object({ reason: Reason }, { additionalProperties: false });
