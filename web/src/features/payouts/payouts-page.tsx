import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import {
  Alert,
  Button,
  Card,
  EmptyState,
  LoadMore,
  PageTitle,
  Spinner,
  TextField,
} from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { EarningsBySourceChart } from "./earnings-by-source-chart";
import { PayoutRow } from "./payout-parts";
import {
  type MyPayouts,
  useMyPayouts,
  usePayoutHistory,
  useSetThreshold,
  useStartOnboarding,
} from "./queries";

/** The reader's payouts: what is available, pending, in transit and paid, and where it goes. */
export function PayoutsPage() {
  const payouts = useMyPayouts();
  const [params] = useSearchParams();
  const onboarding = params.get("onboarding");
  return (
    <RequireUser requiredRole="reader">
      {() => (
        <div className="mx-auto grid max-w-4xl gap-6 [&>*]:min-w-0">
          <PageTitle subtitle="Your earnings are paid out every day to your payout account.">
            Payouts
          </PageTitle>
          {onboarding === "done" && <Alert kind="success">Thank you: your payout details were sent.</Alert>}
          {onboarding === "refresh" && (
            <Alert kind="info">That onboarding link expired. Continue below to get a new one.</Alert>
          )}
          {payouts.isLoading && <Spinner label="Loading your payouts" />}
          {payouts.error && <Alert>{friendlyMessage(payouts.error)}</Alert>}
          {payouts.data && <PayoutsView data={payouts.data} />}
        </div>
      )}
    </RequireUser>
  );
}

function PayoutsView({ data }: { data: MyPayouts }) {
  const figures = [
    ["Available", data.availableCents, "Paid at the next payout", "text-pink"],
    [
      "Pending",
      data.pendingCents,
      data.pendingHours > 0
        ? `Inside the ${data.pendingHours}-hour refund window`
        : "Earnings are available at once",
      "text-gold",
    ],
    ["In transit", data.inTransitCents, "On its way to your account", "text-gold"],
    ["Paid out", data.paidCents, "Since you joined", "text-gold"],
  ] as const;
  return (
    <>
      <AccountPanel data={data} />
      <dl className="grid min-w-0 grid-cols-2 gap-4 sm:grid-cols-4">
        {figures.map(([label, cents, hint, color]) => (
          <Card key={label}>
            <dt className="text-sm text-white/60">{label}</dt>
            <dd className={`font-heading text-4xl ${color}`} data-testid={`payouts-${label}`}>
              {formatCents(cents)}
            </dd>
            <dd className="text-xs text-white/60">{hint}</dd>
          </Card>
        ))}
      </dl>
      {data.owedCents > 0 && (
        <Alert kind="info">
          A refund took back {formatCents(data.owedCents)} of earnings that were already paid out; it is paid
          back from your earnings before your next payout.
        </Alert>
      )}
      <Card>
        <h2 className="text-4xl text-gold">Earnings</h2>
        <EarningsBySourceChart chart={data.chart} />
      </Card>
      <History data={data} />
    </>
  );
}

function AccountPanel({ data }: { data: MyPayouts }) {
  const start = useStartOnboarding();
  const { account } = data;
  const next = new Date(data.nextPayoutAt).toLocaleString(undefined, {
    dateStyle: "full",
    timeStyle: "short",
  });
  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="text-4xl text-gold">Payout account</h2>
          {account.status === "none" && (
            <p className="mt-2 text-white/80">Connect a payout account to receive your earnings.</p>
          )}
          {account.status === "onboarding" && (
            <p className="mt-2 text-white/80">
              Your account is waiting for your details: finish onboarding to be paid.
            </p>
          )}
          {account.status === "ready" && (
            <p className="mt-2 text-white/80">
              Ready{account.provider === "sandbox" ? " (sandbox: no real bank account)" : ""}. Next payout:{" "}
              <strong>{next}</strong>, when at least {formatCents(account.thresholdCents)} is available.
            </p>
          )}
        </div>
        <Button
          onClick={() => start.mutate()}
          disabled={start.isPending}
          variant={account.status === "ready" ? "ghost" : "primary"}
        >
          {account.status === "none"
            ? "Connect payout account"
            : account.status === "onboarding"
              ? "Finish onboarding"
              : "Update payout details"}
        </Button>
      </div>
      {start.error && <Alert>{friendlyMessage(start.error)}</Alert>}
      {account.held && (
        <Alert>
          Your payouts are on hold{account.heldReason ? `: ${account.heldReason}` : "."} Your earnings stay
          safe; contact support to release them.
        </Alert>
      )}
      {account.status !== "none" && <ThresholdForm account={account} />}
    </Card>
  );
}

