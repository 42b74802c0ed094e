import { useState } from "react";
import { useSearchParams } from "react-router";
import { ReasonDialog } from "../../components/reason-dialog";
import { Alert, Button, Card, EmptyState, LoadMore, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { AdminShell } from "../admin/admin-shell";
import {
  type AdminDispute,
  type AdminDisputes,
  type DisputeAction,
  type DisputeStatus,
  useAdminDisputes,
  useDisputeAction,
} from "./queries";

const STATUS_LABEL: Record<DisputeStatus, string> = { open: "Open", won: "Won", lost: "Lost" };
const STATUS_CLASS: Record<DisputeStatus, string> = {
  open: "border-gold/60 text-gold",
  won: "border-emerald-300/60 text-emerald-300",
  lost: "border-pink/70 text-pink",
};
const FILTERS: { value: DisputeStatus | null; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "lost", label: "Lost" },
  { value: "won", label: "Won" },
  { value: null, label: "All" },
];

const COPY: Record<DisputeAction["kind"], { title: string; effect: string; submit: string }> = {
  won: {
    title: "Mark won:",
    effect:
      "The card processor returned the money: what was taken from the wallet goes back to it, what was owed is cleared, and the wallet is unfrozen unless another dispute of this client is open.",
    submit: "Mark won",
  },
  lost: {
    title: "Mark lost:",
    effect:
      "The card processor kept the money: what the wallet no longer held is written off. The readers give back their part of the charges that money paid (from their earnings, or from their next payouts once paid out); the rest is the platform's loss. The wallet stays frozen until you unfreeze it.",
    submit: "Mark lost",
  },
  unfreeze: {
    title: "Unfreeze the wallet of",
    effect: "The client can spend and withdraw again. Their disputes are all closed.",
    submit: "Unfreeze wallet",
  },
};

type PendingAction = { kind: DisputeAction["kind"]; dispute: AdminDispute };

/** The card dispute queue: open disputes first, each with its client's wallet, resolved with a reason. */
export function AdminDisputesPage() {
  const [params, setParams] = useSearchParams();
  const raw = params.get("status");
  const status: DisputeStatus | null =
    raw === "all" ? null : raw === "won" || raw === "lost" || raw === "open" ? raw : "open";
  const disputes = useAdminDisputes(status);
  const [action, setAction] = useState<PendingAction | null>(null);
  const first = disputes.data?.pages[0];
  const items = disputes.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell
      title="Disputes"
      subtitle="Card disputes of top-ups — the wallet is frozen while one is open. With Stripe, its closing event resolves a dispute on its own; resolve by hand only when the answer came another way."
    >
      <div className="grid gap-6 [&>*]:min-w-0">
        {first && <Totals totals={first.totals} />}
        <nav aria-label="Dispute status" className="flex flex-wrap gap-2">
          {FILTERS.map((filter) => {
            const active = filter.value === status;
            return (
              <button
                key={filter.label}
                type="button"
                aria-pressed={active}
                onClick={() => setParams({ status: filter.value ?? "all" })}
                className={`rounded-full px-4 py-2 text-sm ${active ? "bg-gold text-night" : "border border-gold/50 text-gold hover:bg-gold/10"}`}
              >
                {filter.label}
              </button>
            );
          })}
        </nav>
        {disputes.isLoading && <Spinner label="Loading disputes" />}
        {disputes.error && <Alert>{friendlyMessage(disputes.error)}</Alert>}
        {disputes.data && (
          <Card className="min-w-0">
            <h2 className="text-4xl text-gold">
              {status ? `${STATUS_LABEL[status]} disputes` : "All disputes"}
            </h2>
            {items.length === 0 ? (
              <EmptyState>
                {status === "open" ? "No open disputes: every card charge stands." : "No disputes here."}
              </EmptyState>
            ) : (
              <ul className="mt-3 divide-y divide-white/10">
                {items.map((dispute) => (
                  <DisputeItem key={dispute.id} dispute={dispute} onAction={setAction} />
                ))}
              </ul>
            )}
            <LoadMore query={disputes} />
          </Card>
        )}
        {action && <DisputeActionDialog action={action} onClose={() => setAction(null)} />}
      </div>
    </AdminShell>
  );
}

