import { DomainError } from "../../platform/http/errors.js";

/**
 * The on-demand reading's states (product.md section 3). Each change is stored with its time and
 * cause, and every path ends in finalized.
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
  /** The client asked for a reading; it rings the reader (the first state, not a transition). */
  "requested",
  /** A booking's reading was opened (the first state, not a transition): it waits for both. */
  "booked",
  "accepted",
  "declined",
  "missed",
  "cancelled",
  "both_connected",
  "reconnected",
  "funds_added",
  "funds_out",
  "dropped",
  "ended_by_client",
  "ended_by_reader",
  "grace_expired",
  "join_timeout",
  "spending_limit",
  /** An admin suspended or banned one of the two: the reading ends at once, billed to the second. */
  "account_suspended",
  "account_banned",
  /** A booked reading reached the end of its slot. */
  "time_up",
  /** An on-demand reading ended because the reader's booked reading is about to start. */
  "booking_due",
  "settled",
] as const;
export type ReadingCause = (typeof READING_CAUSES)[number];

/**
 * The machine: from each state, the causes that move it and where each one leads. A (state,
 * cause) pair that is not here is refused; nothing is allowed by composition.
 */
const TRANSITIONS: Readonly<Record<ReadingState, Readonly<Partial<Record<ReadingCause, ReadingState>>>>> = {
  created: {
    accepted: "waiting",
    declined: "ended",
    missed: "ended",
    cancelled: "ended",
    account_suspended: "ended",
    account_banned: "ended",
    booking_due: "ended",
  },
  waiting: {
    both_connected: "active",
    // The first minute's hold failed as both arrived (funds spent meanwhile): wait for a top-up.
    funds_out: "paused",
    join_timeout: "ended",
    cancelled: "ended",
    spending_limit: "ended",
    account_suspended: "ended",
    account_banned: "ended",
    booking_due: "ended",
  },
  active: {
    funds_out: "paused",
    dropped: "reconnecting",
    ended_by_client: "ended",
    ended_by_reader: "ended",
    spending_limit: "ended",
    account_suspended: "ended",
    account_banned: "ended",
    time_up: "ended",
    booking_due: "ended",
  },
  paused: {
    funds_added: "active",
    grace_expired: "ended",
    ended_by_client: "ended",
    ended_by_reader: "ended",
    spending_limit: "ended",
    account_suspended: "ended",
    account_banned: "ended",
    time_up: "ended",
    booking_due: "ended",
  },
  reconnecting: {
    reconnected: "active",
    funds_out: "paused",
    grace_expired: "ended",
    ended_by_client: "ended",
    ended_by_reader: "ended",
    spending_limit: "ended",
    account_suspended: "ended",
    account_banned: "ended",
    time_up: "ended",
    booking_due: "ended",
  },
  ended: { settled: "finalized" },
  finalized: {},
};

/** Where `cause` takes a reading in state `from`, or null when the machine does not define it. */
export function nextState(from: ReadingState, cause: ReadingCause): ReadingState | null {
  return TRANSITIONS[from][cause] ?? null;
}

/** Where `cause` takes the reading; a typed 409 for a transition the machine does not define. */
export function transition(from: ReadingState, cause: ReadingCause): ReadingState {
  const to = nextState(from, cause);
  if (to === null) {
    throw new DomainError(
      "INVALID_TRANSITION",
      `A reading that is ${from} cannot change by ${cause.replaceAll("_", " ")}.`,
    );
  }
  return to;
}

/** Every (from, cause, to) the machine defines. */
export function allTransitions() {
  return READING_STATES.flatMap((from) =>
    Object.entries(TRANSITIONS[from]).map(([cause, to]) => ({
      from,
      cause: cause as ReadingCause,
      to: to as ReadingState,
    })),
  );
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
