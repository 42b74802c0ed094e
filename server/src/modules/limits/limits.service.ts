import { createHash } from "node:crypto";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import { RateLimitedError } from "../../platform/http/errors.js";
import { createLimitsRepository } from "./limits.repository.js";

/** How many attempts one caller may make in a window. */
export interface Budget {
  max: number;
  windowMs: number;
  /** Shown in the refusal ("Too many sign-in attempts"). */
  what: string;
}

export type LimitsService = ReturnType<typeof createLimitsService>;

/**
 * Named budgets shared by every app node (the counters live in PostgreSQL). A module spends
 * one attempt with `consume(name, key)`; past the budget it throws RATE_LIMITED with the seconds
 * until the window ends. Budgets are named when the service is made, or later with `define`.
 */
export function createLimitsService(deps: { db: Database; clock: Clock; budgets: Record<string, Budget> }) {
  const repository = createLimitsRepository(deps.db);
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
      const { count, windowEndsAt } = await repository.hit(name, keyHash, now, budget.windowMs);
      if (count > budget.max) {
        const retryAfterSeconds = Math.max(1, Math.ceil((windowEndsAt.getTime() - now.getTime()) / 1000));
        throw new RateLimitedError(
          `Too many ${budget.what}. Try again in ${retryAfterSeconds} seconds.`,
          retryAfterSeconds,
        );
      }
    },

    /** Deletes the counters of ended windows. */
    sweep: () => repository.sweep(deps.clock.now()),
  };
}
