import { useState } from "react";
import { Link } from "react-router";
import { Alert, EmptyState, LoadMore, Select, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { type TransactionKind, useWalletHistory } from "./queries";

const KIND_LABELS: Record<string, string> = {
  top_up: "Top-up",
  session_charge: "Reading",
  booking_hold: "Booking",
  gift: "Gift",
  tip: "Tip",
  paid_reply: "Paid message",
  refund: "Refund",
  adjustment: "Adjustment",
  hold: "Reserved",
  hold_release: "Released",
  hold_capture: "Charged",
};

/** The wallet's ledger entries, newest first, filtered by kind. */
export function WalletHistory() {
  const [kind, setKind] = useState<TransactionKind | null>(null);
  const history = useWalletHistory(kind);
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="flex flex-col">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-4xl text-gold">History</h2>
        <Select
          label="Show"
          value={kind ?? ""}
          onChange={(event) => setKind((event.target.value || null) as TransactionKind | null)}
        >
          <option value="">Everything</option>
          <option value="top_up">Top-ups</option>
          <option value="session_charge">Readings</option>
          <option value="tip">Tips</option>
          <option value="refund">Refunds</option>
          <option value="adjustment">Adjustments</option>
        </Select>
      </div>
      {history.isLoading && <Spinner label="Loading your history" />}
      {history.error && <Alert>{friendlyMessage(history.error)}</Alert>}
      {history.isSuccess && items.length === 0 && (
        <EmptyState>No transactions yet. Your top-ups and readings will appear here.</EmptyState>
      )}
      <ul className="divide-y divide-white/10">
        {items.map((entry) => (
          <li key={entry.id} className="flex items-center justify-between gap-3 py-3">
            <div>
              <p className="font-semibold">{KIND_LABELS[entry.code] ?? entry.code}</p>
              <p className="text-xs text-white/60">
                {new Date(entry.createdAt).toLocaleString()} · ref {entry.transferId.slice(0, 8)}
                {entry.references.topUpId && (
                  <>
                    {" · "}
                    <Link className="text-pink underline" to={`/wallet/top-ups/${entry.references.topUpId}`}>
                      receipt
                    </Link>
                  </>
                )}
              </p>
            </div>
            <p
              className={`text-lg font-semibold ${entry.amountCents > 0 ? "text-emerald-300" : "text-white"}`}
            >
              {entry.amountCents > 0 ? "+" : "−"}
              {formatCents(Math.abs(entry.amountCents))}
            </p>
          </li>
        ))}
      </ul>
      <LoadMore query={history} />
    </div>
  );
}
