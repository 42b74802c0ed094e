import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { formatClock, MODALITY_LABEL } from "../readings/reading-format";
import { useLeaveWaitlist, useMyWaitlist } from "./queries";

/** Seconds left until `iso`, ticking. */
function useCountdown(iso: string | null) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  return iso ? Math.max(0, new Date(iso).getTime() - now) : null;
}

/** On a reader's page: the client's place in that reader's line, or the open offer with its countdown. */
export function MyPlaceInLine({ readerUserId, readerName }: { readerUserId: string; readerName: string }) {
  const waitlist = useMyWaitlist();
  const entry = waitlist.data?.items.find(
    (item) => item.readerUserId === readerUserId && (item.status === "waiting" || item.status === "offered"),
  );
  const left = useCountdown(entry?.status === "offered" ? entry.offerExpiresAt : null);
  if (!entry) return null;
  return (
    <div className="mt-3 rounded-lg border border-gold/50 bg-gold/10 p-3" role="status" aria-live="polite">
      {entry.status === "offered" ? (
        <p className="font-semibold text-gold-soft">
          {readerName} is ready for you. Start your {entry.modality} reading
          {left !== null ? ` within ${formatClock(left)}` : ""} to keep your place.
        </p>
      ) : (
        <p className="text-gold-soft">
          You are number {entry.position} in {readerName}'s callback line for a {entry.modality} reading. We
          will notify you when they are free.
        </p>
      )}
      <LeaveLine entryId={entry.id} />
    </div>
  );
}

function LeaveLine({ entryId }: { entryId: string }) {
  const leave = useLeaveWaitlist(entryId);
  return (
    <>
      <Button variant="ghost" className="mt-2" disabled={leave.isPending} onClick={() => leave.mutate()}>
        {leave.isPending ? "Leaving…" : "Leave the line"}
      </Button>
      {leave.error && <Alert>{friendlyMessage(leave.error)}</Alert>}
    </>
  );
}

/** The client's open callback lines (favorites page). */
export function MyWaitlist() {
  const waitlist = useMyWaitlist();
  const open = (waitlist.data?.items ?? []).filter(
    (item) => item.status === "waiting" || item.status === "offered",
  );
  if (waitlist.isLoading) return <Spinner label="Loading your callback lines" />;
  if (waitlist.error) return <Alert>{friendlyMessage(waitlist.error)}</Alert>;
  if (open.length === 0) return null;
  return (
    <Card>
      <h2 className="text-4xl text-gold">Waiting for a callback</h2>
      <ul className="mt-2 divide-y divide-white/10">
        {open.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
            <div>
              {item.readerSlug ? (
                <Link
                  to={`/readers/${item.readerSlug}`}
                  className="font-heading text-3xl text-pink hover:underline"
                >
                  {item.readerName}
                </Link>
              ) : (
                <span className="font-heading text-3xl text-pink">{item.readerName}</span>
              )}
              <p className="text-sm text-white/70">
                {MODALITY_LABEL[item.modality]} ·{" "}
                {item.status === "offered" ? (
                  <strong className="text-gold">ready for you now</strong>
                ) : (
                  `number ${item.position} in line`
                )}
              </p>
            </div>
            <LeaveLine entryId={item.id} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
