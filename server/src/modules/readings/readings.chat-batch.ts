import { DomainError } from "../../platform/http/errors.js";

/**
 * Group commit: items submitted while earlier batches are still running wait and go together
 * in the next one, so a busy path runs one statement (one transaction, one commit) per batch
 * instead of one per item. An item submitted when fewer than `maxInFlight` batches run starts
 * at once, alone, so a quiet path waits for nothing. A failed batch is retried one item at a
 * time, so one item the database refuses fails only its own caller.
 */
export function createBatcher<Item, Outcome>(options: {
  /** Runs one batch; answers one outcome per item, in order. */
  run(items: Item[]): Promise<Outcome[]>;
  maxBatch: number;
  maxInFlight: number;
  /** Items waiting beyond this are refused (503) rather than queued without end. */
  maxQueued: number;
}) {
  interface Waiting {
    item: Item;
    /** `performance.now()` when it was submitted. */
    at: number;
    resolve(outcome: Outcome): void;
    reject(error: unknown): void;
  }
  let queue: Waiting[] = [];
  let inFlight = 0;

  const settle = (batch: Waiting[], outcomes: Outcome[]) => {
    if (outcomes.length !== batch.length) {
      const error = new Error(`a batch of ${batch.length} answered ${outcomes.length} outcomes`);
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => {
      waiting.resolve(outcomes[index] as Outcome);
    });
  };

  /** Runs a batch; if it fails, runs its items one at a time, so one bad item fails only itself. */
  const runBatch = async (batch: Waiting[]) => {
    try {
      settle(batch, await options.run(batch.map((waiting) => waiting.item)));
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      for (const waiting of batch) await runBatch([waiting]);
    }
  };

  const pump = () => {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.length <= options.maxBatch ? queue : queue.slice(0, options.maxBatch);
      queue = queue.length <= options.maxBatch ? [] : queue.slice(options.maxBatch);
      inFlight += 1;
      void runBatch(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  };

  return {
    submit(item: Item): Promise<Outcome> {
      if (queue.length >= options.maxQueued) {
        return Promise.reject(new DomainError("SERVICE_UNAVAILABLE", "Too busy right now; try again."));
      }
      return new Promise<Outcome>((resolve, reject) => {
        queue.push({ item, at: performance.now(), resolve, reject });
        pump();
      });
    },
    /** Items waiting for a batch (for tests and metrics). */
    get queued() {
      return queue.length;
    },
    /** How long the oldest item still waiting for a batch has waited, in ms (0 when none waits). */
    oldestWaitMs() {
      const oldest = queue[0];
      return oldest ? performance.now() - oldest.at : 0;
    },
  };
}
