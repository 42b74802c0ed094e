import { DomainError } from "../../platform/http/errors.js";

/**
 * The on-demand reading's states (product.md section 3). Only the transitions below exist; each is
 * stored with its time and cause, and every path ends in finalized.
 */
export const READING_STATES = [
  "created",
  "waiting",
  "active",
  "paused",
  "reconnecting",
  "ended",
  "finalized",
] as const;
export type ReadingState = (typeof READING_STATES)[number];

export const READING_CAUSES = [
  /** created: the client asked for a reading; it rings the reader. */
  "requested",
  /** created → waiting */
  "accepted",
  /** created → ended */
  "declined",
  "missed",
  "cancelled",
  /** → active */
  "both_connected",
  "reconnected",
  "funds_added",
  /** active → paused, reconnecting → paused */
  "funds_out",
  /** → reconnecting */
  "dropped",
  /** → ended */
  "ended_by_client",
  "ended_by_reader",
  "grace_expired",
  "join_timeout",
  "spending_limit",
  "reader_unavailable",
  /** ended → finalized */
  "settled",
] as const;
export type ReadingCause = (typeof READING_CAUSES)[number];

const TRANSITIONS: Record<ReadingState, ReadonlyArray<ReadingState>> = {
  created: ["waiting", "ended"],
  waiting: ["active", "paused", "ended"],
  active: ["paused", "reconnecting", "ended"],
  paused: ["active", "reconnecting", "ended"],
  reconnecting: ["active", "paused", "ended"],
  ended: ["finalized"],
  finalized: [],
};

/** Which causes may drive a transition into each state. */
const CAUSES_INTO: Record<ReadingState, ReadonlyArray<ReadingCause>> = {
  created: ["requested"],
  waiting: ["accepted"],
  active: ["both_connected", "reconnected", "funds_added"],
  paused: ["funds_out"],
  reconnecting: ["dropped"],
  ended: [
    "declined",
    "missed",
    "cancelled",
    "ended_by_client",
    "ended_by_reader",
    "grace_expired",
    "join_timeout",
    "spending_limit",
    "reader_unavailable",
  ],
  finalized: ["settled"],
};

export function canTransition(from: ReadingState, to: ReadingState, cause: ReadingCause) {
  return TRANSITIONS[from].includes(to) && CAUSES_INTO[to].includes(cause);
}

/** Throws a typed 409 for a transition the machine does not define. */
export function assertTransition(from: ReadingState, to: ReadingState, cause: ReadingCause) {
  if (!canTransition(from, to, cause)) {
    throw new DomainError("INVALID_TRANSITION", `A reading cannot go from ${from} to ${to} (${cause}).`);
  }
}

/** States in which the meter may run (it runs only while active and both are connected). */
export const LIVE_STATES: ReadonlySet<ReadingState> = new Set(["active", "paused", "reconnecting"]);
/** States that hold the reader (busy) and the client (one live reading at a time). */
export const OPEN_STATES: ReadonlySet<ReadingState> = new Set([
  "created",
  "waiting",
  "active",
  "paused",
  "reconnecting",
]);

export function allTransitions() {
  return Object.entries(TRANSITIONS).flatMap(([from, targets]) =>
    targets.map((to) => ({ from: from as ReadingState, to })),
  );
}
