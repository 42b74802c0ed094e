import type { ResponseOf } from "../../lib/api/types";

export type ReadingView = ResponseOf<"/api/v1/readings/{readingId}">["reading"];

/** States in which the reading is not over yet. */
export const OPEN_STATES: ReadonlySet<string> = new Set([
  "created",
  "waiting",
  "active",
  "paused",
  "reconnecting",
]);
/** States in which the meter is running or held (both joined). */
export const RUNNING_STATES: ReadonlySet<string> = new Set(["active", "paused", "reconnecting"]);

/** Billed time right now: what the server accounted, plus the running part while active. */
export function liveBilledMs(reading: ReadingView, nowMs: number) {
  if (reading.state !== "active" || !reading.accruedAt) return reading.billedMs;
  return reading.billedMs + Math.max(0, nowMs - new Date(reading.accruedAt).getTime());
}

/** The meter's rule: floor(rate × whole seconds / unit), in cents. */
export function costForBilledMs(reading: ReadingView, billedMs: number) {
  const seconds = Math.floor(billedMs / 1000);
  return Math.floor((reading.ratePerUnitCents * seconds * 1000) / reading.unitMs);
}

/** m:ss (or h:mm:ss) for a duration. */
export function formatClock(ms: number) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * Billing units (minutes) the client can still pay for: the rest of the unit already held, plus
 * what the wallet holds at the rate.
 */
export function unitsLeft(reading: ReadingView, billedMs: number, balanceCents: number) {
  const intoUnit = billedMs % reading.unitMs;
  const restOfHeld = reading.state === "active" ? (reading.unitMs - intoUnit) / reading.unitMs : 0;
  return restOfHeld + Math.floor(balanceCents / reading.ratePerUnitCents);
}

export const MODALITY_LABEL: Record<string, string> = { chat: "Chat", voice: "Voice", video: "Video" };

/** Why a reading ended, for the causes that end one (keyed by the API's causes, so none goes stale). */
export const END_CAUSE_LABEL: Partial<Record<NonNullable<ReadingView["endCause"]>, string>> = {
  declined: "The reader declined the request.",
  missed: "The reader did not answer in time.",
  cancelled: "The reading was cancelled before it started.",
  ended_by_client: "The client ended the reading.",
  ended_by_reader: "The reader ended the reading.",
  grace_expired: "The reading ended: nobody came back (or no funds came) within the grace window.",
  join_timeout: "The reading ended: both sides did not join in time.",
  spending_limit: "The reading ended: your spending limit was reached.",
  account_suspended: "The reading ended: an account in it was suspended.",
  account_banned: "The reading ended: an account in it was closed.",
  time_up: "The booked time is over.",
  booking_due: "The reading ended because the reader has a booked reading starting.",
};
