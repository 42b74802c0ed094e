import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import { createLimiter } from "../../platform/concurrency.js";
import { type Database, type Executor, isUniqueViolation } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { EventBus } from "../../platform/realtime/event-bus.js";
import type { RealtimeHooks } from "../../platform/realtime/websocket-hub.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import { splitReaderShare } from "../ledger/split.js";
import { accrue, type MeterEffects, type MeterState, settle, unitsAffordable } from "./readings.meter.js";
import { createReadingsRepository, type MeterUpdate, type ReadingRow } from "./readings.repository.js";
import type { Modality } from "./readings.schemas.js";
import { assertTransition, OPEN_STATES, type ReadingCause, type ReadingState } from "./readings.state.js";

export type ReadingsService = ReturnType<typeof createReadingsService>;

export interface ReadingTimings {
  /** The billing unit (60 000 in production; a few seconds in tests and journeys). */
  unitMs: number;
  /** How long a drop or a pause for funds may last before the reading ends. */
  graceMs: number;
  /** How long a request rings the reader. */
  ringMs: number;
  /** How long an accepted reading waits for both to join. */
  joinTimeoutMs: number;
  /** A node whose heartbeat is older than this is dead; its connections stop counting. */
  nodeStaleMs: number;
  /** How often a paused reading retries its hold (a top-up may have arrived). */
  fundsRetryMs: number;
  readerShareBasisPoints: number;
}

/** What readings need from the readers module. */
export interface ReaderDirectory {
  /** A listed, active reader's rates and status; null when there is no such reader. */
  startable(readerUserId: string): Promise<{
    userId: string;
    displayName: string;
    slug: string;
    status: string;
    rates: Record<Modality, number | null>;
  } | null>;
  /** Of these readers, the listed ones online now. */
  onlineAmong(readerUserIds: string[]): Promise<Set<string>>;
  /** online → busy in the caller's transaction; false when the reader is not online. */
  markBusy(tx: Executor, readerUserId: string, at: Date): Promise<boolean>;
  /**
   * busy → online (or offline without a live connection) when the reading is over; `away` after a
   * request the reader let ring out, so nobody else is rung until they are back.
   */
  markFree(tx: Executor, readerUserId: string, at: Date, available?: "online" | "away"): Promise<void>;
}

/** What readings need from the waitlist: who may start with a reader, in line order. */
export interface WaitlistGate {
  /** Refuses a client with others ahead in the reader's line; returns the client's own entry. */
  admit(
    tx: Executor,
    clientUserId: string,
    readerUserId: string,
    readerName: string,
    now: Date,
  ): Promise<{ id: string } | null>;
  /** The client's entry became this reading. */
  fulfil(tx: Executor, entry: { id: string }, readingId: string, now: Date): Promise<void>;
}

type HoldRefusal = "funds" | "limit";
/** Who of a reading is connected, and until when (their nodes' last heartbeat). */
type Presence = Map<string, Date>;

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
/** A node's room connections are read this many at a time (a dead node's per heartbeat). */
const NODE_CONNECTIONS_PAGE = 1000;
/** Shutdown ends at most this many pages of its own connections; other nodes sweep the rest. */
const MAX_LEAVE_PAGES = 100;
/** Room joins and leaves of this node run this many at a time (the pool has 10 connections). */
const ROOM_UPDATE_LANES = 4;
/** Connections of a node are dropped this many at a time (separate readings, separate transactions). */
const DROP_LANES = 4;

