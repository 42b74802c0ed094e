import { DomainError } from "../http/errors.js";

/** A refused send is retried after at least this long… */
const MIN_RETRY_AFTER_MS = 500;
/** …and at most this long. */
const MAX_RETRY_AFTER_MS = 5_000;

/**
 * The refusal, made without a stack trace: it answers the sender and is never logged as a fault,
 * and an overloaded node refuses thousands a second (at 10,000 chat sockets, capturing their
 * stacks took 4 % of the node's time, just when it had none to spare).
 */
function busy(what: string, retryAfterMs: number) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new DomainError("RETRY_LATER", `Busy right now; ${what} goes through in a moment.`, undefined, {
      retryAfterMs,
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Load shedding (decision 0019): while this node's own delivery lag (the worst of its measured
 * lag sources: the event loop's delay, the age of the oldest message waiting for a batch) is past
 * `boundMs`, new work is refused with `RETRY_LATER` and a retry-after instead of queued behind the
 * backlog, so the backlog drains and the node recovers. `boundMs` 0 turns it off.
 */
export function createLoadShedder(options: { boundMs: number; lagSources: (() => number)[] }) {
  const { boundMs, lagSources } = options;
  const shedder = {
    /** The retry-after in ms while the node is over its bound, else null. */
    retryAfterMs(): number | null {
      if (boundMs <= 0) return null;
      let lagMs = 0;
      for (const source of lagSources) lagMs = Math.max(lagMs, source());
      if (lagMs <= boundMs) return null;
      // Spread by up to a fifth, so refused senders do not all come back in the same instant.
      const base = Math.min(MAX_RETRY_AFTER_MS, Math.max(MIN_RETRY_AFTER_MS, 2 * lagMs));
      return Math.round(base * (1 + Math.random() / 5));
    },
    /** Throws `RETRY_LATER` (with the retry-after) while the node is over its bound. */
    admit(what: string) {
      const retryAfterMs = shedder.retryAfterMs();
      if (retryAfterMs !== null) throw busy(what, retryAfterMs);
    },
  };
  return shedder;
}

export type LoadShedder = ReturnType<typeof createLoadShedder>;
