import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { Alert, Button, Card, EmptyState, Select, Spinner, TextField } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { usePublicConfig } from "../../lib/public-config";
import { useSandboxDispute } from "../disputes/queries";
import { useAdjustWallet, useAdminWallet, useHeldChargeRefund, useRefund } from "./queries";

const toCents = (value: FormDataEntryValue | null) => Math.round(Number(value) * 100);

/** One user's balances and ledger history, with adjustments and refunds (each with a reason). */
export function WalletTools({ userId }: { userId: string }) {
  const [refundOf, setRefundOf] = useState<string | null>(null);
  const wallet = useAdminWallet(userId);
  const adjust = useAdjustWallet(userId);
  const refund = useRefund(userId);
  const heldRefund = useHeldChargeRefund(userId);
  const sandboxDispute = useSandboxDispute();
  const sandbox = usePublicConfig().data?.paymentProvider === "sandbox";
  if (wallet.isLoading) return <Spinner label="Loading the wallet" />;
  if (wallet.error) return <Alert>{friendlyMessage(wallet.error)}</Alert>;
  if (!wallet.data) return null;
  const { user, walletBalanceCents, walletFrozen, earningsBalanceCents, history } = wallet.data;
  return (
    <div className="grid gap-6">
      <Card>
        <p className="text-lg font-semibold">{user.displayName}</p>
        <p className="text-sm text-white/70">
          {user.email} · {user.role}
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-4">
          <div>
            <dt className="text-sm text-gold-soft">Wallet</dt>
            <dd className="text-3xl">{formatCents(walletBalanceCents)}</dd>
            {walletFrozen && (
              <dd className="mt-1 text-sm text-pink">
                Frozen: a card dispute is open or awaits review.{" "}
                <Link to="/admin/disputes" className="underline">
                  Disputes
                </Link>
              </dd>
            )}
          </div>
          <div>
            <dt className="text-sm text-gold-soft">Earnings</dt>
            <dd className="text-3xl">{formatCents(earningsBalanceCents)}</dd>
          </div>
        </dl>
      </Card>
      <Card>
        <form
          className="grid gap-3 sm:grid-cols-2"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            adjust.mutate({
              direction: form.get("direction") === "debit" ? "debit" : "credit",
              amountCents: toCents(form.get("amount")),
              reason: String(form.get("reason")),
            });
          }}
        >
          <h2 className="text-4xl text-gold sm:col-span-2">Adjust the wallet</h2>
          <Select label="Direction" name="direction">
            <option value="credit">Credit (add)</option>
            <option value="debit">Debit (take)</option>
          </Select>
          <TextField label="Amount (USD)" name="amount" inputMode="decimal" required />
          <TextField
            label="Reason"
            className="sm:col-span-2"
            name="reason"
            required
            minLength={3}
            hint="Kept in the audit log."
          />
          {adjust.error && <Alert>{friendlyMessage(adjust.error)}</Alert>}
          {adjust.isSuccess && <Alert kind="success">Adjustment booked.</Alert>}
          <Button type="submit" variant="gold" disabled={adjust.isPending} className="self-start">
            Book adjustment
          </Button>
        </form>
      </Card>
      <Card>
        <h2 className="text-4xl text-gold">Ledger history</h2>
        {sandboxDispute.error && <Alert>{friendlyMessage(sandboxDispute.error)}</Alert>}
        {sandboxDispute.isSuccess && (
          <Alert kind="success">
            The sandbox opened a card dispute of that top-up: it is in the{" "}
            <Link to="/admin/disputes" className="font-semibold underline">
              disputes queue
            </Link>
            .
          </Alert>
        )}
        {history.items.length === 0 && <EmptyState>No ledger entries for this wallet.</EmptyState>}
        <ul className="divide-y divide-white/10">
          {history.items.map((entry) => (
            <li key={entry.id} className="py-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div>
                  <p className="font-semibold">{entry.code.replaceAll("_", " ")}</p>
                  <p className="text-xs text-white/60">
                    {new Date(entry.createdAt).toLocaleString()} · transfer {entry.transferId}
                  </p>
                </div>
                <div className="flex items-center gap-3">
                  <span className={entry.amountCents > 0 ? "text-emerald-300" : ""}>
                    {formatCents(entry.amountCents)}
                  </span>
                  {sandbox && entry.code === "top_up" && entry.references.topUpId && (
                    <button
                      type="button"
                      className="text-gold underline disabled:opacity-50"
                      disabled={sandboxDispute.isPending}
                      onClick={() => {
                        const topUpId = entry.references.topUpId;
                        if (topUpId) sandboxDispute.mutate(topUpId);
                      }}
                    >
                      Sandbox: cardholder disputes
                    </button>
                  )}
                  {entry.amountCents < 0 && (
                    <button
                      type="button"
                      className="text-pink underline"
                      onClick={() => setRefundOf(entry.transferId)}
                    >
                      Refund
                    </button>
                  )}
                </div>
              </div>
              {refundOf === entry.transferId && (
                <RefundForm
                  of={heldChargeOf(entry.references)?.of ?? "charge"}
                  defaultCents={Math.abs(entry.amountCents)}
                  pending={refund.isPending || heldRefund.isPending}
                  error={refund.error ?? heldRefund.error}
                  onRefund={(amountCents, reason) => {
                    const done = { onSuccess: () => setRefundOf(null) };
                    const held = heldChargeOf(entry.references);
                    if (held) heldRefund.mutate({ ...held, amountCents, reason }, done);
                    else refund.mutate({ transferId: entry.transferId, amountCents, reason }, done);
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

/** A history row that is money put on hold (a reading's minute, a booking): what to refund instead. */
function heldChargeOf(references: Record<string, string>) {
  if (references.readingId) return { of: "reading" as const, id: references.readingId };
  if (references.bookingId) return { of: "booking" as const, id: references.bookingId };
  return null;
}

const HELD_COPY = {
  reading: {
    label: "Refund of the reading (USD)",
    hint: "Up to what the whole reading charged.",
    submit: "Refund reading to wallet",
  },
  booking: {
    label: "Refund of the booking (USD)",
    hint: "Up to what the booking charged: its reading, or its cancellation fee.",
    submit: "Refund booking to wallet",
  },
} as const;

/**
 * The refund form under a history row. A reading's or a booking's row is money put on hold; the
 * refund is of the reading or the booking, up to what it charged in all.
 */
function RefundForm(props: {
  of: "reading" | "booking" | "charge";
  defaultCents: number;
  pending: boolean;
  error: Error | null;
  onRefund(amountCents: number, reason: string): void;
}) {
  const held = props.of === "charge" ? null : HELD_COPY[props.of];
  return (
    <form
      className="mt-3 grid gap-3 sm:grid-cols-3"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        props.onRefund(toCents(form.get("amount")), String(form.get("reason")));
      }}
    >
      <TextField
        label={held ? held.label : "Refund amount (USD)"}
        name="amount"
        defaultValue={held ? "" : (props.defaultCents / 100).toFixed(2)}
        hint={held?.hint}
        required
      />
      <TextField label="Reason" name="reason" required minLength={3} />
      <Button type="submit" variant="gold" disabled={props.pending} className="self-end">
        {held ? held.submit : "Refund to wallet"}
      </Button>
      {props.error && <Alert>{friendlyMessage(props.error)}</Alert>}
    </form>
  );
}
