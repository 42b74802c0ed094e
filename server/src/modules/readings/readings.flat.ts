import type { Presence } from "./readings.billing-bulk.js";
import { amountForBilledMs, type MeterEffects, type MeterRate, type MeterState } from "./readings.meter.js";
import type { ReadingRow } from "./readings.repository.js";

/**
 * Booked readings (product.md section 4) on the one meter: a flat reading's rate is its whole
 * price and its unit the booked length, so the meter's connected time is the booked time both
 * were there for. Its money is the booking's hold; nothing more can be held (the slot is the
 * slot). These are its rules; the biller applies them.
 */

/** A booked reading may wait in its room this long after its start for the other side. */
export const BOOKED_JOIN_GRACE_MS = 10 * 60_000;

/**
 * What a booked reading's end does with the booking's hold:
 * - `full`: the client pays the whole price (they ended it, their drop outlasted the grace
 *   window, they did not come, or the slot ran out with the reader there since its start);
 * - `connected`: the client pays only the booked time both were connected, by the second, rounded
 *   down (the reader ended it, the reader's drop outlasted the grace window, the reader did not
 *   come or came late, both were gone);
 * - `booking`: the hold is left to the booking (a cancellation of a reading that never started).
 */
export type FlatCharge = "full" | "connected" | "booking";

export function flatCharge(row: ReadingRow, present: Presence): FlatCharge {
  const clientHere = present.has(row.clientUserId);
  const readerHere = present.has(row.readerUserId);
  switch (row.endCause) {
    case "ended_by_client":
      return "full";
    case "cancelled":
      return "booking";
    case "account_suspended":
    case "account_banned":
      // Before it started, a suspension cancels the booking as the reader's (a full refund).
      return row.startedAt ? "connected" : "booking";
    case "grace_expired":
      return readerHere && !clientHere ? "full" : "connected";
    case "time_up": {
      const readerOnTime =
        row.readerJoinedAt !== null &&
        row.scheduledStartAt !== null &&
        row.readerJoinedAt.getTime() <= row.scheduledStartAt.getTime();
      return readerHere && readerOnTime ? "full" : "connected";
    }
    case "join_timeout":
      // Nobody met: the client missed it if the reader is there and they are not, or if only the
      // reader ever came; otherwise (the reader missed it, or neither came) it is the reader's.
      if (readerHere && !clientHere) return "full";
      if (!readerHere && !clientHere && row.readerJoinedAt && !row.clientJoinedAt) return "full";
      return "connected";
    default:
      return "connected";
  }
}

/**
 * Closes a flat meter: the hold (unit 0) is captured in full, or for the connected share of the
 * booked length (0 releases it all); a hold captured at the end of the length is already paid.
 */
export async function settleFlat(
  state: MeterState,
  rate: MeterRate,
  effects: MeterEffects,
  charge: Exclude<FlatCharge, "booking">,
): Promise<MeterState> {
  if (state.capturedUnits > 0) return { ...state, heldUnit: null };
  const amountCents =
    charge === "full"
      ? rate.ratePerUnitCents
      : amountForBilledMs(rate, Math.min(state.billedMs, rate.unitMs));
  await effects.capture(0, amountCents);
  return { ...state, heldUnit: null };
}

/** A booked reading's next look never lies past the end of its slot. */
export function capToSlot(row: Pick<ReadingRow, "pricing" | "scheduledEndAt">, at: Date | null) {
  if (row.pricing !== "flat" || !row.scheduledEndAt || !at) return at;
  return at.getTime() > row.scheduledEndAt.getTime() ? row.scheduledEndAt : at;
}
