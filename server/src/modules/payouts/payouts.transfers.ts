import { setTimeout as sleep } from "node:timers/promises";
import {
  type PayoutProvider,
  PayoutProviderError,
  type PayoutTransferRequest,
} from "../../platform/payments/payouts-provider.js";
import { createRateLimiter } from "../../platform/payments/rate-limiter.js";

/** Attempts per provider call before the payout is left for the next run's reconciler. */
export const MAX_PROVIDER_ATTEMPTS = 5;
/** Longest wait between two attempts. */
const MAX_BACKOFF_MS = 30_000;

export type TransferOutcome =
  | { payoutId: string; kind: "confirmed"; transferId: string }
  | { payoutId: string; kind: "refused"; reason: string }
  /** Still unknown after every attempt (rate limited or failing): the reconciler tries again later. */
  | { payoutId: string; kind: "unfinished"; reason: string };

export interface TransferSenderOptions {
  provider: PayoutProvider;
  ratePerSecond: number;
  concurrency: number;
  retryBaseMs: number;
}

/**
 * Provider calls of the payout run: paced by a rate limiter, a bounded number in flight,
 * retried with exponential backoff on 429s and passing errors, never on a refusal.
 */
export function createTransferSender(options: TransferSenderOptions) {
  const limiter = createRateLimiter(options.ratePerSecond);

  /** One call with its retries; answers the value, or the last error when every attempt failed. */
  async function withRetries<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      await limiter.take();
      try {
        return await call();
      } catch (error) {
        const refused = error instanceof PayoutProviderError && error.kind === "refused";
        if (refused || attempt >= MAX_PROVIDER_ATTEMPTS) throw error;
        const backoffMs = Math.min(MAX_BACKOFF_MS, options.retryBaseMs * 2 ** (attempt - 1));
        // Jitter spreads the retries of many calls that were refused at the same moment.
        await sleep(backoffMs / 2 + Math.random() * (backoffMs / 2));
      }
    }
  }

  function outcomeOfError(payoutId: string, error: unknown): TransferOutcome {
    const reason = error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
    if (error instanceof PayoutProviderError && error.kind === "refused")
      return { payoutId, kind: "refused", reason };
    return { payoutId, kind: "unfinished", reason };
  }

  /** Runs `work` over `items`, at most `concurrency` at once, in order of start. */
  async function pool<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await work(items[index] as T);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, items.length) }, worker));
    return results;
  }

  return {
    /** Makes each transfer (the same key on every attempt, so never two). */
    send(requests: readonly PayoutTransferRequest[]) {
      return pool(requests, async (request): Promise<TransferOutcome> => {
        try {
          const { transferId } = await withRetries(() => options.provider.createTransfer(request));
          return { payoutId: request.payoutId, kind: "confirmed", transferId };
        } catch (error) {
          return outcomeOfError(request.payoutId, error);
        }
      });
    },

    /**
     * The reconciler's call: finds the transfer a crash may have made without us recording it,
     * and makes it only when the provider has none.
     */
    finish(requests: readonly PayoutTransferRequest[]) {
      return pool(requests, async (request): Promise<TransferOutcome> => {
        try {
          const found = await withRetries(() => options.provider.findTransfer(request.payoutId));
          const { transferId } = found ?? (await withRetries(() => options.provider.createTransfer(request)));
          return { payoutId: request.payoutId, kind: "confirmed", transferId };
        } catch (error) {
          return outcomeOfError(request.payoutId, error);
        }
      });
    },
  };
}

export type TransferSender = ReturnType<typeof createTransferSender>;