export function createReadingsService(deps: {
  db: Database;
  ledger: LedgerService;
  readers: ReaderDirectory;
  bus: EventBus;
  clock: Clock;
  logger: FastifyBaseLogger;
  nodeId: string;
  timings: ReadingTimings;
  waitlist?: WaitlistGate;
}) {
  const repository = createReadingsRepository();
  const { db, timings } = deps;

  const isParticipant = (row: ReadingRow, userId: string) =>
    row.clientUserId === userId || row.readerUserId === userId;

  async function publish(tx: Executor, row: ReadingRow, type = "reading.state") {
    for (const userId of [row.clientUserId, row.readerUserId]) {
      await deps.bus.publish(tx, {
        topic: `user:${userId}`,
        type,
        data: { reading: toReadingView(row, userId) },
      });
    }
  }

  /** Moves a locked reading to a new state, stores the transition and tells both sides. */
  async function moveTo(
    tx: Executor,
    row: ReadingRow,
    to: ReadingState,
    cause: ReadingCause,
    at: Date,
    changes: Partial<ReadingRow> = {},
  ) {
    assertTransition(row.state, to, cause);
    const updated = await repository.update(tx, row.id, {
      ...changes,
      state: to,
      stateChangedAt: at,
      ...(to === "ended" ? { endCause: cause, endedAt: at } : {}),
    });
    await repository.recordTransition(tx, {
      readingId: row.id,
      fromState: row.state,
      toState: to,
      cause,
      at,
    });
    await publish(tx, updated);
    return updated;
  }

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
    return moveTo(tx, row, "paused", "funds_out", at, {
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
    return moveTo(tx, billed.row, "active", cause, at, {
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
    const ended = await moveTo(tx, current, "ended", cause, at, { dueAt: null, graceEndsAt: null });
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
    return moveTo(tx, settled, "finalized", "settled", at, { finalizedAt: at, dueAt: null });
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

  /**
   * Room joins and leaves of one participant run in order, so a quick join/leave never lands
   * reversed; a few at a time across participants, so thousands of sockets closing together (a
   * network blip, a load balancer restart) queue here instead of failing on the pool's timeout,
   * which left their connections counted and the reading billed.
   */
  const roomQueue = new Map<string, Promise<void>>();
  const roomLanes = createLimiter(ROOM_UPDATE_LANES);
  function inOrder(key: string, run: () => Promise<void>) {
    const next = (roomQueue.get(key) ?? Promise.resolve())
      .then(() => roomLanes.run(run))
      .catch((error) => deps.logger.error({ err: error, key }, "reading room update failed"));
    roomQueue.set(key, next);
    void next.then(() => {
      if (roomQueue.get(key) === next) roomQueue.delete(key);
    });
    return next;
  }
  const ROOM = "reading:";
  const rooms: Pick<RealtimeHooks, "authorizeTopic" | "onJoin" | "onLeave"> = {
    async authorizeTopic(principal, topic) {
      if (!principal || !topic.startsWith(ROOM)) return false;
      return service.mayJoinRoom(principal.userId, topic.slice(ROOM.length));
    },
    onJoin(connection, topic) {
      const userId = connection.principal?.userId;
      if (!userId || !topic.startsWith(ROOM)) return;
      const readingId = topic.slice(ROOM.length);
      void inOrder(`${readingId}:${userId}`, () => service.joined(userId, readingId));
    },
    onLeave(connection, topic, lastSeenAt) {
      const userId = connection.principal?.userId;
      if (!userId || !topic.startsWith(ROOM)) return;
      const readingId = topic.slice(ROOM.length);
      void inOrder(`${readingId}:${userId}`, () => service.left(userId, readingId, lastSeenAt));
    },
  };

  async function lockOwn(tx: Executor, principal: Principal, readingId: string) {
    const row = await repository.lock(tx, readingId);
    if (!row || !isParticipant(row, principal.userId)) throw new DomainError("NOT_FOUND", "No such reading.");
    return row;
  }

  const service = {
    rooms,
    /** Waits for this node's pending room updates (tests and shutdown). */
    settled: () => Promise.all([...roomQueue.values()]).then(() => undefined),

    /** The client asks for a reading: the rate is locked now and the reader's phone rings. */
    async request(principal: Principal, input: { readerUserId: string; modality: Modality }) {
      const now = deps.clock.now();
      if (input.readerUserId === principal.userId)
        throw new DomainError("VALIDATION_FAILED", "You cannot book a reading with yourself.");
      const reader = await deps.readers.startable(input.readerUserId);
      if (!reader) throw new DomainError("NOT_FOUND", "No such reader.");
      const rate = reader.rates[input.modality];
      if (!rate)
        throw new DomainError("CONFLICT", `${reader.displayName} does not offer ${input.modality} readings.`);
      if (reader.status !== "online")
        throw new DomainError("CONFLICT", `${reader.displayName} is not available right now.`);
      if (await deps.ledger.isFrozen(principal.userId))
        throw new DomainError("ACCOUNT_FROZEN", "Your wallet is frozen while a payment dispute is open.");
      // Both accounts exist before any hold or capture runs inside the biller's transactions.
      await deps.ledger.ensureAccount(reader.userId, "earnings");
      await deps.ledger.ensureAccount(principal.userId, "wallet");
      const balance = await deps.ledger.balance(principal.userId);
      if (unitsAffordable(balance, rate) < 1)
        throw new DomainError("INSUFFICIENT_FUNDS", "Add funds for at least one minute to start.");
      const room = await deps.ledger.spendingRoom(principal.userId);
      if (room !== null && room < rate)
        throw new DomainError(
          "SPENDING_LIMIT_REACHED",
          "Your spending limit leaves less than one minute of this reading. You can change it in your wallet.",
        );
      try {
        return toReadingView(
          await db.transaction(async (tx) => {
            if (!(await deps.readers.markBusy(tx, reader.userId, now)))
              throw new DomainError("CONFLICT", `${reader.displayName} is not available right now.`);
            // The reader's profile row is locked now: requests for this reader take turns here.
            const inLine = await deps.waitlist?.admit(
              tx,
              principal.userId,
              reader.userId,
              reader.displayName,
              now,
            );
            const row = await repository.insert(tx, {
              clientUserId: principal.userId,
              readerUserId: reader.userId,
              modality: input.modality,
              clientName: await repository.displayNameOf(tx, principal.userId),
              readerName: reader.displayName,
              readerSlug: reader.slug,
              ratePerUnitCents: rate,
              unitMs: timings.unitMs,
              readerShareBasisPoints: timings.readerShareBasisPoints,
              state: "created",
              createdAt: now,
              stateChangedAt: now,
              dueAt: new Date(now.getTime() + timings.ringMs),
            });
            await repository.recordTransition(tx, {
              readingId: row.id,
              fromState: null,
              toState: "created",
              cause: "requested",
              at: now,
            });
            if (inLine) await deps.waitlist?.fulfil(tx, inLine, row.id, now);
            await publish(tx, row, "reading.requested");
            return row;
          }),
          principal.userId,
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "You already have a reading open.");
        throw error;
      }
    },

    async accept(principal: Principal, readingId: string) {
      return db.transaction(async (tx) => {
        const row = await lockOwn(tx, principal, readingId);
        if (row.readerUserId !== principal.userId)
          throw new DomainError("FORBIDDEN", "Only the reader accepts.");
        const now = deps.clock.now();
        return toReadingView(
          await moveTo(tx, row, "waiting", "accepted", now, {
            acceptedAt: now,
            dueAt: new Date(now.getTime() + timings.joinTimeoutMs),
          }),
          principal.userId,
        );
      });
    },

    async decline(principal: Principal, readingId: string) {
      return db.transaction(async (tx) => {
        const row = await lockOwn(tx, principal, readingId);
        if (row.readerUserId !== principal.userId)
          throw new DomainError("FORBIDDEN", "Only the reader declines.");
        return toReadingView(await endAndFinalize(tx, row, "declined", deps.clock.now()), principal.userId);
      });
    },

    /** Either side ends it; before it starts, the client cancels. */
    async end(principal: Principal, readingId: string) {
      return db.transaction(async (tx) => {
        const row = await lockOwn(tx, principal, readingId);
        const byClient = row.clientUserId === principal.userId;
        let cause: ReadingCause = byClient ? "ended_by_client" : "ended_by_reader";
        if (row.state === "waiting" || (row.state === "created" && byClient)) cause = "cancelled";
        else if (row.state === "created") cause = "declined";
        return toReadingView(await endAndFinalize(tx, row, cause, deps.clock.now()), principal.userId);
      });
    },

    async get(principal: Principal, readingId: string) {
      const row = await repository.find(db, readingId);
      if (!row || (!isParticipant(row, principal.userId) && principal.role !== "admin"))
        throw new DomainError("NOT_FOUND", "No such reading.");
      return toReadingView(row, principal.userId);
    },

    async transitions(principal: Principal, readingId: string) {
      await service.get(principal, readingId);
      return repository.transitionsOf(db, readingId);
    },

    async mine(principal: Principal, limit = 20) {
      const rows = await repository.listFor(db, principal.userId, Math.min(Math.max(limit, 1), 100));
      return rows.map((row) => toReadingView(row, principal.userId));
    },

    /** May this user join the reading's room (`reading:<id>`)? Participants of an open reading only. */
    async mayJoinRoom(userId: string, readingId: string) {
      const row = await repository.find(db, readingId);
      return Boolean(row && isParticipant(row, userId) && OPEN_STATES.has(row.state));
    },

    /** A participant's socket joined the room on this node. */
    async joined(userId: string, readingId: string) {
      await db.transaction(async (tx) => {
        const row = await repository.lock(tx, readingId);
        if (!row || !isParticipant(row, userId) || !OPEN_STATES.has(row.state)) return;
        const now = deps.clock.now();
        if (row.state === "active") {
          const rejoined = await rejoinAfterSilentNode(tx, row, userId, now);
          if (rejoined) return;
        }
        await repository.addConnections(tx, { readingId, userId, nodeId: deps.nodeId }, 1);
        if (row.state !== "waiting" && row.state !== "reconnecting") return;
        const present = await connectedParticipants(tx, row, now);
        if (!present.has(row.clientUserId) || !present.has(row.readerUserId)) return;
        await activate(tx, row, row.state === "waiting" ? "both_connected" : "reconnected", now);
      });
    },

    /** A participant's socket left the room on this node at `at` (its last sign of life). */
    async left(userId: string, readingId: string, at: Date) {
      await db.transaction(async (tx) => {
        const row = await repository.lock(tx, readingId);
        if (!row || !isParticipant(row, userId)) return;
        await repository.addConnections(tx, { readingId, userId, nodeId: deps.nodeId }, -1);
        await dropIfGone(tx, row, userId, at);
      });
    },

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
      let total = await service.tick();
      if (total < MAX_BATCH) return total;
      const lane = async () => {
        while (started < maxBatches) {
          started += 1;
          const advanced = await service.tick();
          total += advanced;
          if (advanced < MAX_BATCH) return;
        }
      };
      // Every lane ends before this run does (the next run never overlaps it); then the first failure is thrown.
      const lanes = await Promise.allSettled(Array.from({ length: BILLER_LANES }, lane));
      for (const result of lanes) if (result.status === "rejected") throw result.reason;
      return total;
    },

    /** This node is alive; dead nodes' connections end (a drop at their last heartbeat). */
    async heartbeat() {
      const now = deps.clock.now();
      await repository.heartbeatNode(db, deps.nodeId, now);
      const dead = await repository.deadNodes(db, new Date(now.getTime() - timings.nodeStaleMs), 10);
      for (const node of dead) await endNode(node.id, node.seenAt, 1);
    },

    /**
     * On shutdown, once the hub has stopped reporting leaves one socket at a time: each of this
     * node's room connections ends now, a drop like any other (billing stops, the grace window
     * starts unless the participant is connected elsewhere), and the node is gone.
     */
    async leaveNode() {
      await service.settled();
      await endNode(deps.nodeId, deps.clock.now(), MAX_LEAVE_PAGES);
    },
  };
  return service;

  /**
   * Ends a node's room connections as drops at `at`, a page at a time for at most `maxPages`
   * pages; the node's row goes once none are left (until then, other nodes' dead-node sweep
   * finds it and ends the rest).
   */
  async function endNode(nodeId: string, at: Date, maxPages: number) {
    for (let page = 0; page < maxPages; page += 1) {
      const rows = await repository.connectionsOfNode(db, nodeId, NODE_CONNECTIONS_PAGE);
      await dropConnections(rows, at);
      if (rows.length < NODE_CONNECTIONS_PAGE) return repository.deleteNode(db, nodeId);
    }
  }

  /**
   * Ends room connections of a node as drops at `at`: each in its own transaction (the reading
   * locked, the connection deleted, the participant dropped unless connected elsewhere), a few
   * readings at a time.
   */
  async function dropConnections(rows: { readingId: string; userId: string; nodeId: string }[], at: Date) {
    let next = 0;
    const lane = async () => {
      for (let connection = rows[next++]; connection; connection = rows[next++]) {
        const { readingId, userId } = connection;
        await db.transaction(async (tx) => {
          const row = await repository.lock(tx, readingId);
          await repository.deleteConnection(tx, connection);
          if (row) await dropIfGone(tx, row, userId, at);
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(DROP_LANES, rows.length) }, lane));
  }

  /**
   * A participant joins an active reading while their earlier connection sits on a node that has
   * stopped heartbeating but is not yet declared dead (a quick restart): that was a drop at the
   * node's last heartbeat. Records it, then the reconnect now, so the gap is never billed.
   * Returns false when the participant was connected all along (another tab, a healthy node).
   */
  async function rejoinAfterSilentNode(tx: Executor, row: ReadingRow, userId: string, now: Date) {
    const present = await connectedParticipants(tx, row, now);
    const seen = present.get(userId);
    const freshSince = now.getTime() - (timings.nodeStaleMs / 3) * 1.5;
    if (seen && seen.getTime() >= freshSince) return false;
    const accruedAt = row.accruedAt ?? now;
    const dropAt = new Date(Math.max((seen ?? accruedAt).getTime(), accruedAt.getTime()));
    const billed = await bill(tx, row, dropAt);
    await repository.addConnections(tx, { readingId: row.id, userId, nodeId: deps.nodeId }, 1);
    if (billed.refusal) {
      await stopBilling(tx, billed.row, billed.refusal, billed.at);
      return true;
    }
    const graceEndsAt = new Date(billed.at.getTime() + timings.graceMs);
    const dropped = await moveTo(tx, billed.row, "reconnecting", "dropped", billed.at, {
      graceEndsAt,
      dueAt: graceEndsAt,
    });
    // Back to active only if the other side is really here (fresh) too.
    const after = await connectedParticipants(tx, dropped, now);
    const fresh = (id: string) => (after.get(id)?.getTime() ?? 0) >= freshSince;
    if (fresh(dropped.clientUserId) && fresh(dropped.readerUserId))
      await activate(tx, dropped, "reconnected", now);
    return true;
  }

  async function dropIfGone(tx: Executor, row: ReadingRow, userId: string, at: Date) {
    if (row.state !== "active" && row.state !== "waiting") return;
    const now = deps.clock.now();
    const present = await connectedParticipants(tx, row, now);
    if (present.has(userId) || row.state === "waiting") return;
    const billed = await bill(tx, row, new Date(Math.max(at.getTime(), (row.accruedAt ?? at).getTime())));
    const graceEndsAt = new Date(billed.at.getTime() + timings.graceMs);
    await moveTo(tx, billed.row, "reconnecting", "dropped", billed.at, { graceEndsAt, dueAt: graceEndsAt });
  }
}

/** What participants see of a reading. The reader's share is shown to the reader only. */
export function toReadingView(row: ReadingRow, viewerUserId: string) {
  return {
    id: row.id,
    clientUserId: row.clientUserId,
    readerUserId: row.readerUserId,
    clientName: row.clientName ?? "Client",
    readerName: row.readerName ?? "Reader",
    readerSlug: row.readerSlug,
    modality: row.modality,
    ratePerUnitCents: row.ratePerUnitCents,
    unitMs: row.unitMs,
    state: row.state,
    endCause: row.endCause,
    billedMs: row.billedMs,
    billedSeconds: Math.floor(row.billedMs / 1000),
    accruedAt: row.accruedAt?.toISOString() ?? null,
    chargedCents: row.chargedCents,
    readerShareCents:
      viewerUserId === undefined || viewerUserId === row.readerUserId ? row.readerShareCents : null,
    graceEndsAt: row.graceEndsAt?.toISOString() ?? null,
    answerBy: row.state === "created" ? (row.dueAt?.toISOString() ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    finalizedAt: row.finalizedAt?.toISOString() ?? null,
  };
}