function ThresholdForm({ account }: { account: MyPayouts["account"] }) {
  const save = useSetThreshold();
  const [saved, setSaved] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const submit = (thresholdCents: number | null) => {
    setSaved(false);
    // Not a number (JSON would send it as null, "use the minimum"): say so and send nothing.
    setInvalid(thresholdCents !== null && !Number.isSafeInteger(thresholdCents));
    if (thresholdCents !== null && !Number.isSafeInteger(thresholdCents)) return;
    save.mutate(thresholdCents, { onSuccess: () => setSaved(true) });
  };
  return (
    <form
      className="mt-5 grid gap-3 border-t border-white/10 pt-4 sm:grid-cols-[1fr_auto_auto] sm:items-end"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const typed = String(new FormData(event.currentTarget).get("threshold") ?? "").replace(/[$,\s]/g, "");
        const value = /^\d+(\.\d{1,2})?$/.test(typed) ? Number(typed) : Number.NaN;
        submit(Number.isFinite(value) ? Math.round(value * 100) : Number.NaN);
      }}
    >
      <TextField
        label="Pay me once at least (USD)"
        name="threshold"
        inputMode="decimal"
        defaultValue={(account.thresholdCents / 100).toFixed(2)}
        hint={`At least ${formatCents(account.minimumThresholdCents)}.`}
        required
      />
      <Button type="submit" variant="gold" disabled={save.isPending}>
        Save threshold
      </Button>
      <Button
        type="button"
        variant="ghost"
        disabled={save.isPending || account.ownThresholdCents === null}
        onClick={() => submit(null)}
      >
        Use the minimum
      </Button>
      <div aria-live="polite" className="sm:col-span-3">
        {invalid && <Alert>Type an amount in dollars, for example 25 or 25.50.</Alert>}
        {save.error && !invalid && <Alert>{friendlyMessage(save.error)}</Alert>}
        {saved && !save.error && <Alert kind="success">Threshold saved.</Alert>}
      </div>
    </form>
  );
}

function History({ data }: { data: MyPayouts }) {
  const [wanted, setWanted] = useState(false);
  const more = usePayoutHistory(data.history.nextCursor, wanted);
  const items = [...data.history.items, ...(more.data?.pages.flatMap((page) => page.items) ?? [])];
  return (
    <Card className="min-w-0">
      <h2 className="text-4xl text-gold">Payout history</h2>
      {items.length === 0 ? (
        <EmptyState>
          No payouts yet. Your first one comes with the first daily payout after your earnings pass the
          threshold.
        </EmptyState>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-[32rem] text-left text-sm">
            <caption className="sr-only">Your payouts, newest first</caption>
            <thead className="text-white/60">
              <tr>
                <th scope="col" className="py-2">
                  Made
                </th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">Kind</th>
                <th scope="col">Paid</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-white/10">
              {items.map((payout) => (
                <PayoutRow key={payout.id} payout={payout} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more.error && <Alert>{friendlyMessage(more.error)}</Alert>}
      {data.history.nextCursor && !wanted && (
        <Button variant="ghost" className="mt-4 self-start" onClick={() => setWanted(true)}>
          Load more
        </Button>
      )}
      {wanted &&
        (more.data ? (
          <LoadMore query={more} />
        ) : more.isFetching ? (
          <Spinner label="Loading older payouts" />
        ) : null)}
    </Card>
  );
}
