import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import { type Budget, createLimitsService, type LimitsService } from "./limits.service.js";

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
 * Rate limits shared by every app node: named budgets counted in PostgreSQL, so an attacker
 * spreading attempts over nodes gets no more. The reading chat keeps its per-node budget.
 */
export function createLimitsModule(
  deps: Pick<Platform, "db" | "clock"> & { config: Config },
): AppModule<LimitsService> {
  const service = createLimitsService({
    db: deps.db,
    clock: deps.clock,
    budgets: defaultBudgets(deps.config),
  });
  return {
    name: "limits",
    service,
    timers: [{ name: "rate-limit sweep", everyMs: 5 * 60_000, run: () => service.sweep() }],
  };
}
