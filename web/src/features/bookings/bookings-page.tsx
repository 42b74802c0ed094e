import { type KeyboardEvent, type ReactNode, useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, EmptyState, PageTitle, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { type BookingAction, BookingCard } from "./booking-card";
import { CancelBookingDialog } from "./cancel-booking-dialog";
import { type Booking, type BookingRole, type BookingScope, useBookings } from "./queries";
import { RescheduleDialog } from "./reschedule-dialog";
import { viewerTimeZone, zoneLabel } from "./time";

const SCOPES: readonly { scope: BookingScope; label: string }[] = [
  { scope: "upcoming", label: "Upcoming" },
  { scope: "past", label: "Past" },
];

/** The client's booked readings: upcoming and past. */
export function MyBookingsPage() {
  return (
    <RequireUser requiredRole="client">
      {() => (
        <BookingsView
          viewer="client"
          title="My bookings"
          subtitle="Readings you booked ahead, at a fixed price."
        />
      )}
    </RequireUser>
  );
}

/** The reader's booked readings: upcoming and past. */
export function ReaderBookingsPage() {
  return (
    <RequireUser requiredRole="reader">
      {() => (
        <BookingsView
          viewer="reader"
          title="Bookings"
          subtitle={
            <>
              Readings clients booked with you.{" "}
              <Link to="/reader/availability" className="text-pink underline">
                Set your hours
              </Link>
            </>
          }
        />
      )}
    </RequireUser>
  );
}

function BookingsView({
  viewer,
  title,
  subtitle,
}: {
  viewer: BookingRole;
  title: string;
  subtitle: ReactNode;
}) {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const scope: BookingScope = params.get("tab") === "past" ? "past" : "upcoming";
  const booked = params.get("booked");
  const [open, setOpen] = useState<{ action: BookingAction; booking: Booking } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const showScope = (next: BookingScope) => {
    setNotice(null);
    setParams(next === "past" ? { tab: "past" } : {}, { replace: true });
  };
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    const next = scope === "upcoming" ? "past" : "upcoming";
    showScope(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  return (
    <div className="mx-auto max-w-3xl">
      <PageTitle subtitle={subtitle}>{title}</PageTitle>
      {booked && scope === "upcoming" && (
        <div className="mb-6">
          <Alert kind="success">
            Your reading is booked and the price is held from your wallet. A confirmation with a calendar file
            is on its way to your email.
          </Alert>
        </div>
      )}
      {notice && (
        <div className="mb-6">
          <Alert kind="success">{notice}</Alert>
        </div>
      )}
      <div role="tablist" aria-label={title} className="mb-4 flex gap-2" onKeyDown={onTabKey}>
        {SCOPES.map((entry) => (
          <button
            key={entry.scope}
            id={`${id}-tab-${entry.scope}`}
            type="button"
            role="tab"
            aria-selected={scope === entry.scope}
            aria-controls={`${id}-panel`}
            tabIndex={scope === entry.scope ? 0 : -1}
            onClick={() => showScope(entry.scope)}
            className="min-h-11 rounded-full border border-pink/50 px-5 text-pink aria-selected:bg-pink aria-selected:font-semibold aria-selected:text-night"
          >
            {entry.label}
          </button>
        ))}
      </div>
      <p className="mb-4 text-sm text-white/60">Times are shown in {zoneLabel(viewerTimeZone())}.</p>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${scope}`}>
        <BookingList
          viewer={viewer}
          scope={scope}
          highlightedId={booked}
          onAction={(action, booking) => {
            setNotice(null);
            if (booked) setParams({}, { replace: true });
            setOpen({ action, booking });
          }}
        />
      </div>
      {open?.action === "cancel" && (
        <CancelBookingDialog booking={open.booking} onClose={() => setOpen(null)} onCancelled={setNotice} />
      )}
      {open?.action === "move" && (
        <RescheduleDialog booking={open.booking} onClose={() => setOpen(null)} onMoved={setNotice} />
      )}
    </div>
  );
}

function BookingList({
  viewer,
  scope,
  highlightedId,
  onAction,
}: {
  viewer: BookingRole;
  scope: BookingScope;
  highlightedId: string | null;
  onAction: (action: BookingAction, booking: Booking) => void;
}) {
  const bookings = useBookings(viewer, scope);
  if (bookings.isLoading) return <Spinner label="Loading your bookings" />;
  if (bookings.error)
    return (
      <Alert>
        {friendlyMessage(bookings.error)}{" "}
        <button type="button" className="underline" onClick={() => bookings.refetch()}>
          Try again
        </button>
      </Alert>
    );
  const items = bookings.data?.items ?? [];
  if (items.length === 0) return <Empty viewer={viewer} scope={scope} />;
  return (
    <ul className="flex flex-col gap-4">
      {items.map((booking) => (
        <BookingCard
          key={booking.id}
          booking={booking}
          highlighted={booking.id === highlightedId}
          onAction={onAction}
        />
      ))}
    </ul>
  );
}

function Empty({ viewer, scope }: { viewer: BookingRole; scope: BookingScope }) {
  if (viewer === "reader")
    return (
      <EmptyState>
        {scope === "upcoming" ? "No bookings ahead yet." : "No past bookings yet."} Clients book the times you
        open on your{" "}
        <Link to="/reader/availability" className="text-pink underline">
          availability page
        </Link>
        .
      </EmptyState>
    );
  return (
    <EmptyState>
      {scope === "upcoming" ? "You have no readings booked ahead." : "No past bookings yet."}{" "}
      <Link to="/readers" className="text-pink underline">
        Browse readers
      </Link>{" "}
      and pick a time on a reader's page.
    </EmptyState>
  );
}
