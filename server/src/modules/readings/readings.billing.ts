import type { Executor } from "../../platform/db/database.js";
import { createBulkBilling, type Presence } from "./readings.billing-bulk.js";
import type { ReadingsContext } from "./readings.context.js";
import { BOOKED_JOIN_GRACE_MS, capToSlot, flatCharge, settleFlat } from "./readings.flat.js";
import { untilSeen } from "./readings.last-seen.js";
import { type HoldRefusal, ledgerEffects, meterOf, nextBoundary, rateOf } from "./readings.ledger-effects.js";
import { checkLowBalance } from "./readings.low-balance.js";
import { accrue, settle } from "./readings.meter.js";
import type { ReadingRow } from "./readings.repository.js";
import type { ReadingCause } from "./readings.state.js";

export type { Presence } from "./readings.billing-bulk.js";
export type { HoldRefusal } from "./readings.ledger-effects.js";

const MAX_BATCH = 200;
/** Batches one node's biller runs at once when more than one is due. */
const BILLER_LANES = 3;

/**
 * The biller: the fair meter applied to due readings (a unit boundary, a ring, join or grace
 * deadline, a funds retry), holding each unit at its start and capturing it when used, many
 * readings at once where it can, one by one where a wallet refuses. Every node runs it; each
 * reading is claimed by one node at a time and each unit is charged once (idempotency keys).
 */
