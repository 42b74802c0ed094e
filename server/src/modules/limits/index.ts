import type { Config } from "../../config.js";
import type { Database } from "../../platform/db/database.js";
import type { AppModule, Platform } from "../../platform/module.js";
import { createRedisCounterStore } from "./limits.redis.js";
import { createLimitsRepository } from "./limits.repository.js";
import { type Budget, type CounterStore, createLimitsService, type LimitsService } from "./limits.service.js";

/** Counters in the application's PostgreSQL (the default). */
function createPostgresCounterStore(db: Database): CounterStore {
  const repository = createLimitsRepository(db);
  return { hit: repository.hit, sweep: repository.sweep };
}

const HOUR_MS = 60 * 60_000;

/** The budgets every node shares; modules may add theirs with `define`. */
export function defaultBudgets(config: Config): Record<string, Budget> {
  const signIn = {
    max: config.SIGN_IN_RATE_LIMIT_MAX,
    windowMs: config.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS * 1000,
  };
  return {
    /** Per address: password guesses (sign-in, and the current password when changing it). */
    "sign-in": { ...signIn, what: "sign-in attempts" },
    "password-change": { ...signIn, what: "password attempts" },
    "sign-up": { max: 20, windowMs: HOUR_MS, what: "sign-ups from this address" },
    "password-reset": { ...signIn, what: "password-reset attempts" },
    "verification-mail": { ...signIn, what: "verification emails" },
    /** Per user: checkouts started. */
    "top-up": { max: 20, windowMs: 60_000, what: "top-ups" },
  };
}

/**
 * Rate limits shared by every app node: named budgets counted in PostgreSQL (or Redis when
 * REDIS_URL is set), so an attacker
 * spreading attempts over nodes gets no more. The reading chat keeps its per-node budget.
 */
export function createLimitsModule(
  deps: Pick<Platform, "db" | "clock" | "logger"> & { config: Config },
): AppModule<LimitsService> {
  const redis = deps.config.REDIS_URL
    ? createRedisCounterStore({ url: deps.config.REDIS_URL, logger: deps.logger })
    : null;
  const store = redis ?? createPostgresCounterStore(deps.db);
  const service = createLimitsService({ store, clock: deps.clock, budgets: defaultBudgets(deps.config) });
  return {
    name: "limits",
    service,
    timers: redis ? [] : [{ name: "rate-limit sweep", everyMs: 5 * 60_000, run: () => service.sweep() }],
    close: async () => {
      await redis?.close();
    },
  };
}
