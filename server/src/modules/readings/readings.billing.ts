/*
 * About 420 lines on purpose: the one-by-one billing path (`bill`, `advance`) and its set-based
 * twin (`planBilling`, `billInBulk`, `billPlans`) must charge exactly the same; they stay side by
 * side, over the same meter helpers, so a change to one is seen next to the other.
 */
import type { Executor } from "../../platform/db/database.js";
import { DomainError } from "../../platform/http/errors.js";
import { splitReaderShare } from "../ledger/split.js";
import type { ReadingsContext } from "./readings.context.js";
import { accrue, type MeterEffects, type MeterState, settle } from "./readings.meter.js";
import type { MeterUpdate, ReadingRow } from "./readings.repository.js";
import type { ReadingCause } from "./readings.state.js";

export type HoldRefusal = "funds" | "limit";
/** Who of a reading is connected, and until when (their nodes' last heartbeat). */
export type Presence = Map<string, Date>;

interface BillingPlan {
  row: ReadingRow;
  capture: { unit: number; amountCents: number } | null;
  hold: { unit: number; amountCents: number } | null;
  update: MeterUpdate;
}

const MAX_BATCH = 200;
/** A bulk billing group this small that is refused goes one reading at a time instead of splitting. */
const MIN_SPLIT_PLANS = 8;
/** Batches one node's biller runs at once when more than one is due. */
const BILLER_LANES = 2;

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

  /** Meter effects on the ledger, in the caller's transaction; totals gathered in `outcome`. */
  function ledgerEffects(tx: Executor, row: ReadingRow) {
    const outcome = {
      holdId: row.holdId,
      chargedCents: 0,
      readerShareCents: 0,
      refusal: null as HoldRefusal | null,
    };
    const effects: MeterEffects = {
      async hold(unit, amountCents) {
        try {
          const hold = await deps.ledger.hold(
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
          await deps.ledger.voidHold(
            { idempotencyKey: `session:${row.id}:unit:${unit}:release`, holdId },
            tx,
          );
        } else {
          await deps.ledger.captureHold(
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

  const meterOf = (row: ReadingRow): MeterState => ({
    billedMs: row.billedMs,
    heldUnit: row.heldUnit,
    capturedUnits: row.capturedUnits,
  });
  const rateOf = (row: ReadingRow) => ({ ratePerUnitCents: row.ratePerUnitCents, unitMs: row.unitMs });

  /** The next unit boundary of an active reading, in wall time. */
  const nextBoundary = (billedMs: number, accruedAt: Date, unitMs: number) =>
    new Date(accruedAt.getTime() + ((Math.floor(billedMs / unitMs) + 1) * unitMs - billedMs));

  /**
   * Bills an active reading's connected time up to `until` (never past either side's last sign
   * of life) and opens the current unit's hold. Returns the row and why billing stopped, if it did.
   */
  async function bill(tx: Executor, row: ReadingRow, until: Date) {
    const from = row.accruedAt ?? until;
    const elapsedMs = Math.max(0, until.getTime() - from.getTime());
    const { effects, outcome } = ledgerEffects(tx, row);
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
      dueAt: nextBoundary(result.state.billedMs, accruedAt, row.unitMs),
    });
    return {
      row: updated,
      refusal: result.stoppedForFunds ? (outcome.refusal ?? "funds") : null,
      at: accruedAt,
    };
  }

  /** Who is connected to each active or paused reading of a batch, in one query. */
  async function presenceOfBatch(tx: Executor, rows: ReadingRow[], now: Date) {
    const ids = rows.filter((row) => row.state === "active" || row.state === "paused").map((row) => row.id);
    const aliveSince = new Date(now.getTime() - timings.nodeStaleMs);
    const byId = new Map<string, Presence>(ids.map((id) => [id, new Map()]));
    for (const entry of await repository.presenceOfMany(tx, ids, aliveSince, deps.nodeId, now))
      byId.get(entry.readingId)?.set(entry.userId, entry.seenAt);
    return byId;
  }

  /**
   * What `bill` would do to an active reading, worked out without touching the ledger: the meter
   * runs with effects that only record. Null unless it is the common case (at most one capture,
   * then at most one hold), which the batch path below can run set-based.
   */
  async function planBilling(row: ReadingRow, until: Date): Promise<BillingPlan | null> {
    const from = row.accruedAt ?? until;
    const elapsedMs = Math.max(0, until.getTime() - from.getTime());
    const steps: { kind: "hold" | "capture"; unit: number; amountCents: number }[] = [];
    const result = await accrue(meterOf(row), rateOf(row), elapsedMs, {
      async hold(unit, amountCents) {
        steps.push({ kind: "hold", unit, amountCents });
        return true;
      },
      async capture(unit, amountCents) {
        steps.push({ kind: "capture", unit, amountCents });
      },
    });
    const capture = steps[0]?.kind === "capture" ? steps[0] : undefined;
    const hold = steps.find((step) => step.kind === "hold");
    if (steps.length > 2 || (steps.length === 2 && (!capture || !hold))) return null;
    if (capture && (!row.holdId || capture.amountCents <= 0)) return null;
    const accruedAt = new Date(from.getTime() + result.acceptedMs);
    const chargedCents = capture?.amountCents ?? 0;
    return {
      row,
      capture: capture ? { unit: capture.unit, amountCents: capture.amountCents } : null,
      hold: hold ? { unit: hold.unit, amountCents: hold.amountCents } : null,
      update: {
        id: row.id,
        billedMs: result.state.billedMs,
        heldUnit: result.state.heldUnit,
        capturedUnits: result.state.capturedUnits,
        holdId: capture ? null : row.holdId,
        accruedAt,
        chargedCents: row.chargedCents + chargedCents,
        readerShareCents:
          row.readerShareCents + splitReaderShare(chargedCents, row.readerShareBasisPoints).readerCents,
        dueAt: nextBoundary(result.state.billedMs, accruedAt, row.unitMs),
      },
    };
  }

  /**
   * Bills the batch's active, connected readings set-based: every capture and every next hold in
   * one ledger statement (which locks all its accounts at once, in id order, so batches of several
   * lanes or nodes never deadlock), every meter in one, under one savepoint. A refusal (a wallet
   * that cannot cover its next unit, a limit, a frozen wallet) undoes the lot, so readings whose
   * wallet visibly cannot pay are left out first; a group that is refused anyway is split in halves,
   * each tried the same way, and a group of at most MIN_SPLIT_PLANS that still fails is left out.
   * Readings left out go one by one through `advance`, which handles each refusal. Returns the
   * readings billed here.
   */
  async function billInBulk(tx: Executor, rows: ReadingRow[], presence: Map<string, Presence>, now: Date) {
    const plans: BillingPlan[] = [];
    for (const row of rows) {
      if (row.state !== "active") continue;
      const present = presence.get(row.id);
      const client = present?.get(row.clientUserId);
      const reader = present?.get(row.readerUserId);
      if (!client || !reader) continue;
      const plan = await planBilling(
        row,
        new Date(Math.min(now.getTime(), client.getTime(), reader.getTime())),
      );
      if (plan) plans.push(plan);
    }
    // A wallet that cannot cover its next unit (or is frozen) would refuse the whole group: those
    // readings go one by one at once.
    const spendable = await deps.ledger.spendableBalances(
      plans.flatMap((plan) => (plan.hold ? [plan.row.clientUserId] : [])),
      tx,
    );
    const coverable = plans.filter(
      (plan) => !plan.hold || (spendable.get(plan.row.clientUserId) ?? 0) >= plan.hold.amountCents,
    );
    const billed = new Set<string>();
    // Bounded: each failed group splits in two, and groups of MIN_SPLIT_PLANS or fewer do not split.
    const groups = [coverable];
    for (let group = groups.pop(); group; group = groups.pop()) {
      if (group.length === 0) continue;
      try {
        await tx.transaction((savepoint) => billPlans(savepoint, group));
        for (const plan of group) billed.add(plan.row.id);
      } catch (error) {
        if (group.length <= MIN_SPLIT_PLANS) {
          deps.logger.debug({ err: error }, "batch billing fell back to one reading at a time");
        } else {
          const half = Math.ceil(group.length / 2);
          groups.push(group.slice(half), group.slice(0, half));
        }
      }
    }
    return billed;
  }

  /** The set-based statements of `billInBulk` for one group of plans, in the caller's savepoint. */
  async function billPlans(savepoint: Executor, plans: BillingPlan[]) {
    const holdKey = (plan: BillingPlan) => `session:${plan.row.id}:unit:${plan.hold?.unit}`;
    const { holds } = await deps.ledger.captureAndHoldMany(
      {
        captures: plans.flatMap(({ row, capture }) =>
          capture && row.holdId
            ? [
                {
                  idempotencyKey: `session:${row.id}:unit:${capture.unit}:capture`,
                  holdId: row.holdId,
                  amountCents: capture.amountCents,
                  readerUserId: row.readerUserId,
                  code: "session_charge" as const,
                  readerShareBasisPoints: row.readerShareBasisPoints,
                },
              ]
            : [],
        ),
        holds: plans.flatMap((plan) =>
          plan.hold
            ? [
                {
                  idempotencyKey: holdKey(plan),
                  userId: plan.row.clientUserId,
                  amountCents: plan.hold.amountCents,
                  code: "session_charge" as const,
                  references: { readingId: plan.row.id },
                },
              ]
            : [],
        ),
      },
      savepoint,
    );
    const updates = plans.map((plan) =>
      plan.hold ? { ...plan.update, holdId: holds.get(holdKey(plan)) ?? null } : plan.update,
    );
    if ((await repository.updateMeters(savepoint, updates)) !== updates.length)
      throw new Error("a billed reading vanished");
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

  async function connectedParticipants(tx: Executor, row: ReadingRow, now: Date, known?: Presence) {
    if (known) return known;
    const aliveSince = new Date(now.getTime() - timings.nodeStaleMs);
    const present = await repository.presenceOfMany(tx, [row.id], aliveSince, deps.nodeId, now);
    return new Map(present.map((entry) => [entry.userId, entry.seenAt]));
  }

  /** Ends a reading (billing it up to `at` first if it was running) and settles it at once. */
  async function endAndFinalize(tx: Executor, row: ReadingRow, cause: ReadingCause, at: Date) {
    let current = row;
    if (current.state === "active") current = (await bill(tx, current, at)).row;
    const ended = await moveTo(tx, current, cause, at, { dueAt: null, graceEndsAt: null });
    return finalize(tx, ended, at);
  }

  /** Captures the open unit by the second, releases the rest, and frees the reader. */
  async function finalize(tx: Executor, row: ReadingRow, at: Date) {
    const { effects, outcome } = ledgerEffects(tx, row);
    const meter = await settle(meterOf(row), rateOf(row), effects);
    const settled = await repository.update(tx, row.id, {
      heldUnit: meter.heldUnit,
      holdId: null,
      chargedCents: row.chargedCents + outcome.chargedCents,
      readerShareCents: row.readerShareCents + outcome.readerShareCents,
    });
    await deps.readers.markFree(tx, row.readerUserId, at, row.endCause === "missed" ? "away" : "online");
    return moveTo(tx, settled, "settled", at, { finalizedAt: at, dueAt: null });
  }

  /** One due reading: the ring or join deadline, a unit boundary, a grace window, a funds retry. */
  async function advance(tx: Executor, row: ReadingRow, now: Date, known?: Presence): Promise<ReadingRow> {
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
        if (row.state === "reconnecting") return repository.update(tx, row.id, { dueAt: row.graceEndsAt });
        const present = await connectedParticipants(tx, row, now, known);
        if (present.has(row.clientUserId) && present.has(row.readerUserId))
          return activate(tx, row, "funds_added", now);
        return repository.update(tx, row.id, {
          dueAt: new Date(Math.min((row.graceEndsAt ?? now).getTime(), now.getTime() + timings.fundsRetryMs)),
        });
      }
      case "ended":
        return finalize(tx, row, now);
      default:
        return repository.update(tx, row.id, { dueAt: null });
    }
  }

  const billing = {
    bill,
    stopBilling,
    activate,
    connectedParticipants,
    endAndFinalize,

    /** The biller: advances one batch of due readings; several nodes may run it at once. */
    async tick(limit = MAX_BATCH) {
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const due = await repository.claimDue(tx, now, Math.min(limit, MAX_BATCH));
        const presence = await presenceOfBatch(tx, due, now);
        const billed = await billInBulk(tx, due, presence, now);
        for (const row of due) if (!billed.has(row.id)) await advance(tx, row, now, presence.get(row.id));
        return due.length;
      });
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
