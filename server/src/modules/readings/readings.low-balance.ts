import type { ReadingsContext } from "./readings.context.js";
import type { ReadingRow } from "./readings.repository.js";

/** Auto-reload keeps a client in a reading above this many units (minutes) of its rate. */
const LOW_BALANCE_UNITS = 2;

/**
 * Tells auto-reload (when wired) which clients are in per-minute readings and the balance each
 * should keep; after the commit and off the caller's path, so a slow card never delays billing.
 */
export function checkLowBalance(
  ctx: Pick<ReadingsContext, "lowBalance" | "logger">,
  rows: readonly ReadingRow[],
) {
  if (!ctx.lowBalance) return;
  const checks = rows
    .filter((row) => row.pricing !== "flat")
    .map((row) => ({
      clientUserId: row.clientUserId,
      thresholdCents: LOW_BALANCE_UNITS * row.ratePerUnitCents,
    }));
  if (checks.length === 0) return;
  void ctx.lowBalance
    .reloadIfLow(checks)
    .catch((error: unknown) => ctx.logger.error({ err: error }, "auto-reload after billing failed"));
}
