import type { Clock, ClockTimer } from "../src/platform/clock.js";

interface Scheduled {
  id: number;
  dueAt: number;
  intervalMs: number | null;
  run: () => void;
}

/** Timers one `advance` may run at most (an interval shorter than the step runs once per period). */
const MAX_RUNS_PER_ADVANCE = 100_000;

export type TestClock = Clock & {
  /**
   * Whether interval timers run as time passes. Off by default: the node's periodic work (the
   * biller, heartbeats, sweeps, pings) is driven by each test itself, at the moment it chooses;
   * one-shot timers (delays such as presence's offline delay) always run.
   */
  runIntervals: boolean;
  /** Moves time forward, running each timer that falls due on the way, in time order. */
  advance(ms: number): void;
  /** Jumps to a moment (forward only runs timers; backward runs none). */
  set(date: Date): void;
  /** Timers waiting to run (for tests of the timers themselves). */
  readonly pending: number;
};

/**
 * A clock the test moves by hand. Its timers run only when the test moves time past them, at
 * the time they were due (`now()` reads that time inside the timer), so a test never sleeps to
 * let a delay pass. Interval timers run only while `runIntervals` is on.
 */
export function createTestClock(start = new Date()): TestClock {
  let now = start.getTime();
  let nextId = 1;
  const timers = new Map<number, Scheduled>();

  const schedule = (run: () => void, delayMs: number, intervalMs: number | null): ClockTimer => {
    const timer: Scheduled = { id: nextId++, dueAt: now + Math.max(0, delayMs), intervalMs, run };
    timers.set(timer.id, timer);
    return { cancel: () => void timers.delete(timer.id) };
  };

  const nextDue = (until: number) => {
    let first: Scheduled | null = null;
    for (const timer of timers.values()) {
      if (timer.dueAt > until || (timer.intervalMs !== null && !clock.runIntervals)) continue;
      if (!first || timer.dueAt < first.dueAt || (timer.dueAt === first.dueAt && timer.id < first.id))
        first = timer;
    }
    return first;
  };

  const runUntil = (until: number) => {
    for (let runs = 0; runs < MAX_RUNS_PER_ADVANCE; runs += 1) {
      const timer = nextDue(until);
      if (!timer) break;
      now = Math.max(now, timer.dueAt);
      if (timer.intervalMs === null) timers.delete(timer.id);
      else timer.dueAt += Math.max(1, timer.intervalMs);
      timer.run();
    }
    now = Math.max(now, until);
  };

  const clock: TestClock = {
    runIntervals: false,
    now: () => new Date(now),
    setTimeout: (run, delayMs) => schedule(run, delayMs, null),
    setInterval: (run, intervalMs) => schedule(run, intervalMs, intervalMs),
    advance: (ms) => runUntil(now + ms),
    set: (date) => {
      if (date.getTime() > now) runUntil(date.getTime());
      else now = date.getTime();
    },
    get pending() {
      return timers.size;
    },
  };
  return clock;
}
