/** How late this process runs its work, measured (not guessed): the event loop's recent delay. */
export interface LagProbe {
  /** The worst event-loop delay seen in about the last `windowMs`, in ms (0 when on time). */
  lagMs(): number;
  close(): void;
}

const SAMPLE_MS = 20;
const WINDOW_MS = 1_000;

/**
 * Measures the event loop's delay with a timer of its own (real time, never the app's clock: a
 * late loop is a real-time fact): each tick notes how much later than due it ran. The worst of
 * the current and the previous half-window is reported, so one stall is seen for at least half a
 * window after it ends and at most a whole one, and while the timer is overdue, by how much. CPU
 * taken by other processes, a long synchronous task, a garbage-collection pause all show here, as
 * they delay every socket's frames.
 */
export function createEventLoopLagProbe(options: { sampleMs?: number; windowMs?: number } = {}): LagProbe {
  const sampleMs = options.sampleMs ?? SAMPLE_MS;
  const halfWindowMs = (options.windowMs ?? WINDOW_MS) / 2;
  let previousMax = 0;
  let currentMax = 0;
  let bucketStart = performance.now();
  let expected = performance.now() + sampleMs;
  const timer = setInterval(() => {
    const now = performance.now();
    const delay = Math.max(0, now - expected);
    expected = now + sampleMs;
    if (now - bucketStart >= halfWindowMs) {
      // A stall longer than the half-window belongs to the bucket it ends in.
      previousMax = now - bucketStart >= 2 * halfWindowMs ? 0 : currentMax;
      currentMax = 0;
      bucketStart = now;
    }
    currentMax = Math.max(currentMax, delay);
  }, sampleMs);
  timer.unref();
  return {
    // The delay building right now counts too: work read after a stall (a socket's backlog, read
    // before this timer's next turn) sees the stall it waited through, not the calm before it.
    lagMs: () => Math.max(previousMax, currentMax, performance.now() - expected),
    close: () => clearInterval(timer),
  };
}
