import { useId } from "react";
import { Link, useNavigate } from "react-router";
import { Alert, Button } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { MODALITY_LABEL } from "../readings/reading-format";
import { type Booking, useJoinBooking } from "./queries";
import { formatRange, formatTime, formatWait, viewerTimeZone, zoneLabel } from "./time";
import { useNow } from "./use-now";

export type BookingAction = "cancel" | "move";

const STATUS_STYLE: Record<Booking["status"], string> = {
  confirmed: "border-emerald-400/60 text-emerald-200",
  completed: "border-gold/60 text-gold-soft",
  cancelled: "border-white/30 text-white/70",
  client_no_show: "border-red-400/60 text-red-200",
  reader_no_show: "border-red-400/60 text-red-200",
};

/** The booking's status in words, from the viewer's side. */
export function statusLabel(booking: Booking): string {
  const mine = booking.role;
  switch (booking.status) {
    case "confirmed":
      return "Confirmed";
    case "completed":
      return "Completed";
    case "cancelled":
      if (booking.cancelledBy === "admin") return "Cancelled by SoulSeer";
      if (booking.cancelledBy === mine) return "Cancelled by you";
      return booking.cancelledBy === "reader" ? "Cancelled by the reader" : "Cancelled by the client";
    case "client_no_show":
      return mine === "client" ? "You did not join" : "The client did not join";
    case "reader_no_show":
      return mine === "reader" ? "You did not join" : "The reader did not join";
  }
}

/** One booking: who, what, when (in the viewer's zone), the countdown, and what can be done now. */
export function BookingCard({
  booking,
  highlighted = false,
  onAction,
}: {
  booking: Booking;
  highlighted?: boolean;
  onAction: (action: BookingAction, booking: Booking) => void;
}) {
  const titleId = useId();
  const now = useNow();
  const zone = viewerTimeZone();
  const asClient = booking.role === "client";
  const other = asClient ? booking.readerName : booking.clientName;
  const otherZone = asClient ? booking.readerTimeZone : booking.clientTimeZone;
  const confirmed = booking.status === "confirmed";
  const startsAtMs = Date.parse(booking.startsAt);
  const endsAtMs = Date.parse(booking.endsAt);
  // The rules of the server's canJoin / canCancel, kept current as the clock runs.
  const joinOpen = booking.canJoin || (confirmed && now >= Date.parse(booking.joinOpensAt) && now < endsAtMs);
  const canJoin = joinOpen && now < endsAtMs;
  const canCancel = booking.canCancel && now < startsAtMs;
  return (
    <li>
      <article
        aria-labelledby={titleId}
        className={`card flex flex-col gap-3 p-4 sm:p-5 ${highlighted ? "ring-2 ring-gold" : ""}`}
      >
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h3 id={titleId} className="text-3xl text-pink">
            {asClient && booking.readerSlug ? (
              <Link to={`/readers/${booking.readerSlug}`} className="hover:underline">
                {other}
              </Link>
            ) : (
              other
            )}
          </h3>
          <span className={`rounded-full border px-3 py-1 text-sm ${STATUS_STYLE[booking.status]}`}>
            {statusLabel(booking)}
          </span>
        </div>
        <p className="text-lg">
          <time dateTime={booking.startsAt}>{formatRange(booking.startsAt, booking.endsAt, zone)}</time>{" "}
          <span className="text-sm text-white/60">· {zoneLabel(zone, booking.startsAt)}</span>
        </p>
        {otherZone !== zone && confirmed && (
          <p className="-mt-2 text-sm text-white/60">
            For {other}: {formatTime(booking.startsAt, otherZone)} {zoneLabel(otherZone, booking.startsAt)}
          </p>
        )}
        <p className="text-white/80">
          {MODALITY_LABEL[booking.modality] ?? booking.modality} · {booking.lengthMinutes} min ·{" "}
          {formatCents(booking.priceCents)}
          {asClient && confirmed ? " held from your wallet" : ""}
        </p>
        {confirmed && <Countdown startsAtMs={startsAtMs} endsAtMs={endsAtMs} now={now} />}
        {booking.question && (
          <div className="rounded-lg border border-white/10 bg-night/50 p-3">
            <p className="text-xs uppercase tracking-widest text-gold-soft">
              {asClient ? "Your question" : "Their question"}
            </p>
            <p className="mt-1 whitespace-pre-line text-white/85">{booking.question}</p>
          </div>
        )}
        {!confirmed && <Outcome booking={booking} />}
        <div className="flex flex-wrap items-center gap-2">
          {confirmed && <JoinButton booking={booking} enabled={canJoin} />}
          {asClient && booking.canReschedule && (
            <Button variant="ghost" onClick={() => onAction("move", booking)}>
              Move<span className="sr-only"> the booking with {other}</span>
            </Button>
          )}
          {canCancel && (
            <Button variant="ghost" onClick={() => onAction("cancel", booking)}>
              Cancel<span className="sr-only"> the booking with {other}</span>
            </Button>
          )}
          {confirmed && (
            <a
              href={`/api/v1/bookings/${booking.id}/calendar.ics`}
              download="soulseer-booking.ics"
              className="inline-flex min-h-11 items-center rounded-full px-3 text-pink underline hover:text-pink-soft"
            >
              Add to calendar<span className="sr-only"> (.ics file)</span>
            </a>
          )}
          {!confirmed && booking.readingId && (
            <Link to={`/readings/${booking.readingId}`} className="px-3 text-pink underline">
              See the reading
            </Link>
          )}
        </div>
        {confirmed && !canJoin && now < startsAtMs && (
          <p className="text-xs text-white/60">
            The room opens 5 minutes before the start, at {formatTime(booking.joinOpensAt, zone)}.
          </p>
        )}
      </article>
    </li>
  );
}

