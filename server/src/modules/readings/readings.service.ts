import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import { type Database, type Executor, isUniqueViolation } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { EventBus } from "../../platform/realtime/event-bus.js";
import { createLivePublisher } from "../../platform/realtime/live-events.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import { assertPlainText } from "../readers/readers.service.js";
import type { UsersService } from "../users/users.service.js";
import { createBilling } from "./readings.billing.js";
import { createBookedReadings } from "./readings.booked.js";
import { createConnections } from "./readings.connections.js";
import type {
  BookedReadingHook,
  LowBalanceHook,
  ReaderDirectory,
  ReadingsContext,
  ReadingTimings,
  WaitlistGate,
} from "./readings.context.js";
import { readingsEvents } from "./readings.events.js";
import { createLastSeen } from "./readings.last-seen.js";
import { unitsAffordable } from "./readings.meter.js";
import { createMoves } from "./readings.moves.js";
import { createReadingsRepository, type ReadingRow } from "./readings.repository.js";
import type { Modality } from "./readings.schemas.js";
import { OPEN_STATES, type ReadingCause } from "./readings.state.js";
import { isParticipant, toReadingView } from "./readings.view.js";

export type {
  BookedReadingHook,
  LowBalanceHook,
  ReaderDirectory,
  ReadingTimings,
  WaitlistGate,
} from "./readings.context.js";
export type { ReadingRow } from "./readings.repository.js";
export type ReadingsService = ReturnType<typeof createReadingsService>;

/**
 * On-demand readings: the use cases (request, accept, decline, end, history), composed with the
 * biller (readings.billing.ts), the room connections (readings.connections.ts) and the state
 * machine (readings.state.ts, applied by readings.moves.ts).
 */
