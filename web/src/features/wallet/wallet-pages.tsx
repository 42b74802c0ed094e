import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, EmptyState, PageTitle, Spinner, TextField } from "../../components/ui";
import { api, formatCents, friendlyMessage, unwrap } from "../../lib/api/client";

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

function TopUpForm({ presets, min, max }: { presets: number[]; min: number; max: number }) {
  const [amount, setAmount] = useState<number>(presets[1] ?? 2_500);
  const [custom, setCustom] = useState("");
  const start = useMutation({
    mutationFn: (amountCents: number) =>
      unwrap(api.POST("/api/v1/wallet/top-ups", { body: { amountCents } })),
    onSuccess: (data) => {
      if (data.topUp.checkoutUrl) window.location.assign(data.topUp.checkoutUrl);
    },
  });
  const customCents = custom ? Math.round(Number(custom) * 100) : null;
  const chosen = customCents ?? amount;
  const invalid = !Number.isInteger(chosen) || chosen < min || chosen > max;
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (!invalid) start.mutate(chosen);
      }}
    >
      <h2 className="text-4xl text-gold">Add funds</h2>
      <fieldset className="flex flex-wrap gap-2">
        <legend className="mb-2 text-sm font-semibold text-gold-soft">Choose an amount</legend>
        {presets.map((preset) => (
          <button
            key={preset}
            type="button"
            aria-pressed={customCents === null && amount === preset}
            onClick={() => {
              setAmount(preset);
              setCustom("");
            }}
            className="min-h-11 rounded-full border border-pink/50 px-5 text-lg aria-pressed:bg-pink aria-pressed:text-night"
          >
            {formatCents(preset)}
          </button>
        ))}
      </fieldset>
      <TextField
        label="Or another amount (USD)"
        name="custom"
        inputMode="decimal"
        placeholder="e.g. 40"
        value={custom}
        onChange={(event) => setCustom(event.target.value.replace(/[^0-9.]/g, ""))}
        hint={`Between ${formatCents(min)} and ${formatCents(max)}.`}
        error={
          custom && invalid
            ? `Enter an amount between ${formatCents(min)} and ${formatCents(max)}.`
            : undefined
        }
      />
      {start.error && <Alert>{friendlyMessage(start.error)}</Alert>}
      <Button type="submit" disabled={invalid || start.isPending} className="self-start">
        {start.isPending ? "Opening checkout…" : `Top up ${invalid ? "" : formatCents(chosen)}`}
      </Button>
    </form>
  );
}

