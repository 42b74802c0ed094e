import { createHash } from "node:crypto";
import type { Clock } from "../../platform/clock.js";
import { RateLimitedError } from "../../platform/http/errors.js";

/** How many attempts one caller may make in a window. */
export interface Budget {
  max: number;
  windowMs: number;
  /** Shown in the refusal ("Too many sign-in attempts"). */
  what: string;
}

/** Where the counters live: PostgreSQL (the repository) or Redis. */
export interface CounterStore {
  /** Counts one attempt atomically; a window starts at the first attempt and lasts windowMs. */
  hit(
    budget: string,
    keyHash: string,
    now: Date,
    windowMs: number,
  ): Promise<{ count: number; windowEndsAt: Date }>;
  /** Deletes counters of ended windows (Redis expires them itself); returns how many. */
  sweep(now: Date): Promise<number>;
}

export type LimitsService = ReturnType<typeof createLimitsService>;

/**
 * Named budgets shared by every app node (the counters live in PostgreSQL or Redis). A module spends
 * one attempt with `consume(name, key)`; past the budget it throws RATE_LIMITED with the seconds
 * until the window ends. Budgets are named when the service is made, or later with `define`.
 */
export function createLimitsService(deps: {
  store: CounterStore;
  clock: Clock;
  budgets: Record<string, Budget>;
}) {
  const { store } = deps;
  const budgets = new Map(Object.entries(deps.budgets));
  return {
    /** Adds a budget (a module with its own limits names them once, at start). */
    define(name: string, budget: Budget) {
      if (budgets.has(name)) throw new Error(`rate-limit budget ${name} is already defined`);
      budgets.set(name, budget);
    },

    /** Spends one attempt of the budget for the key (an address, a user id); refuses past the budget. */
    async consume(name: string, key: string): Promise<void> {
      const budget = budgets.get(name);
      if (!budget) throw new Error(`unknown rate-limit budget ${name}`);
      const now = deps.clock.now();
      const keyHash = createHash("sha256").update(key).digest("base64url");
      const { count, windowEndsAt } = await store.hit(name, keyHash, now, budget.windowMs);
      if (count > budget.max) {
        const retryAfterSeconds = Math.max(1, Math.ceil((windowEndsAt.getTime() - now.getTime()) / 1000));
        throw new RateLimitedError(
          `Too many ${budget.what}. Try again in ${retryAfterSeconds} seconds.`,
          retryAfterSeconds,
        );
      }
    },

    /** Deletes the counters of ended windows. */
    sweep: () => store.sweep(deps.clock.now()),
  };
}
