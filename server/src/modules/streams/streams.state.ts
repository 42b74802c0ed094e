import { DomainError } from "../../platform/http/errors.js";

/** Who may watch: anyone (public), invited clients (private), ticket holders (premium). */
export const STREAM_VISIBILITIES = ["public", "private", "premium"] as const;
export type StreamVisibility = (typeof STREAM_VISIBILITIES)[number];

/** A stream's states (product.md section 5, issue 18). */
export const STREAM_STATUSES = ["scheduled", "live", "reconnecting", "ended", "cancelled"] as const;
export type StreamStatus = (typeof STREAM_STATUSES)[number];

export const STREAM_CAUSES = [
  /** The reader starts the stream (a scheduled one, or one made to go live at once). */
  "started",
  /** The reader's media connection dropped: viewers see "Reconnecting…". */
  "publisher_dropped",
  /** It came back within 2 minutes. */
  "publisher_returned",
  /** It did not come back within 2 minutes. */
  "reconnect_expired",
  "ended_by_reader",
  "ended_by_admin",
  /** The reader was suspended or banned: on air ends, scheduled is cancelled. */
  "account_suspended",
  "cancelled_by_reader",
  /** A scheduled stream not started within 30 minutes of its time. */
  "start_missed",
] as const;
export type StreamCause = (typeof STREAM_CAUSES)[number];

/** From each status, the causes that move it and where each leads; any other pair is refused. */
const TRANSITIONS: Readonly<Record<StreamStatus, Readonly<Partial<Record<StreamCause, StreamStatus>>>>> = {
  scheduled: {
    started: "live",
    cancelled_by_reader: "cancelled",
    start_missed: "cancelled",
    ended_by_admin: "cancelled",
    account_suspended: "cancelled",
  },
  live: {
    publisher_dropped: "reconnecting",
    ended_by_reader: "ended",
    ended_by_admin: "ended",
    account_suspended: "ended",
  },
  reconnecting: {
    publisher_returned: "live",
    reconnect_expired: "ended",
    ended_by_reader: "ended",
    ended_by_admin: "ended",
    account_suspended: "ended",
  },
  ended: {},
  cancelled: {},
};

/** Where `cause` takes a stream in `from`, or null when the machine does not define it. */
export function nextStreamStatus(from: StreamStatus, cause: StreamCause): StreamStatus | null {
  return TRANSITIONS[from][cause] ?? null;
}

/** Where `cause` takes the stream; a typed 409 for a transition the machine does not define. */
export function streamTransition(from: StreamStatus, cause: StreamCause): StreamStatus {
  const to = nextStreamStatus(from, cause);
  if (to === null)
    throw new DomainError(
      "INVALID_TRANSITION",
      `A stream that is ${from} cannot change by ${cause.replaceAll("_", " ")}.`,
    );
  return to;
}

/** On air: video may flow, viewers may chat and send gifts. */
export const isOnAir = (status: StreamStatus) => status === "live" || status === "reconnecting";

/** Ticket prices in cents (product: $1–$50). */
export const TICKET_MIN_CENTS = 100;
export const TICKET_MAX_CENTS = 5_000;
/** A premium stream ended this soon after it started refunds every ticket in full. */
export const EARLY_END_REFUND_MS = 5 * 60_000;
/** A scheduled stream not started this long after its time is cancelled and its tickets refunded. */
export const START_GRACE_MS = 30 * 60_000;
/** A reader's dropped connection keeps the stream "reconnecting" this long, then it ends. */
export const RECONNECT_GRACE_MS = 2 * 60_000;
/** A stream can be scheduled at most this far ahead. */
export const SCHEDULE_HORIZON_MS = 60 * 24 * 60 * 60_000;
/** Live chat: text up to 500 characters; 5 messages per 10 s per viewer. */
export const CHAT_MAX_CHARS = 500;
export const CHAT_BUDGET = { count: 5, windowMs: 10_000 };
