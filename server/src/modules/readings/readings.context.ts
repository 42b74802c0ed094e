import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { LastSeen } from "./readings.last-seen.js";
import type { Moves } from "./readings.moves.js";
import type { ReadingRow, ReadingsRepository } from "./readings.repository.js";
import type { Modality } from "./readings.schemas.js";

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

/**
 * Told after each billing batch which clients are in per-minute readings and the balance they
 * should keep (2 minutes of the rate): auto-reload (the payments module) tops up the low ones.
 */
export interface LowBalanceHook {
  reloadIfLow(checks: { clientUserId: string; thresholdCents: number }[]): Promise<unknown>;
}

/** What the bookings module (built after readings) tells the engine. */
export interface BookedReadingHook {
  /** A booked (flat) reading was finalized: in that transaction, the booking settles with it. */
  finalized(tx: Executor, row: ReadingRow): Promise<void>;
  /** The reader has a booked reading starting soon (or under way): no on-demand reading now. */
  blocksOnDemand(tx: Executor, readerUserId: string, now: Date): Promise<boolean>;
}

/** What the parts of the readings module (billing, connections, the use cases) share. */
export interface ReadingsContext {
  db: Database;
  ledger: LedgerService;
  readers: ReaderDirectory;
  clock: Clock;
  logger: FastifyBaseLogger;
  nodeId: string;
  timings: ReadingTimings;
  repository: ReadingsRepository;
  moves: Moves;
  /** This node's sockets in reading rooms and their last frames (readings.last-seen.ts). */
  lastSeen: LastSeen;
  /** Registered by the bookings module when it is built (after readings). */
  bookedHooks: BookedReadingHook[];
  lowBalance?: LowBalanceHook;
}
