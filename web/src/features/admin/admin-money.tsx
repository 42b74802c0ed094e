import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";
import { Alert, Button, Card, EmptyState, Spinner, TextField } from "../../components/ui";
import { api, formatCents, friendlyMessage, unwrap } from "../../lib/api/client";
import { AdminShell } from "./admin-pages";

const newKey = () => crypto.randomUUID().replaceAll("-", "");
const toCents = (value: FormDataEntryValue | null) => Math.round(Number(value) * 100);

function LedgerCheck() {
  const check = useQuery({
    queryKey: ["ledger-verify"],
    queryFn: () => unwrap(api.GET("/api/v1/admin/ledger/verify")),
  });
  return (
    <Card>
      <h2 className="text-4xl text-gold">Ledger check</h2>
      {check.isLoading && <Spinner label="Checking the books" />}
      {check.error && <Alert>{friendlyMessage(check.error)}</Alert>}
      {check.data && (
        <div className="mt-3 flex flex-col gap-2">
          <Alert kind={check.data.ok ? "success" : "error"}>
            {check.data.ok ? "The books balance." : `${check.data.violations.length} problem(s) found.`}{" "}
            {check.data.transfers} transfers, {check.data.entries} entries, checked{" "}
            {new Date(check.data.checkedAt).toLocaleString()}.
          </Alert>
          <ul className="text-sm text-white/75">
            {check.data.checks.map((name) => (
              <li key={name}>
                {check.data.violations.some((violation) => violation.check === name) ? "✗" : "✓"}{" "}
                {name.replaceAll("_", " ")}
              </li>
            ))}
          </ul>
          <Button
            variant="ghost"
            className="self-start"
            onClick={() => check.refetch()}
            disabled={check.isFetching}
          >
            Check again
          </Button>
        </div>
      )}
    </Card>
  );
}

function WalletTools({ userId }: { userId: string }) {
  const client = useQueryClient();
  const [refundOf, setRefundOf] = useState<string | null>(null);
  const wallet = useQuery({
    queryKey: ["admin-wallet", userId],
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/admin/wallets/{userId}", { params: { path: { userId }, query: { limit: 50 } } }),
      ),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ["admin-wallet", userId] });
  const adjust = useMutation({
    mutationFn: (body: { direction: "credit" | "debit"; amountCents: number; reason: string }) =>
      unwrap(
        api.POST("/api/v1/admin/wallets/{userId}/adjustments", {
          params: { path: { userId } },
          body: { ...body, idempotencyKey: newKey() },
        }),
      ),
    onSuccess: refresh,
  });
  const refund = useMutation({
    mutationFn: (body: { transferId: string; amountCents: number; reason: string }) =>
      unwrap(api.POST("/api/v1/admin/refunds", { body: { ...body, idempotencyKey: newKey() } })),
    onSuccess: () => {
      setRefundOf(null);
      refresh();
    },
  });
  if (wallet.isLoading) return <Spinner label="Loading the wallet" />;
  if (wallet.error) return <Alert>{friendlyMessage(wallet.error)}</Alert>;
  if (!wallet.data) return null;
  const { user, walletBalanceCents, earningsBalanceCents, history } = wallet.data;
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
          <label className="flex flex-col text-sm text-gold-soft">
            Direction
            <select
              name="direction"
              className="min-h-11 rounded-lg border border-white/15 bg-night/70 px-3 text-white"
            >
              <option value="credit">Credit (add)</option>
              <option value="debit">Debit (take)</option>
            </select>
          </label>
          <TextField label="Amount (USD)" name="amount" inputMode="decimal" required />
          <div className="sm:col-span-2">
            <TextField label="Reason" name="reason" required minLength={3} hint="Kept in the audit log." />
          </div>
          {adjust.error && <Alert>{friendlyMessage(adjust.error)}</Alert>}
          {adjust.isSuccess && <Alert kind="success">Adjustment booked.</Alert>}
          <Button type="submit" variant="gold" disabled={adjust.isPending} className="self-start">
            Book adjustment
          </Button>
        </form>
      </Card>
      <Card>
        <h2 className="text-4xl text-gold">Ledger history</h2>
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
                <form
                  className="mt-3 grid gap-3 sm:grid-cols-3"
                  onSubmit={(event: FormEvent<HTMLFormElement>) => {
                    event.preventDefault();
                    const form = new FormData(event.currentTarget);
                    refund.mutate({
                      transferId: entry.transferId,
                      amountCents: toCents(form.get("amount")),
                      reason: String(form.get("reason")),
                    });
                  }}
                >
                  <TextField
                    label="Refund amount (USD)"
                    name="amount"
                    defaultValue={(Math.abs(entry.amountCents) / 100).toFixed(2)}
                    required
                  />
                  <TextField label="Reason" name="reason" required minLength={3} />
                  <Button type="submit" variant="gold" disabled={refund.isPending} className="self-end">
                    Refund to wallet
                  </Button>
                  {refund.error && <Alert>{friendlyMessage(refund.error)}</Alert>}
                </form>
              )}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

export function AdminMoneyPage() {
  const [params, setParams] = useSearchParams();
  const userId = params.get("user");
  return (
    <AdminShell
      title="Money"
      subtitle="Wallets, refunds and adjustments — every action goes through the ledger and the audit log."
    >
      <div className="grid gap-6">
        <LedgerCheck />
        <Card>
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(event: FormEvent<HTMLFormElement>) => {
              event.preventDefault();
              const value = String(new FormData(event.currentTarget).get("user") ?? "").trim();
              setParams(value ? { user: value } : {});
            }}
          >
            <div className="min-w-64 flex-1">
              <TextField
                label="User id"
                name="user"
                defaultValue={userId ?? ""}
                hint="Open a user's wallet from the Users tab, or paste an id."
              />
            </div>
            <Button type="submit" variant="gold">
              Open wallet
            </Button>
          </form>
        </Card>
        {userId && <WalletTools userId={userId} />}
      </div>
    </AdminShell>
  );
}
