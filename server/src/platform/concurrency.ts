/**
 * Runs at most `lanes` tasks at once; the others wait their turn, first come first served. For
 * bursts of database work that must not all ask the pool at once: thousands of sockets closing
 * together would otherwise wait on the pool past its connection timeout, and fail.
 */
export function createLimiter(lanes: number) {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (busy < lanes) busy += 1;
      // A finishing task hands its lane straight to the next in line, so `busy` never passes `lanes`.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else busy -= 1;
      }
    },
    /** Tasks waiting for a lane. */
    get waiting() {
      return waiting.length;
    },
  };
}
