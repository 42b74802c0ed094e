import type { paths } from "../../lib/api/schema";

export type SessionView =
  paths["/api/v1/sessions/{sessionId}"]["get"]["responses"][200]["content"]["application/json"]["session"];

/** Billed time right now: what the server accounted, plus the running part while active. */
export function liveBilledMs(session: SessionView, nowMs: number) {
  if (session.state !== "active" || !session.accruedAt) return session.billedMs;
  return session.billedMs + Math.max(0, nowMs - new Date(session.accruedAt).getTime());
}

/** The meter's rule: floor(rate × whole seconds / unit), in cents. */
export function costForBilledMs(session: SessionView, billedMs: number) {
  const seconds = Math.floor(billedMs / 1000);
  return Math.floor((session.ratePerUnitCents * seconds * 1000) / session.unitMs);
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
export function unitsLeft(session: SessionView, billedMs: number, balanceCents: number) {
  const intoUnit = billedMs % session.unitMs;
  const restOfHeld = session.state === "active" ? (session.unitMs - intoUnit) / session.unitMs : 0;
  return restOfHeld + Math.floor(balanceCents / session.ratePerUnitCents);
}

export const MODALITY_LABEL: Record<string, string> = { chat: "Chat", voice: "Voice", video: "Video" };

export const END_CAUSE_LABEL: Record<string, string> = {
  declined: "The reader declined the request.",
  missed: "The reader did not answer in time.",
  cancelled: "The reading was cancelled before it started.",
  ended_by_client: "The client ended the reading.",
  ended_by_reader: "The reader ended the reading.",
  grace_expired: "The reading ended: nobody came back (or no funds came) within the grace window.",
  join_timeout: "The reading ended: both sides did not join in time.",
  spending_limit: "The reading ended: your spending limit was reached.",
  reader_unavailable: "The reader became unavailable.",
};
