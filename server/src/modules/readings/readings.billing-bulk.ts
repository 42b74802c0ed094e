import { randomUUID } from "node:crypto";
import type { Executor } from "../../platform/db/database.js";
import { splitReaderShare } from "../ledger/split.js";
import type { ReadingsContext } from "./readings.context.js";
import { untilSeen } from "./readings.last-seen.js";
import { meterOf, nextBoundary, rateOf } from "./readings.ledger-effects.js";
import { accrue } from "./readings.meter.js";
import type { MeterUpdate, ReadingRow } from "./readings.repository.js";

/** Who of a reading is connected, and until when (their last frame, within their nodes' last heartbeat). */
export type Presence = Map<string, Date>;

interface BillingPlan {
  row: ReadingRow;
  capture: { unit: number; amountCents: number } | null;
  hold: { unit: number; amountCents: number } | null;
  update: MeterUpdate;
}

/** A bulk billing group this small that is refused goes one reading at a time instead of splitting. */
const MIN_SPLIT_PLANS = 8;

/**
 * The biller's set-based path: a batch of due readings billed in one ledger statement and one
 * meter update when it can be, which `bill` (readings.billing.ts) does one by one otherwise; both
 * must charge exactly the same.
 */
export function createBulkBilling(ctx: ReadingsContext) {
  const { timings, repository } = ctx;
  const deps = ctx;

  /** Who is connected to each active or paused reading of a batch, in one query. */
  async function presenceOfBatch(tx: Executor, rows: ReadingRow[], now: Date) {
    const ids = rows.filter((row) => row.state === "active" || row.state === "paused").map((row) => row.id);
    const aliveSince = new Date(now.getTime() - timings.nodeStaleMs);
    const connections = await repository.presenceOfMany(tx, ids, aliveSince, deps.nodeId, now);
    const present = untilSeen(connections, "frame", deps.nodeId, deps.lastSeen);
    return new Map<string, Presence>(ids.map((id) => [id, present.get(id) ?? new Map()]));
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
      // A booked (flat) reading's hold is its booking's: it goes one by one (readings.billing.ts).
      if (row.state !== "active" || row.pricing === "flat") continue;
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

  /**
   * The set-based statements of `billInBulk` for one group of plans, in the caller's savepoint:
   * the meters first (each new hold's id named ahead), then the ledger statement, so the house
   * accounts that statement locks are held only until the commit right after it.
   */
  async function billPlans(savepoint: Executor, plans: BillingPlan[]) {
    const holdKey = (plan: BillingPlan) => `session:${plan.row.id}:unit:${plan.hold?.unit}`;
    const holdIds = new Map(
      plans.flatMap((plan) => (plan.hold ? [[plan.row.id, randomUUID()] as const] : [])),
    );
    const updates = plans.map((plan) =>
      plan.hold ? { ...plan.update, holdId: holdIds.get(plan.row.id) ?? null } : plan.update,
    );
    if ((await repository.updateMeters(savepoint, updates)) !== updates.length)
      throw new Error("a billed reading vanished");
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
                  holdId: holdIds.get(plan.row.id),
                },
              ]
            : [],
        ),
      },
      savepoint,
    );
    // A replayed hold key answers the first hold, not the id the meter names: undo the group, so
    // its readings go one by one (which reads the hold the ledger has).
    for (const plan of plans)
      if (plan.hold && holds.get(holdKey(plan)) !== holdIds.get(plan.row.id))
        throw new Error("a hold was stored under another id");
  }

  return { presenceOfBatch, billInBulk };
}