function Totals({ totals }: { totals: AdminDisputes["totals"] }) {
  return (
    <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
      {(Object.keys(STATUS_LABEL) as DisputeStatus[]).map((key) => (
        <Card key={key}>
          <dt className="text-sm text-white/60">{STATUS_LABEL[key]}</dt>
          <dd className="font-heading text-3xl text-gold">{formatCents(totals[key]?.amountCents ?? 0)}</dd>
          <dd className="text-xs text-white/60">
            {totals[key]?.count ?? 0} dispute{totals[key]?.count === 1 ? "" : "s"}
          </dd>
        </Card>
      ))}
    </dl>
  );
}

function DisputeItem({
  dispute,
  onAction,
}: {
  dispute: AdminDispute;
  onAction: (action: PendingAction) => void;
}) {
  const client = dispute.clientName ?? dispute.clientUserId;
  const frozen = dispute.wallet.frozenAt !== null;
  return (
    <li className="grid gap-3 py-4 md:grid-cols-[1fr_auto] md:items-start">
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-semibold">{client}</span>
          <span
            className={`inline-block rounded-full border px-2 py-0.5 text-xs ${STATUS_CLASS[dispute.status]}`}
          >
            {STATUS_LABEL[dispute.status]}
          </span>
          {frozen && (
            <span className="inline-block rounded-full border border-pink/70 px-2 py-0.5 text-xs text-pink">
              Wallet frozen
            </span>
          )}
        </p>
        {dispute.clientEmail && <p className="text-xs text-white/60">{dispute.clientEmail}</p>}
        <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
          <Figure label="Disputed" value={formatCents(dispute.amountCents)} />
          <Figure label="From the wallet" value={formatCents(dispute.fromWalletCents)} />
          <Figure label="Owed (spent)" value={formatCents(dispute.owedCents)} />
          <Figure label="Wallet now" value={formatCents(dispute.wallet.balanceCents)} />
          {dispute.status === "lost" && (
            <>
              <Figure label="Back from readers" value={formatCents(dispute.readersCents ?? 0)} />
              <Figure label="Platform loss" value={formatCents(dispute.lossCents ?? 0)} />
            </>
          )}
        </dl>
        <p className="mt-2 text-xs text-white/60">
          {dispute.reason ? `Reason: ${dispute.reason.replaceAll("_", " ")} · ` : ""}
          Opened {new Date(dispute.openedAt).toLocaleString()}
          {dispute.closedAt &&
            ` · Closed ${new Date(dispute.closedAt).toLocaleString()} by ${dispute.closedBy === "provider" ? "the card processor" : "an admin"}`}
          {` · ${dispute.provider === "sandbox" ? "Sandbox" : "Stripe"} ${dispute.providerDisputeId}`}
        </p>
        {dispute.closeNote && <p className="mt-1 text-xs text-white/70">Note: {dispute.closeNote}</p>}
      </div>
      <div className="flex flex-wrap gap-2 md:justify-end">
        {dispute.status === "open" && (
          <>
            <Button variant="gold" onClick={() => onAction({ kind: "won", dispute })}>
              Won<span className="sr-only"> (dispute of {client})</span>
            </Button>
            <Button variant="ghost" onClick={() => onAction({ kind: "lost", dispute })}>
              Lost<span className="sr-only"> (dispute of {client})</span>
            </Button>
          </>
        )}
        {dispute.status !== "open" && frozen && (
          <Button variant="gold" onClick={() => onAction({ kind: "unfreeze", dispute })}>
            Unfreeze wallet<span className="sr-only"> of {client}</span>
          </Button>
        )}
      </div>
    </li>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-white/60">{label}</dt>
      <dd className="font-semibold text-gold">{value}</dd>
    </div>
  );
}

function DisputeActionDialog({ action, onClose }: { action: PendingAction; onClose: () => void }) {
  const run = useDisputeAction();
  const copy = COPY[action.kind];
  const client = action.dispute.clientName ?? "this client";
  return (
    <ReasonDialog
      title={
        action.kind === "unfreeze"
          ? `${copy.title} ${client}?`
          : `${copy.title} ${formatCents(action.dispute.amountCents)} disputed by ${client}?`
      }
      effect={copy.effect}
      submitLabel={copy.submit}
      pending={run.isPending}
      error={run.error}
      onSubmit={(reason, done) =>
        run.mutate({ kind: action.kind, disputeId: action.dispute.id, reason }, { onSuccess: done })
      }
      onClose={onClose}
    />
  );
}
