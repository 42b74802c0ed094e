import { Button, Card } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { formatTime, viewerTimeZone, zoneLabel } from "../bookings/time";
import { useNow } from "../bookings/use-now";
import { useEndReading } from "./queries";
import { formatClock, liveBilledMs, type ReadingView } from "./reading-format";

/** The booked time's last stretch, warned about once (visible and read out). */
const END_WARNING_MS = 5 * 60_000;
/** How long after the start a booked reading's room waits for the other side. */
const JOIN_GRACE_MS = 10 * 60_000;

/** A booked reading (flat price) before both are in: when it starts, and who it waits for. */
export function BookedWaiting({ reading, other }: { reading: ReadingView; other: string }) {
  const now = useNow();
  const zone = viewerTimeZone();
  const start = reading.scheduledStartAt;
  const startMs = start ? Date.parse(start) : now;
  return (
    <Card>
      <div role="status">
        {now < startMs && start ? (
          <>
            <p className="text-lg">
              Your booked reading with {other} starts at <strong>{formatTime(start, zone)}</strong>{" "}
              <span className="text-white/60">({zoneLabel(zone, start)})</span>.
            </p>
            <p className="mt-1 text-white/75">Stay on this page: it begins when you are both here.</p>
          </>
        ) : (
          <>
            <p className="text-lg">It is time. Waiting for {other} to join…</p>
            {start && (
              <p className="mt-1 text-white/75">
                The room stays open for them until{" "}
                {formatTime(new Date(startMs + JOIN_GRACE_MS).toISOString(), zone)}.
              </p>
            )}
          </>
        )}
      </div>
      {now < startMs && (
        <p className="mt-3 font-heading text-5xl text-pink" data-testid="starts-in">
          <span className="sr-only">Starts in </span>
          {formatClock(startMs - now)}
        </p>
      )}
    </Card>
  );
}

/** A running booked reading: time left in the slot, the flat price, a warning 5 minutes before the end. */
export function BookedMeter({
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
  const zone = viewerTimeZone();
  const endsAt = reading.scheduledEndAt;
  const leftMs = endsAt ? Math.max(0, Date.parse(endsAt) - now) : null;
  const warn = leftMs !== null && leftMs > 0 && leftMs <= END_WARNING_MS;
  const connection =
    reading.state === "active"
      ? "You are both connected."
      : `Waiting for ${other} to reconnect — the booked time keeps running.`;
  const confirmText =
    role === "client"
      ? "End this reading now? A booked reading you end early is still paid in full."
      : "End this reading now? The client then pays only for the time you were both connected.";
  return (
    <Card className="grid gap-4 sm:grid-cols-[1fr_auto]">
      <div>
        <p role="status" data-state={reading.state} className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className={`size-3 shrink-0 rounded-full ${reading.state === "active" ? "bg-emerald-400 shadow-[0_0_10px_#34d399]" : "bg-gold motion-safe:animate-pulse"}`}
          />
          {connection}
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-white/60">Time left</dt>
            <dd className="font-heading text-4xl text-pink" data-testid="slot-time-left">
              {leftMs === null ? "—" : formatClock(leftMs)}
            </dd>
            {endsAt && <dd className="text-xs text-white/60">Ends at {formatTime(endsAt, zone)}</dd>}
          </div>
          <div>
            <dt className="text-sm text-white/60">Booked price</dt>
            <dd className="font-heading text-4xl text-gold">{formatCents(reading.ratePerUnitCents)}</dd>
            <dd className="text-xs text-white/60">flat, for {Math.round(reading.unitMs / 60_000)} minutes</dd>
          </div>
          <div>
            <dt className="text-sm text-white/60">Connected</dt>
            <dd className="text-2xl" data-testid="billed-time">
              {formatClock(liveBilledMs(reading, now))}
            </dd>
          </div>
        </dl>
        <div aria-live="polite" role="status">
          {warn && endsAt && (
            <p className="mt-3 rounded-lg border border-gold/60 bg-gold/10 px-3 py-2 text-gold">
              Five minutes left: the reading ends at {formatTime(endsAt, zone)}. The booked time cannot be
              extended.
            </p>
          )}
        </div>
      </div>
      <div className="flex flex-col gap-3 sm:w-56">
        <Button
          variant="ghost"
          onClick={() => {
            if (window.confirm(confirmText)) end.mutate();
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
