import { formatCents } from "../../lib/api/client";
import type { Payout } from "./queries";

const STATUS: Record<Payout["status"], { label: string; className: string }> = {
  in_transit: { label: "In transit", className: "border-gold/60 text-gold" },
  paid: { label: "Paid", className: "border-emerald-300/60 text-emerald-300" },
  failed: { label: "Failed", className: "border-pink/70 text-pink" },
  reversed: { label: "Reversed", className: "border-pink/70 text-pink" },
};

export const TRIGGER_LABEL: Record<Payout["trigger"], string> = {
  auto: "Daily payout",
  manual: "Paid by support",
  retry: "Retry",
};

export function PayoutStatusBadge({ status }: { status: Payout["status"] }) {
  const { label, className } = STATUS[status];
  return <span className={`inline-block rounded-full border px-2 py-0.5 text-xs ${className}`}>{label}</span>;
}

/** A payout as one table row: when, amount, status (with the reason when it failed). */
export function PayoutRow({ payout }: { payout: Payout }) {
  return (
    <tr>
      <td className="py-2">{new Date(payout.createdAt).toLocaleString()}</td>
      <td className="font-semibold text-gold">{formatCents(payout.amountCents)}</td>
      <td>
        <PayoutStatusBadge status={payout.status} />
        {payout.failureReason && (
          <p className="mt-1 max-w-xs text-xs text-white/70">{payout.failureReason}</p>
        )}
      </td>
      <td>{TRIGGER_LABEL[payout.trigger]}</td>
      <td>{payout.paidAt ? new Date(payout.paidAt).toLocaleDateString() : "—"}</td>
    </tr>
  );
}