export function createReadingsService(deps: {
  db: Database;
  ledger: LedgerService;
  readers: ReaderDirectory;
  users: Pick<UsersService, "displayNameOf" | "lockStanding">;
  bus: EventBus;
  clock: Clock;
  logger: FastifyBaseLogger;
  nodeId: string;
  timings: ReadingTimings;
  waitlist?: WaitlistGate;
  lowBalance?: LowBalanceHook;
}) {
  const repository = createReadingsRepository();
  const moves = createMoves({ repository, live: createLivePublisher(deps.bus, readingsEvents) });
  const bookedHooks: BookedReadingHook[] = [];
  const ctx: ReadingsContext = { ...deps, repository, moves, lastSeen: createLastSeen(), bookedHooks };
  const billing = createBilling(ctx);
  const connections = createConnections(ctx, billing);
  const booked = createBookedReadings(ctx, billing);
  const { db, timings } = deps;
  const { moveTo } = moves;
  const { endAndFinalize } = billing;

  async function lockOwn(tx: Executor, principal: Pick<Principal, "userId">, readingId: string) {
    const row = await repository.lock(tx, readingId);
    if (!row || !isParticipant(row, principal.userId)) throw new DomainError("NOT_FOUND", "No such reading.");
    return row;
  }

  function endAs(userId: string, readingId: string) {
    return db.transaction(async (tx) => {
      const row = await lockOwn(tx, { userId }, readingId);
      if (row.pricing === "flat" && row.state === "waiting")
        throw new DomainError(
          "CONFLICT",
          "This booked reading has not started. To call it off, cancel the booking from your bookings.",
        );
      const byClient = row.clientUserId === userId;
      let cause: ReadingCause = byClient ? "ended_by_client" : "ended_by_reader";
      if (row.state === "waiting" || (row.state === "created" && byClient)) cause = "cancelled";
      else if (row.state === "created") cause = "declined";
      return toReadingView(await endAndFinalize(tx, row, cause, deps.clock.now()), userId);
    });
  }

  const service = {
    /** The client asks for a reading: the rate is locked now and the reader's phone rings. */
    async request(
      principal: Principal,
      input: { readerUserId: string; modality: Modality; expectedRatePerUnitCents: number },
    ) {
      const now = deps.clock.now();
      if (input.readerUserId === principal.userId)
        throw new DomainError("VALIDATION_FAILED", "You cannot book a reading with yourself.");
      const reader = await deps.readers.startable(input.readerUserId);
      if (!reader) throw new DomainError("NOT_FOUND", "No such reader.");
      const rate = reader.rates[input.modality];
      if (!rate)
        throw new DomainError("CONFLICT", `${reader.displayName} does not offer ${input.modality} readings.`);
      // The client pays the rate they saw, never one changed after the page loaded.
      if (rate !== input.expectedRatePerUnitCents)
        throw new DomainError(
          "RATE_CHANGED",
          `${reader.displayName}'s ${input.modality} rate is now $${(rate / 100).toFixed(2)} per minute. Check it and start again.`,
          undefined,
          { current: { ratePerUnitCents: rate } },
        );
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
            // Both standings first (before the reader's profile): a suspension racing this request
            // either waits for it and ends the reading, or is seen here.
            if ((await deps.users.lockStanding(tx, principal.userId)) !== "active")
              throw new DomainError("ACCOUNT_SUSPENDED", "Your account is suspended.");
            if ((await deps.users.lockStanding(tx, reader.userId)) !== "active")
              throw new DomainError("NOT_FOUND", "No such reader.");
            if (!(await deps.readers.markBusy(tx, reader.userId, now)))
              throw new DomainError("CONFLICT", `${reader.displayName} is not available right now.`);
            for (const hook of bookedHooks)
              if (await hook.blocksOnDemand(tx, reader.userId, now))
                throw new DomainError(
                  "READER_BOOKED_SOON",
                  `${reader.displayName} has a booked reading starting soon. Book a time instead, or try again later.`,
                );
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
              clientName: await deps.users.displayNameOf(principal.userId, tx),
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
            await moves.publish(tx, row, "reading.requested");
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
        // The standing before the reading (the order a suspension takes them in).
        if ((await deps.users.lockStanding(tx, principal.userId)) !== "active")
          throw new DomainError("ACCOUNT_SUSPENDED", "Your account is suspended.");
        const row = await lockOwn(tx, principal, readingId);
        if (row.readerUserId !== principal.userId)
          throw new DomainError("FORBIDDEN", "Only the reader accepts.");
        const now = deps.clock.now();
        return toReadingView(
          await moveTo(tx, row, "accepted", now, {
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
      return endAs(principal.userId, readingId);
    },

    /**
     * Ends every open reading of a person whose account is being deleted, each through the same
     * path as their own "end" (charges finalized, the other side told). Returns how many.
     */
    async endOpenReadingsOf(userId: string) {
      const open = await repository.openFor(db, userId);
      let ended = 0;
      for (const row of open) {
        // A booked reading not yet started goes with its booking (the bookings module cancels it).
        const current = await repository.find(db, row.id);
        if (current?.pricing === "flat" && current.state === "waiting") continue;
        await endAs(userId, row.id);
        ended += 1;
      }
      return ended;
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

    /**
     * The readings a client had with a reader (ones that started), latest first, with the reader's
     * notes: what a reader sees beside a conversation, and whether they may write first.
     */
    async historyBetween(clientUserId: string, readerUserId: string, limit = 20) {
      const rows = await repository.between(
        db,
        clientUserId,
        readerUserId,
        Math.min(Math.max(limit, 1), 100),
      );
      return rows.map((row) => ({
        readingId: row.id,
        modality: row.modality,
        pricing: row.pricing,
        state: row.state,
        startedAt: row.startedAt?.toISOString() ?? null,
        endedAt: row.endedAt?.toISOString() ?? null,
        billedMs: row.billedMs,
        chargedCents: row.chargedCents,
        readerNote: row.readerNote,
      }));
    },

    /** May this user join the reading's room (`reading:<id>`)? Participants of an open reading only. */
    async mayJoinRoom(userId: string, readingId: string) {
      const row = await repository.find(db, readingId);
      return Boolean(row && isParticipant(row, userId) && OPEN_STATES.has(row.state));
    },

    /** The reader leaves (or rewrites) a short note for the client once the reading has ended. */
    async setReaderNote(principal: Principal, readingId: string, note: string) {
      assertPlainText({ note });
      const text = note.trim();
      if (text.length === 0)
        throw new DomainError("VALIDATION_FAILED", "Write a note.", [{ path: "/note", message: "is empty" }]);
      const row = await repository.find(db, readingId);
      if (!row || row.readerUserId !== principal.userId)
        throw new DomainError("NOT_FOUND", "No such reading.");
      if (row.state !== "ended" && row.state !== "finalized")
        throw new DomainError("CONFLICT", "A note can be left once the reading has ended.");
      const at = deps.clock.now();
      await repository.setReaderNote(db, readingId, text, at);
      return { text, at: at.toISOString() };
    },

    /**
     * An admin suspended or banned a participant: each of their open readings ends now through
     * the one end path (billed to the second, then finalized), the cause recorded, in the
     * standing change's transaction. Returns their ids.
     */
    async endAllOf(userId: string, cause: "account_suspended" | "account_banned", tx: Executor) {
      const ended: ReadingRow[] = [];
      for (const id of await repository.openIdsOf(tx, userId)) {
        const row = await repository.lock(tx, id);
        if (row && OPEN_STATES.has(row.state))
          ended.push(await endAndFinalize(tx, row, cause, deps.clock.now()));
      }
      return ended.map((row) => row.id);
    },

    /** The bookings module registers what it does when a booked reading ends, and its on-demand gate. */
    registerBookedHooks(hook: BookedReadingHook) {
      bookedHooks.push(hook);
    },

    ...booked,

    /** A reading as stored (the bookings module reads its booked reading's outcome). */
    findRow: (readingId: string, executor: Executor = db) => repository.find(executor, readingId),

    /** The reader's note to the client on a reading, if they left one. */
    readerNoteOf: (readingId: string) => repository.readerNoteOf(db, readingId),

    /** For earnings: a reader's share of readings finalized since each moment. */
    readerSharesSince: (readerUserId: string, since: Date[]) =>
      repository.sharesSince(db, readerUserId, since),
    /** For earnings: a reader's share per UTC day since `from` (days without readings absent). */
    readerSharesByDay: (readerUserId: string, from: Date) => repository.sharesByDay(db, readerUserId, from),
    /** For earnings: a reader's most recent finalized readings with a charge. */
    recentPaidReadings: (readerUserId: string, limit: number) =>
      repository.recentPaidReadings(db, readerUserId, Math.min(Math.max(limit, 1), 100)),

    /** For metrics: readings not yet finalized, by state. */
    openByState: () => repository.countOpenByState(db),
    /** For metrics: how long the most overdue reading has waited for the biller (0 when none). */
    async billingLagMs() {
      const now = deps.clock.now();
      const oldest = await repository.oldestDueAt(db, now);
      return oldest ? Math.max(0, now.getTime() - oldest.getTime()) : 0;
    },

    // The biller and the room connections (per node; see their files).
    tick: billing.tick,
    drainDue: billing.drainDue,
    joined: connections.joined,
    left: connections.left,
    queueJoin: connections.queueJoin,
    queueLeave: connections.queueLeave,
    heartbeat: connections.heartbeat,
    leaveNode: connections.leaveNode,
    settled: connections.settled,
  };
  return service;
}
