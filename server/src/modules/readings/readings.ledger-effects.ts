import type { Executor } from "../../platform/db/database.js";
import { DomainError } from "../../platform/http/errors.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import { splitReaderShare } from "../ledger/split.js";
import type { MeterEffects, MeterState } from "./readings.meter.js";
import type { ReadingRow } from "./readings.repository.js";

/** Why a unit's hold was refused: the wallet cannot cover it, or a spending limit would pass. */
export type HoldRefusal = "funds" | "limit";

/** Meter effects on the ledger, in the caller's transaction; totals gathered in `outcome`. */
export function ledgerEffects(ledger: LedgerService, tx: Executor, row: ReadingRow) {
  return row.pricing === "flat" ? bookedEffects(ledger, tx, row) : perUnitEffects(ledger, tx, row);
}

/**
 * A booked reading's effects: its one "unit" (the booked length) is already held by the booking,
 * so holding it only takes that hold; no later unit is ever held or charged (the reading ends with
 * its slot). The capture takes the charged part of the booking's hold, split in the same
 * transaction, and releases the rest to the client.
 */
function bookedEffects(ledger: LedgerService, tx: Executor, row: ReadingRow) {
  const outcome = {
    holdId: row.holdId,
    chargedCents: 0,
    readerShareCents: 0,
    refusal: null as HoldRefusal | null,
  };
  const effects: MeterEffects = {
    async hold(unit) {
      if (unit === 0 && !outcome.holdId) throw new Error(`booked reading ${row.id} has no hold`);
      return true;
    },
    async capture(unit, amountCents) {
      if (unit !== 0) return;
      const holdId = outcome.holdId;
      if (!holdId) throw new Error(`booked reading ${row.id} has no hold to capture`);
      if (amountCents === 0) {
        await ledger.voidHold({ idempotencyKey: `reading:${row.id}:booked:release`, holdId }, tx);
      } else {
        await ledger.captureHold(
          {
            idempotencyKey: `reading:${row.id}:booked:capture`,
            holdId,
            amountCents,
            readerUserId: row.readerUserId,
            code: "booking_capture",
            readerShareBasisPoints: row.readerShareBasisPoints,
          },
          tx,
        );
      }
      outcome.chargedCents += amountCents;
      outcome.readerShareCents += splitReaderShare(amountCents, row.readerShareBasisPoints).readerCents;
      outcome.holdId = null;
    },
  };
  return { effects, outcome };
}

function perUnitEffects(ledger: LedgerService, tx: Executor, row: ReadingRow) {
  const outcome = {
    holdId: row.holdId,
    chargedCents: 0,
    readerShareCents: 0,
    refusal: null as HoldRefusal | null,
  };
  const effects: MeterEffects = {
    async hold(unit, amountCents) {
      try {
        const hold = await ledger.hold(
          {
            idempotencyKey: `session:${row.id}:unit:${unit}`,
            userId: row.clientUserId,
            amountCents,
            code: "session_charge",
            references: { readingId: row.id },
          },
          tx,
        );
        outcome.holdId = hold.id;
        return true;
      } catch (error) {
        if (error instanceof DomainError && error.code === "SPENDING_LIMIT_REACHED")
          outcome.refusal = "limit";
        else if (
          error instanceof DomainError &&
          (error.code === "INSUFFICIENT_FUNDS" || error.code === "ACCOUNT_FROZEN")
        )
          outcome.refusal = "funds";
        else throw error;
        return false;
      }
    },
    async capture(unit, amountCents) {
      const holdId = outcome.holdId;
      if (!holdId) throw new Error(`reading ${row.id}: unit ${unit} has no hold`);
      if (amountCents === 0) {
        await ledger.voidHold({ idempotencyKey: `session:${row.id}:unit:${unit}:release`, holdId }, tx);
      } else {
        await ledger.captureHold(
          {
            idempotencyKey: `session:${row.id}:unit:${unit}:capture`,
            holdId,
            amountCents,
            readerUserId: row.readerUserId,
            code: "session_charge",
            readerShareBasisPoints: row.readerShareBasisPoints,
          },
          tx,
        );
      }
      outcome.chargedCents += amountCents;
      outcome.readerShareCents += splitReaderShare(amountCents, row.readerShareBasisPoints).readerCents;
      outcome.holdId = null;
    },
  };
  return { effects, outcome };
}

export const meterOf = (row: ReadingRow): MeterState => ({
  billedMs: row.billedMs,
  heldUnit: row.heldUnit,
  capturedUnits: row.capturedUnits,
});
export const rateOf = (row: ReadingRow) => ({ ratePerUnitCents: row.ratePerUnitCents, unitMs: row.unitMs });

/** The next unit boundary of an active reading, in wall time. */
export const nextBoundary = (billedMs: number, accruedAt: Date, unitMs: number) =>
  new Date(accruedAt.getTime() + ((Math.floor(billedMs / unitMs) + 1) * unitMs - billedMs));
