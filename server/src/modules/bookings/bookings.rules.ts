import { splitReaderShare } from "../ledger/split.js";
import { BOOKED_JOIN_GRACE_MS } from "../readings/readings.flat.js";
import type { BookingStep } from "./bookings.schemas.js";

/**
 * The numbers of scheduled readings (product.md section 4), as pure rules: the price, what a
 * cancellation gives back, when each timed step is due, and when the room opens.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** A client cancelling at least this long before the start gets everything back. */
export const FREE_CANCEL_BEFORE_MS = 24 * HOUR_MS;
/** …and so does one cancelling within this long of booking (a change of mind). */
export const CHANGE_OF_MIND_MS = 10 * MINUTE_MS;
/** Later than that, the client gets this share back (in basis points) and the rest is captured. */
export const LATE_CANCEL_REFUND_BASIS_POINTS = 5_000;
/** The room opens (the join button) this long before the start. */
export const JOIN_OPENS_BEFORE_MS = 5 * MINUTE_MS;
/** A reader with a booking starting within this long takes no on-demand readings ("booked soon"). */
export const BOOKED_SOON_MS = 20 * MINUTE_MS;
/** Reminders go out this long before the start, to both. */
export const REMINDERS: readonly { step: BookingStep; beforeMs: number }[] = [
  { step: "remind_24h", beforeMs: 24 * HOUR_MS },
  { step: "remind_15m", beforeMs: 15 * MINUTE_MS },
];
/** The reader's on-demand reading is warned this long before a booking, and ended at the second. */
export const WARN_ON_DEMAND_BEFORE_MS = 10 * MINUTE_MS;
export const CLEAR_ON_DEMAND_BEFORE_MS = 5 * MINUTE_MS;
/** Nobody opened the room by this long after the start: the reader did not come (the engine's join deadline). */
export const NO_SHOW_AFTER_MS = BOOKED_JOIN_GRACE_MS;

export const DEFAULT_AVAILABILITY = {
  bufferMinutes: 10,
  minNoticeMinutes: 12 * 60,
  horizonDays: 60,
};

/** A booking's price: the reader's scheduled rate per minute × the length. */
export function bookingPriceCents(ratePerMinuteCents: number, lengthMinutes: number) {
  return ratePerMinuteCents * lengthMinutes;
}

export interface CancellationTerms {
  refundCents: number;
  capturedCents: number;
  readerShareCents: number;
  rule: string;
}

/**
 * What cancelling gives back. The client: everything when at least 24 h before the start or within
 * 10 minutes of booking, otherwise half (rounded in the client's favour) with the other half
 * captured and split as any charge. The reader (or an admin, or an account closing): everything.
 */
export function cancellationTerms(
  booking: { priceCents: number; startsAt: Date; createdAt: Date; readerShareBasisPoints: number },
  by: "client" | "reader" | "admin",
  now: Date,
): CancellationTerms {
  const full = (rule: string) => ({
    refundCents: booking.priceCents,
    capturedCents: 0,
    readerShareCents: 0,
    rule,
  });
  if (by !== "client") return full("Cancelled by the reader: the whole price goes back to the client.");
  if (booking.startsAt.getTime() - now.getTime() >= FREE_CANCEL_BEFORE_MS)
    return full("At least 24 hours before the start: the whole price comes back.");
  if (now.getTime() - booking.createdAt.getTime() <= CHANGE_OF_MIND_MS)
    return full("Within 10 minutes of booking: the whole price comes back.");
  const refundCents = Math.ceil((booking.priceCents * LATE_CANCEL_REFUND_BASIS_POINTS) / 10_000);
  const capturedCents = booking.priceCents - refundCents;
  return {
    refundCents,
    capturedCents,
    readerShareCents: splitReaderShare(capturedCents, booking.readerShareBasisPoints).readerCents,
    rule: "Less than 24 hours before the start: half comes back; the reader is paid the other half.",
  };
}

/** When each timed step of a booking is due; reminders whose moment has passed are not sent late. */
export function stepsFor(startsAt: Date, now: Date): { step: BookingStep; dueAt: Date }[] {
  const at = (offsetMs: number) => new Date(startsAt.getTime() + offsetMs);
  const reminders = REMINDERS.map(({ step, beforeMs }) => ({ step, dueAt: at(-beforeMs) })).filter(
    (reminder) => reminder.dueAt.getTime() > now.getTime(),
  );
  return [
    ...reminders,
    { step: "warn_on_demand", dueAt: at(-WARN_ON_DEMAND_BEFORE_MS) },
    { step: "clear_on_demand", dueAt: at(-CLEAR_ON_DEMAND_BEFORE_MS) },
    { step: "no_show", dueAt: at(NO_SHOW_AFTER_MS) },
  ];
}

/** May the client still move it (once, for free, at least 24 h before)? */
export function mayReschedule(
  booking: { status: string; rescheduleCount: number; startsAt: Date },
  now: Date,
) {
  return (
    booking.status === "confirmed" &&
    booking.rescheduleCount === 0 &&
    booking.startsAt.getTime() - now.getTime() >= FREE_CANCEL_BEFORE_MS
  );
}
