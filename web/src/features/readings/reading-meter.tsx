import { useEffect, useState } from "react";
import { Button, Card } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useStartTopUp, useWallet } from "../wallet/queries";
import { AutoReloadNotice } from "./auto-reload-notice";
import { useEndReading } from "./queries";
import { costForBilledMs, formatClock, liveBilledMs, type ReadingView, unitsLeft } from "./reading-format";

const IN_ROOM_TOP_UP_CENTS = 2_500;

function useNow(intervalMs = 1_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The running reading: state of both sides, billed time, live cost, minutes left, top-up, end. */
export function ReadingMeter({
  reading,
  role,
  other,
}: {
  reading: ReadingView;
  role: "client" | "reader";
  other: string;
}) {
  const now = useNow();
  const end = useEndReading(reading.id);
  const wallet = useWallet({ enabled: role === "client", refetchIntervalMs: 5_000 });
  const topUp = useStartTopUp();
  const addFunds = () =>
    topUp.mutate(IN_ROOM_TOP_UP_CENTS, {
      onSuccess: (data) => {
        if (data.topUp.checkoutUrl) window.open(data.topUp.checkoutUrl, "_blank", "noopener");
      },
    });
  const billedMs = liveBilledMs(reading, now);
  const cost = costForBilledMs(reading, billedMs);
  const left =
    role === "client" && wallet.data ? unitsLeft(reading, billedMs, wallet.data.balanceCents) : null;
  const warning =
    left === null || reading.state !== "active"
      ? null
      : left <= 1
        ? "Less than a minute left. Add funds to keep going."
        : left <= 3
          ? "About 3 minutes left."
          : null;
  const graceLeft = reading.graceEndsAt ? new Date(reading.graceEndsAt).getTime() - now : null;
  const connection =
    reading.state === "active"
      ? "You are both connected."
      : reading.state === "reconnecting"
        ? `Waiting for ${other} to reconnect — not billed.`
        : role === "client"
          ? "Paused: your balance ran out. Add funds to continue — not billed while paused."
          : "Paused while the client adds funds — not billed.";
  return (
    <Card className="grid gap-4 sm:grid-cols-[1fr_auto]">
      <div>
        <div role="status" data-state={reading.state}>
          <p className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className={`size-3 shrink-0 rounded-full ${reading.state === "active" ? "bg-emerald-400 shadow-[0_0_10px_#34d399]" : "bg-gold motion-safe:animate-pulse"}`}
            />
            {connection}
          </p>
          {graceLeft !== null && graceLeft > 0 && reading.state !== "active" && (
            <p className="ml-5 text-sm text-white/70">
              The reading ends in {formatClock(graceLeft)} otherwise.
            </p>
          )}
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-white/60">Billed time</dt>
            <dd className="font-heading text-4xl text-pink" data-testid="billed-time">
              {formatClock(billedMs)}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-white/60">
              {role === "client" ? "Cost so far" : "Earned so far (before your share)"}
            </dt>
            <dd className="font-heading text-4xl text-gold">{formatCents(cost)}</dd>
          </div>
          {left !== null && (
            <div>
              <dt className="text-sm text-white/60">Your balance lasts</dt>
              <dd className="text-2xl" data-testid="time-left">
                {formatClock(left * reading.unitMs)}
              </dd>
            </div>
          )}
        </dl>
        {warning && (
          <p role="alert" className="mt-3 rounded-lg border border-gold/60 bg-gold/10 px-3 py-2 text-gold">
            {warning}
          </p>
        )}
        {role === "client" && <AutoReloadNotice since={reading.createdAt} />}
      </div>
      <div className="flex flex-col gap-3 sm:w-56">
        {role === "client" && (
          <Button variant="gold" onClick={addFunds} disabled={topUp.isPending}>
            Add {formatCents(IN_ROOM_TOP_UP_CENTS)} (opens checkout)
          </Button>
        )}
        {topUp.isSuccess && (
          <p className="text-sm text-white/70" role="status">
            Checkout opened in a new tab. The reading continues as soon as the money arrives.
          </p>
        )}
        {topUp.error && (
          <p className="text-sm text-pink" role="alert">
            {friendlyMessage(topUp.error)}
          </p>
        )}
        <Button
          variant="ghost"
          onClick={() => {
            if (window.confirm("End this reading now?")) end.mutate();
          }}
          disabled={end.isPending}
        >
          End reading
        </Button>
        {end.error && (
          <p className="text-sm text-pink" role="alert">
            {friendlyMessage(end.error)}
          </p>
        )}
      </div>
    </Card>
  );
}
