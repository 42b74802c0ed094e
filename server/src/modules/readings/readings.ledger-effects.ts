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
      await captureInto(ledger, tx, row, outcome, amountCents, `reading:${row.id}:booked`, "booking_capture");
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
      await captureInto(
        ledger,
        tx,
        row,
        outcome,
        amountCents,
        `session:${row.id}:unit:${unit}`,
        "session_charge",
      );
    },
  };
  return { effects, outcome };
}

type Outcome = { holdId: string | null; chargedCents: number; readerShareCents: number };

/**
 * Captures `amountCents` of the outcome's open hold (split with the reader in the same transfer)
 * and releases the rest, or releases it all for 0; keys `<key>:capture` / `<key>:release`.
 */
async function captureInto(
  ledger: LedgerService,
  tx: Executor,
  row: ReadingRow,
  outcome: Outcome,
  amountCents: number,
  key: string,
  code: "session_charge" | "booking_capture",
) {
  const holdId = outcome.holdId;
  if (!holdId) throw new Error(`reading ${row.id}: nothing held to capture (${key})`);
  if (amountCents === 0) {
    await ledger.voidHold({ idempotencyKey: `${key}:release`, holdId }, tx);
  } else {
    await ledger.captureHold(
      {
        idempotencyKey: `${key}:capture`,
        holdId,
        amountCents,
        readerUserId: row.readerUserId,
        code,
        readerShareBasisPoints: row.readerShareBasisPoints,
      },
      tx,
    );
  }
  outcome.chargedCents += amountCents;
  outcome.readerShareCents += splitReaderShare(amountCents, row.readerShareBasisPoints).readerCents;
  outcome.holdId = null;
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
