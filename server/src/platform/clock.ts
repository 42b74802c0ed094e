/** A scheduled run of a clock; cancelling twice, or after it ran, does nothing. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * The only source of time for services and the platform: the current time and timers that run
 * on it. Production passes `systemClock`; tests pass a clock they move by hand, whose timers run
 * as it passes their time (see server/test/test-clock.ts).
 */
export interface Clock {
  now(): Date;
  /** Runs `run` once, `delayMs` from now. The timer never keeps the process alive. */
  setTimeout(run: () => void, delayMs: number): ClockTimer;
  /** Runs `run` every `intervalMs` from now. The timer never keeps the process alive. */
  setInterval(run: () => void, intervalMs: number): ClockTimer;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout(run, delayMs) {
    const timer = setTimeout(run, delayMs);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
  setInterval(run, intervalMs) {
    const timer = setInterval(run, intervalMs);
    timer.unref();
    return { cancel: () => clearInterval(timer) };
  },
};