export function createBilling(ctx: ReadingsContext) {
  const { db, timings, repository } = ctx;
  const deps = ctx;
  const { moveTo } = ctx.moves;
  const { presenceOfBatch, billInBulk } = createBulkBilling(ctx);

  /**
   * Bills an active reading's connected time up to `until` (never past either side's last sign
   * of life) and opens the current unit's hold. Returns the row and why billing stopped, if it did.
   */
  async function bill(tx: Executor, row: ReadingRow, untilAsked: Date) {
    // A booked reading bills nothing past the end of its slot.
    const until = capToSlot(row, untilAsked) ?? untilAsked;
    const from = row.accruedAt ?? until;
    const elapsedMs = Math.max(0, until.getTime() - from.getTime());
    const { effects, outcome } = ledgerEffects(deps.ledger, tx, row);
    const result = await accrue(meterOf(row), rateOf(row), elapsedMs, effects);
    const accruedAt = new Date(from.getTime() + result.acceptedMs);
    const updated = await repository.update(tx, row.id, {
      billedMs: result.state.billedMs,
      heldUnit: result.state.heldUnit,
      capturedUnits: result.state.capturedUnits,
      holdId: outcome.holdId,
      accruedAt,
      chargedCents: row.chargedCents + outcome.chargedCents,
      readerShareCents: row.readerShareCents + outcome.readerShareCents,
      dueAt: capToSlot(row, nextBoundary(result.state.billedMs, accruedAt, row.unitMs)),
    });
    return {
      row: updated,
      refusal: result.stoppedForFunds ? (outcome.refusal ?? "funds") : null,
      at: accruedAt,
    };
  }

  /** Billing could not hold the next unit: pause for a top-up, or end at a spending limit. */
  async function stopBilling(tx: Executor, row: ReadingRow, refusal: HoldRefusal, at: Date) {
    if (refusal === "limit") return endAndFinalize(tx, row, "spending_limit", at);
    const graceEndsAt = new Date(at.getTime() + timings.graceMs);
    return moveTo(tx, row, "funds_out", at, {
      graceEndsAt,
      dueAt: new Date(Math.min(graceEndsAt.getTime(), at.getTime() + timings.fundsRetryMs)),
    });
  }

  /** Both sides are in the room: start (or resume) billing, holding the current unit first. */
  async function activate(tx: Executor, row: ReadingRow, cause: ReadingCause, at: Date) {
    const ready = await repository.update(tx, row.id, { accruedAt: at });
    const billed = await bill(tx, ready, at);
    if (billed.refusal) {
      if (row.state === "paused" && billed.refusal === "funds") {
        return repository.update(tx, row.id, { dueAt: new Date(at.getTime() + timings.fundsRetryMs) });
      }
      return stopBilling(tx, billed.row, billed.refusal, at);
    }
    return moveTo(tx, billed.row, cause, at, {
      startedAt: row.startedAt ?? at,
      graceEndsAt: null,
    });
  }

  /**
   * Who of a reading is connected and until when: by default no later than their last frame or
   * keepalive (what billing may count up to); by `node`, their nodes' last heartbeat.
   */
  async function connectedParticipants(
    tx: Executor,
    row: ReadingRow,
    now: Date,
    known?: Presence,
    basis: "node" | "frame" = "frame",
  ) {
    if (known) return known;
    const aliveSince = new Date(now.getTime() - timings.nodeStaleMs);
    const rows = await repository.presenceOfMany(tx, [row.id], aliveSince, deps.nodeId, now);
    return untilSeen(rows, basis, deps.nodeId, deps.lastSeen).get(row.id) ?? new Map<string, Date>();
  }

  /** Ends a reading (billing it up to `at` first if it was running) and settles it at once. */
  async function endAndFinalize(tx: Executor, row: ReadingRow, cause: ReadingCause, at: Date) {
    let current = row;
    if (current.state === "active") current = (await bill(tx, current, at)).row;
    const ended = await moveTo(tx, current, cause, at, { dueAt: null, graceEndsAt: null });
    return finalize(tx, ended, at);
  }

  /**
   * Captures the open unit by the second, releases the rest, and frees the reader. A booked
   * reading is charged by its own rules (readings.flat.ts), or left to its booking.
   */
  async function finalize(tx: Executor, row: ReadingRow, at: Date) {
    const { effects, outcome } = ledgerEffects(deps.ledger, tx, row);
    let meter = meterOf(row);
    if (row.pricing === "flat") {
      const charge = flatCharge(
        row,
        await connectedParticipants(tx, row, deps.clock.now(), undefined, "node"),
      );
      if (charge === "booking") outcome.holdId = null;
      else meter = await settleFlat(meter, rateOf(row), effects, charge);
      meter = { ...meter, heldUnit: null };
    } else {
      meter = await settle(meter, rateOf(row), effects);
    }
    const settled = await repository.update(tx, row.id, {
      heldUnit: meter.heldUnit,
      holdId: null,
      chargedCents: row.chargedCents + outcome.chargedCents,
      readerShareCents: row.readerShareCents + outcome.readerShareCents,
    });
    if (row.pricing !== "flat")
      await deps.readers.markFree(tx, row.readerUserId, at, row.endCause === "missed" ? "away" : "online");
    const finalized = await moveTo(tx, settled, "settled", at, { finalizedAt: at, dueAt: null });
    if (finalized.pricing === "flat")
      for (const hook of deps.bookedHooks) await hook.finalized(tx, finalized);
    return finalized;
  }

  /** A booked reading's room before anyone met: it starts at its slot, or ends at the join deadline. */
  async function advanceBookedWaiting(tx: Executor, row: ReadingRow, now: Date, known?: Presence) {
    const start = row.scheduledStartAt ?? now;
    const deadline = new Date(start.getTime() + BOOKED_JOIN_GRACE_MS);
    if (now >= deadline) return endAndFinalize(tx, row, "join_timeout", deadline);
    if (now >= start) {
      const present = await connectedParticipants(tx, row, now, known);
      if (present.has(row.clientUserId) && present.has(row.readerUserId))
        return activate(tx, row, "both_connected", now);
    }
    return repository.update(tx, row.id, { dueAt: now < start ? start : deadline });
  }

  /** A booked reading's slot is over: billed up to its end (or the last sign of life), then closed. */
  async function endAtSlotEnd(tx: Executor, row: ReadingRow, now: Date, known?: Presence) {
    const end = row.scheduledEndAt ?? now;
    let current = row;
    if (row.state === "active") {
      const present = await connectedParticipants(tx, row, now, known);
      const seen = [present.get(row.clientUserId), present.get(row.readerUserId)];
      const until = seen.every((at) => at)
        ? new Date(Math.min(end.getTime(), ...seen.map((at) => (at as Date).getTime())))
        : (row.accruedAt ?? end);
      current = (await bill(tx, row, until)).row;
    }
    const ended = await moveTo(tx, current, "time_up", end, { dueAt: null, graceEndsAt: null });
    return finalize(tx, ended, end);
  }

  /** One due reading: the ring or join deadline, a unit boundary, a grace window, a funds retry. */
  async function advance(tx: Executor, row: ReadingRow, now: Date, known?: Presence): Promise<ReadingRow> {
    const slotOver = row.pricing === "flat" && row.scheduledEndAt !== null && row.scheduledEndAt <= now;
    if (slotOver && (row.state === "active" || row.state === "paused" || row.state === "reconnecting"))
      return endAtSlotEnd(tx, row, now, known);
    if (row.pricing === "flat" && row.state === "waiting") return advanceBookedWaiting(tx, row, now, known);
    switch (row.state) {
      case "created":
        return endAndFinalize(tx, row, "missed", row.dueAt ?? now);
      case "waiting":
        return endAndFinalize(tx, row, "join_timeout", row.dueAt ?? now);
      case "active": {
        const present = await connectedParticipants(tx, row, now, known);
        const seen = [present.get(row.clientUserId), present.get(row.readerUserId)];
        if (seen.some((at) => !at))
          return repository.update(tx, row.id, { dueAt: new Date(now.getTime() + 1000) });
        const until = new Date(Math.min(now.getTime(), ...seen.map((at) => (at as Date).getTime())));
        const billed = await bill(tx, row, until);
        return billed.refusal ? stopBilling(tx, billed.row, billed.refusal, billed.at) : billed.row;
      }
      case "paused":
      case "reconnecting": {
        if (row.graceEndsAt && row.graceEndsAt <= now)
          return endAndFinalize(tx, row, "grace_expired", row.graceEndsAt);
        if (row.state === "reconnecting")
          return repository.update(tx, row.id, { dueAt: capToSlot(row, row.graceEndsAt) });
        const present = await connectedParticipants(tx, row, now, known);
        if (present.has(row.clientUserId) && present.has(row.readerUserId))
          return activate(tx, row, "funds_added", now);
        return repository.update(tx, row.id, {
          dueAt: capToSlot(
            row,
            new Date(Math.min((row.graceEndsAt ?? now).getTime(), now.getTime() + timings.fundsRetryMs)),
          ),
        });
      }
      case "ended":
        return finalize(tx, row, now);
      default:
        return repository.update(tx, row.id, { dueAt: null });
    }
  }

  const billing = {
    finalize,
    bill,
    stopBilling,
    activate,
    connectedParticipants,
    endAndFinalize,

    /** The biller: advances one batch of due readings; several nodes may run it at once. */
    async tick(limit = MAX_BATCH) {
      const now = deps.clock.now();
      const running: ReadingRow[] = [];
      const count = await db.transaction(async (tx) => {
        const due = await repository.claimDue(tx, now, Math.min(limit, MAX_BATCH));
        const presence = await presenceOfBatch(tx, due, now);
        const billed = await billInBulk(tx, due, presence, now);
        for (const row of due) if (!billed.has(row.id)) await advance(tx, row, now, presence.get(row.id));
        running.splice(
          0,
          running.length,
          ...due.filter((row) => row.state === "active" || row.state === "paused"),
        );
        return due.length;
      });
      checkLowBalance(ctx, running);
      return count;
    },

    /**
     * Runs batches until nothing is due (at most `maxBatches`), as each node's biller timer does.
     * When more than one batch is due, BILLER_LANES batches run side by side (each claims its own
     * readings), so one batch's round trips and meter work overlap another's statements.
     */
    async drainDue(maxBatches = 50) {
      let started = 1;
      let total = await billing.tick();
      if (total < MAX_BATCH) return total;
      const lane = async () => {
        while (started < maxBatches) {
          started += 1;
          const advanced = await billing.tick();
          total += advanced;
          if (advanced < MAX_BATCH) return;
        }
      };
      // Every lane ends before this run does (the next run never overlaps it); then the first failure is thrown.
      const lanes = await Promise.allSettled(Array.from({ length: BILLER_LANES }, lane));
      for (const result of lanes) if (result.status === "rejected") throw result.reason;
      return total;
    },
  };
  return billing;
}

export type Billing = ReturnType<typeof createBilling>;
