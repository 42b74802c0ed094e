import { Link } from "react-router";
import { Card, Spinner } from "../../components/ui";
import { formatCents } from "../../lib/api/client";
import { JoinWaitlist } from "../waitlist/join-waitlist";
import { END_CAUSE_LABEL, formatClock, type ReadingView } from "./reading-format";

/** The ended reading: why it ended, how long, what it cost (and, after a miss, the callback line). */
export function ReadingSummary({ reading, role }: { reading: ReadingView; role: "client" | "reader" }) {
  const started = reading.startedAt ? new Date(reading.startedAt).getTime() : null;
  const ended = reading.endedAt ? new Date(reading.endedAt).getTime() : null;
  // Until the bill is settled the amounts are not final: show that, never a provisional $0.00.
  const settling = reading.state === "ended";
  return (
    <Card>
      <h2 className="text-4xl text-gold">Summary</h2>
      <p className="mt-1 text-white/80">
        {reading.endCause ? END_CAUSE_LABEL[reading.endCause] : "The reading has ended."}
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
        <div>
          <dt className="text-sm text-white/60">Duration</dt>
          <dd className="text-2xl">{started && ended ? formatClock(ended - started) : "—"}</dd>
        </div>
        <div>
          <dt className="text-sm text-white/60">{reading.pricing === "flat" ? "Connected" : "Billed"}</dt>
          <dd className="text-2xl" data-testid="summary-billed">
            {formatClock(reading.billedSeconds * 1000)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-white/60">{role === "client" ? "You paid" : "Client paid"}</dt>
          <dd className="text-2xl text-pink" data-testid="summary-amount" aria-busy={settling}>
            {settling ? "…" : formatCents(reading.chargedCents)}
          </dd>
        </div>
        {role === "reader" && reading.readerShareCents !== null && (
          <div>
            <dt className="text-sm text-white/60">Your share</dt>
            <dd className="text-2xl text-gold" aria-busy={settling}>
              {settling ? "…" : formatCents(reading.readerShareCents)}
            </dd>
          </div>
        )}
      </dl>
      {reading.state === "ended" && <Spinner label="Settling the bill" />}
      {role === "client" && (reading.endCause === "missed" || reading.endCause === "declined") && (
        <JoinWaitlist
          readerUserId={reading.readerUserId}
          readerName={reading.readerName}
          modality={reading.modality}
        />
      )}
      {role === "client" && (
        <p className="mt-4 text-sm">
          <Link to="/readers?online=true" className="text-pink underline">
            Find another reader
          </Link>
        </p>
      )}
    </Card>
  );
}