function History() {
  const [kind, setKind] = useState("");
  const history = useInfiniteQuery({
    queryKey: ["wallet-history", kind],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/wallet/transactions", {
          params: {
            query: { cursor: pageParam, limit: 20, kind: (kind || undefined) as "top_up" | undefined },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-4xl text-gold">History</h2>
        <label className="flex flex-col text-sm text-gold-soft">
          Show
          <select
            className="min-h-11 rounded-lg border border-white/15 bg-night/70 px-3 text-white"
            value={kind}
            onChange={(event) => setKind(event.target.value)}
          >
            <option value="">Everything</option>
            <option value="top_up">Top-ups</option>
            <option value="session_charge">Readings</option>
            <option value="gift">Gifts</option>
            <option value="refund">Refunds</option>
            <option value="adjustment">Adjustments</option>
          </select>
        </label>
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
      {history.hasNextPage && (
        <Button
          variant="ghost"
          className="mt-4"
          onClick={() => history.fetchNextPage()}
          disabled={history.isFetchingNextPage}
        >
          Load more
        </Button>
      )}
    </div>
  );
}

const PERIOD_LABELS = { daily: "Daily", weekly: "Weekly (7 days)", monthly: "Monthly (30 days)" } as const;

function SpendingLimits() {
  const client = useQueryClient();
  const limits = useQuery({ queryKey: ["limits"], queryFn: () => unwrap(api.GET("/api/v1/wallet/limits")) });
  const save = useMutation({
    mutationFn: (input: { period: "daily" | "weekly" | "monthly"; limitCents: number | null }) =>
      unwrap(
        api.PUT("/api/v1/wallet/limits/{period}", {
          params: { path: { period: input.period } },
          body: { limitCents: input.limitCents },
        }),
      ),
    onSuccess: (data) => client.setQueryData(["limits"], data),
  });
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-4xl text-gold">Spending limits</h2>
      <p className="text-sm text-white/70">
        Lowering a limit applies at once. Raising or removing one takes effect after 24 hours.
      </p>
      {limits.isLoading && <Spinner label="Loading your limits" />}
      {limits.error && <Alert>{friendlyMessage(limits.error)}</Alert>}
      {save.error && <Alert>{friendlyMessage(save.error)}</Alert>}
      {limits.data?.limits.map((limit) => (
        <form
          key={limit.period}
          className="grid items-end gap-3 sm:grid-cols-[1fr_auto_auto]"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            const value = String(new FormData(event.currentTarget).get("amount") ?? "").trim();
            save.mutate({ period: limit.period, limitCents: value ? Math.round(Number(value) * 100) : null });
          }}
        >
          <TextField
            label={`${PERIOD_LABELS[limit.period]} limit (USD)`}
            name="amount"
            inputMode="decimal"
            placeholder="No limit"
            defaultValue={limit.limitCents === null ? "" : (limit.limitCents / 100).toFixed(2)}
            hint={
              limit.pendingEffectiveAt
                ? `${limit.pendingRemoval ? "Removal" : `Raise to ${formatCents(limit.pendingLimitCents ?? 0)}`} applies ${new Date(limit.pendingEffectiveAt).toLocaleString()}.`
                : limit.limitCents === null
                  ? "No limit set."
                  : `Now ${formatCents(limit.limitCents)}.`
            }
          />
          <Button type="submit" variant="gold" disabled={save.isPending}>
            Save
          </Button>
          {limit.limitCents !== null && (
            <Button
              type="button"
              variant="ghost"
              disabled={save.isPending}
              onClick={() => save.mutate({ period: limit.period, limitCents: null })}
            >
              Remove
            </Button>
          )}
        </form>
      ))}
    </div>
  );
}

export function WalletPage() {
  const wallet = useQuery({ queryKey: ["wallet"], queryFn: () => unwrap(api.GET("/api/v1/wallet")) });
  return (
    <RequireUser>
      {() => (
        <div className="mx-auto max-w-3xl">
          <PageTitle subtitle="Prepaid funds for readings. You only pay for connected time.">
            Your wallet
          </PageTitle>
          {wallet.isLoading && <Spinner label="Loading your wallet" />}
          {wallet.error && <Alert>{friendlyMessage(wallet.error)}</Alert>}
          {wallet.data && (
            <div className="grid gap-6">
              <Card>
                <p className="text-sm uppercase tracking-widest text-gold-soft">Balance</p>
                <p className="mt-1 text-5xl font-semibold text-white" data-testid="wallet-balance">
                  {formatCents(wallet.data.balanceCents)}
                </p>
              </Card>
              <Card>
                <TopUpForm
                  presets={wallet.data.topUpPresetsCents}
                  min={wallet.data.minTopUpCents}
                  max={wallet.data.maxTopUpCents}
                />
              </Card>
              <Card>
                <History />
              </Card>
              <Card>
                <SpendingLimits />
              </Card>
            </div>
          )}
        </div>
      )}
    </RequireUser>
  );
}

