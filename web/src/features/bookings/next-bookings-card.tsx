import { Link } from "react-router";
import { Alert, Card, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { MODALITY_LABEL } from "../readings/reading-format";
import { useBookings } from "./queries";
import { formatRange, viewerTimeZone, zoneLabel } from "./time";

const SHOWN = 3;

/** The reader dashboard's glance at booked readings: the next few, and the way to hours and bookings. */
export function NextBookingsCard() {
  const bookings = useBookings("reader", "upcoming");
  const zone = viewerTimeZone();
  const items = (bookings.data?.items ?? []).filter((booking) => booking.status === "confirmed");
  return (
    <Card>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-4xl text-gold">Booked readings</h2>
        <p className="flex gap-4 text-sm">
          <Link to="/reader/bookings" className="text-pink underline">
            All bookings
          </Link>
          <Link to="/reader/availability" className="text-pink underline">
            Your hours
          </Link>
        </p>
      </div>
      {bookings.isLoading && <Spinner label="Loading your bookings" />}
      {bookings.error && <Alert>{friendlyMessage(bookings.error)}</Alert>}
      {bookings.isSuccess && items.length === 0 && (
        <p className="mt-2 text-white/70">
          No bookings ahead. Clients book the hours you open on your availability page.
        </p>
      )}
      {items.length > 0 && (
        <ul className="mt-3 divide-y divide-white/10">
          {items.slice(0, SHOWN).map((booking) => (
            <li key={booking.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2">
              <span>
                <time dateTime={booking.startsAt}>{formatRange(booking.startsAt, booking.endsAt, zone)}</time>{" "}
                <span className="text-sm text-white/60">{zoneLabel(zone, booking.startsAt)}</span>
              </span>
              <span className="text-white/80">
                {booking.clientName} · {MODALITY_LABEL[booking.modality] ?? booking.modality}
              </span>
            </li>
          ))}
        </ul>
      )}
      {items.length > SHOWN && <p className="mt-1 text-sm text-white/60">and {items.length - SHOWN} more.</p>}
    </Card>
  );
}