function Countdown({ startsAtMs, endsAtMs, now }: { startsAtMs: number; endsAtMs: number; now: number }) {
  const wait = formatWait(startsAtMs - now);
  const text = wait
    ? `Starts in ${wait}`
    : now < endsAtMs
      ? "Under way — join now"
      : "The booked time is over";
  return <p className="font-semibold text-gold-soft">{text}</p>;
}

function Outcome({ booking }: { booking: Booking }) {
  const asClient = booking.role === "client";
  const parts: string[] = [];
  const refunded = booking.refundedCents ?? 0;
  const captured = booking.capturedCents ?? 0;
  if (refunded > 0)
    parts.push(`${asClient ? "Refunded to you" : "Refunded to the client"} ${formatCents(refunded)}`);
  // A full refund needs no "paid $0.00"; a settled reading with nothing either way says so.
  if (captured > 0 || (booking.capturedCents !== null && refunded === 0))
    parts.push(`${asClient ? "Paid" : "Client paid"} ${formatCents(captured)}`);
  if (!asClient && booking.readerShareCents !== null && captured > 0)
    parts.push(`Your share ${formatCents(booking.readerShareCents)}`);
  return (
    <div className="text-sm text-white/80">
      {parts.length > 0 ? (
        <p data-testid="booking-outcome">{parts.join(" · ")}</p>
      ) : (
        !booking.settledAt && <p>Settling the payment…</p>
      )}
      {booking.cancelReason && <p className="mt-1 text-white/60">Reason: {booking.cancelReason}</p>}
    </div>
  );
}

function JoinButton({ booking, enabled }: { booking: Booking; enabled: boolean }) {
  const navigate = useNavigate();
  const join = useJoinBooking(booking.id);
  return (
    <>
      <Button
        disabled={!enabled || join.isPending}
        onClick={() =>
          join.mutate(undefined, { onSuccess: (data) => navigate(`/readings/${data.readingId}`) })
        }
      >
        {join.isPending ? "Opening the room…" : "Join"}
        <span className="sr-only"> the reading</span>
      </Button>
      {join.error && (
        <div className="basis-full">
          <Alert>{friendlyMessage(join.error)}</Alert>
        </div>
      )}
    </>
  );
}