export function TopUpStatusPage() {
  const { topUpId = "" } = useParams();
  const [params] = useSearchParams();
  const topUp = useQuery({
    queryKey: ["top-up", topUpId],
    queryFn: () => unwrap(api.GET("/api/v1/wallet/top-ups/{topUpId}", { params: { path: { topUpId } } })),
    refetchInterval: (query) => (query.state.data?.topUp.status === "pending" ? 1_500 : false),
  });
  const status = topUp.data?.topUp.status;
  return (
    <RequireUser>
      {() => (
        <div className="mx-auto max-w-xl">
          <PageTitle>Top-up</PageTitle>
          <Card>
            {topUp.isLoading && <Spinner label="Checking your payment" />}
            {topUp.error && <Alert>{friendlyMessage(topUp.error)}</Alert>}
            {status === "pending" && (
              <div aria-live="polite">
                <Alert kind="info">
                  {params.get("cancelled")
                    ? "Checkout was cancelled — nothing was charged."
                    : "Waiting for the card processor to confirm your payment…"}
                </Alert>
                {!params.get("cancelled") && <Spinner label="Updating automatically" />}
              </div>
            )}
            {status === "succeeded" && (
              <Alert kind="success">Payment received — your wallet has been topped up.</Alert>
            )}
            {(status === "failed" || status === "expired") && (
              <Alert>The payment did not go through. Nothing was added to your wallet.</Alert>
            )}
            {topUp.data && (
              <dl className="mt-5 grid grid-cols-2 gap-y-2 text-sm">
                <dt className="text-white/60">Amount</dt>
                <dd className="text-right font-semibold">{formatCents(topUp.data.topUp.amountCents)}</dd>
                <dt className="text-white/60">Status</dt>
                <dd className="text-right">{topUp.data.topUp.status}</dd>
                <dt className="text-white/60">Started</dt>
                <dd className="text-right">{new Date(topUp.data.topUp.createdAt).toLocaleString()}</dd>
                {topUp.data.topUp.completedAt && (
                  <>
                    <dt className="text-white/60">Completed</dt>
                    <dd className="text-right">{new Date(topUp.data.topUp.completedAt).toLocaleString()}</dd>
                  </>
                )}
                <dt className="text-white/60">Reference</dt>
                <dd className="break-all text-right text-xs">{topUp.data.topUp.id}</dd>
              </dl>
            )}
            <Link to="/wallet" className="mt-6 block text-center text-pink underline">
              Back to your wallet
            </Link>
          </Card>
        </div>
      )}
    </RequireUser>
  );
}

export function SandboxCheckoutPage() {
  const { checkoutId = "" } = useParams();
  const checkout = useQuery({
    queryKey: ["sandbox", checkoutId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/sandbox/checkout/{checkoutId}", { params: { path: { checkoutId } } })),
  });
  const complete = useMutation({
    mutationFn: (outcome: "pay" | "decline") =>
      unwrap(
        api.POST("/api/v1/sandbox/checkout/{checkoutId}/complete", {
          params: { path: { checkoutId } },
          body: { outcome },
        }),
      ),
    onSuccess: (data) => window.location.assign(`/wallet/top-ups/${data.topUp.id}`),
  });
  return (
    <RequireUser>
      {() => (
        <div className="mx-auto max-w-md">
          <PageTitle subtitle="SoulSeer sandbox checkout">Test payment</PageTitle>
          <Card>
            <Alert kind="info">
              This is the built-in sandbox. <strong>No real card is charged</strong> — choose what the card
              processor should answer.
            </Alert>
            {checkout.isLoading && <Spinner />}
            {checkout.error && <Alert>{friendlyMessage(checkout.error)}</Alert>}
            {checkout.data && (
              <div className="mt-5 flex flex-col gap-4">
                <p className="text-center text-4xl font-semibold">
                  {formatCents(checkout.data.topUp.amountCents)}
                </p>
                <p className="text-center text-white/70">SoulSeer wallet top-up</p>
                {checkout.data.topUp.status !== "pending" ? (
                  <Alert>This checkout is already {checkout.data.topUp.status}.</Alert>
                ) : (
                  <>
                    <Button onClick={() => complete.mutate("pay")} disabled={complete.isPending}>
                      Pay {formatCents(checkout.data.topUp.amountCents)}
                    </Button>
                    <Button
                      variant="ghost"
                      onClick={() => complete.mutate("decline")}
                      disabled={complete.isPending}
                    >
                      Decline the card
                    </Button>
                  </>
                )}
                {complete.error && <Alert>{friendlyMessage(complete.error)}</Alert>}
              </div>
            )}
          </Card>
        </div>
      )}
    </RequireUser>
  );
}
