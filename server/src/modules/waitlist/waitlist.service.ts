import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import { type Database, type Executor, isUniqueViolation } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { EventBus } from "../../platform/realtime/event-bus.js";
import { createLivePublisher } from "../../platform/realtime/live-events.js";
import type { EmailService } from "../email/email.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import { unitsAffordable } from "../readings/readings.meter.js";
import type { Modality } from "../readings/readings.schemas.js";
import type { UsersService } from "../users/users.service.js";
import { waitlistEvents } from "./waitlist.events.js";
import { createWaitlistRepository, type WaitlistEntryRow } from "./waitlist.repository.js";
import type { WaitlistStatus } from "./waitlist.schemas.js";

export type WaitlistService = ReturnType<typeof createWaitlistService>;

/** The waitlist's only transitions; everything else is refused. */
const WAITLIST_TRANSITIONS: Record<WaitlistStatus, readonly WaitlistStatus[]> = {
  waiting: ["offered", "started", "cancelled", "expired"],
  offered: ["started", "lapsed", "cancelled"],
  started: [],
  lapsed: [],
  cancelled: [],
  expired: [],
};

export function canMoveEntry(from: WaitlistStatus, to: WaitlistStatus) {
  return WAITLIST_TRANSITIONS[from].includes(to);
}

/** A client may wait in this many readers' lines at once. */
export const MAX_OPEN_ENTRIES = 3;
const SWEEP_BATCH = 100;

export interface WaitlistTimings {
  /** How long the first in line has to start once the reader is free. */
  offerMs: number;
  /** How long a place in line lasts. */
  ttlMs: number;
}

/** An open entry still counts (its deadline has not passed, whether or not a sweep has run). */
function isLive(row: WaitlistEntryRow, now: Date) {
  if (row.status === "waiting") return row.expiresAt > now;
  if (row.status === "offered") return (row.offerExpiresAt ?? now) > now;
  return false;
}

/**
 * Readers' waitlists. A client whose request went unanswered, or who finds the reader busy or away,
 * joins the reader's line. When the reader is online and free, the sweep offers the reader to the
 * first in line for `offerMs` (an in-app notice, live, and an email); during the offer, and while
 * others wait ahead, nobody else can start a reading with that reader (`admit`, called by the
 * readings service inside the request's transaction, after the reader's profile row is locked).
 */
export function createWaitlistService(deps: {
  db: Database;
  readers: Pick<ReadersService, "startable" | "onlineAmong">;
  users: Pick<UsersService, "contactsOf">;
  ledger: Pick<LedgerService, "balance">;
  notifications: Pick<NotificationsService, "notify">;
  email: Pick<EmailService, "send">;
  bus: EventBus;
  clock: Clock;
  logger: FastifyBaseLogger;
  publicOrigin: string;
  timings: WaitlistTimings;
}) {
  const repository = createWaitlistRepository();
  const live = createLivePublisher(deps.bus, waitlistEvents);
  const { db, timings } = deps;
  const offerMinutes = Math.max(1, Math.round(timings.offerMs / 60_000));

  async function move(
    tx: Executor,
    row: WaitlistEntryRow,
    to: WaitlistStatus,
    at: Date,
    changes: Partial<WaitlistEntryRow> = {},
  ) {
    if (!canMoveEntry(row.status, to))
      throw new DomainError("INVALID_TRANSITION", `A ${row.status} waitlist entry cannot become ${to}.`);
    const updated = await repository.update(tx, row.id, {
      ...changes,
      status: to,
      ...(to === "offered" ? {} : { resolvedAt: at }),
    });
    await announce(tx, updated);
    return updated;
  }

  /** Both sides' apps refresh the line (the client's place, the reader's queue). */
  async function announce(tx: Executor, row: WaitlistEntryRow) {
    for (const userId of [row.clientUserId, row.readerUserId]) {
      await live.publish(tx, userId, "waitlist.changed", {
        entryId: row.id,
        readerUserId: row.readerUserId,
        status: row.status,
      });
    }
  }

  async function readerNames(readerUserIds: string[]) {
    const names = new Map<string, { name: string; slug: string | null }>();
    for (const id of new Set(readerUserIds)) {
      const reader = await deps.readers.startable(id);
      names.set(id, { name: reader?.displayName ?? "A reader", slug: reader?.slug ?? null });
    }
    return names;
  }

  function toDto(row: WaitlistEntryRow, ahead: number | null, reader: { name: string; slug: string | null }) {
    const open = row.status === "waiting" || row.status === "offered";
    return {
      id: row.id,
      readerUserId: row.readerUserId,
      readerName: reader.name,
      readerSlug: reader.slug,
      modality: row.modality,
      status: row.status,
      position: open && ahead !== null ? ahead + 1 : null,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      offerExpiresAt: row.status === "offered" ? (row.offerExpiresAt?.toISOString() ?? null) : null,
      readingId: row.readingId,
    };
  }

  /** Offers the reader to the first in line; false when there is none or another node did it. */
  async function offerNext(readerUserId: string, now: Date) {
    const reader = await deps.readers.startable(readerUserId);
    if (reader?.status !== "online") return false;
    let offered: WaitlistEntryRow | null = null;
    try {
      offered = await db.transaction(async (tx) => {
        if (await repository.hasOpenOffer(tx, readerUserId, now)) return null;
        const first = await repository.claimFirstWaiting(tx, readerUserId, now);
        if (!first) return null;
        const row = await move(tx, first, "offered", now, {
          offeredAt: now,
          offerExpiresAt: new Date(now.getTime() + timings.offerMs),
        });
        await deps.notifications.notify(tx, {
          userId: row.clientUserId,
          kind: "callback-offered",
          title: `${reader.displayName} is ready for you`,
          body: `You are first in line. Start your ${row.modality} reading within ${offerMinutes} minute${offerMinutes === 1 ? "" : "s"} to keep your place.`,
          link: `/readers/${reader.slug}`,
        });
        return row;
      });
    } catch (error) {
      // Another node offered this reader to someone at the same moment (one offer per reader).
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    if (!offered) return false;
    const contact = (await deps.users.contactsOf([offered.clientUserId])).get(offered.clientUserId);
    if (contact) {
      await deps.email.send({
        to: contact.email,
        kind: "callback-offered",
        subject: `${reader.displayName} is ready for your reading on SoulSeer`,
        text: `Hello ${contact.displayName},\n\n${reader.displayName} is free now and you are first in their line.\n\nStart your ${offered.modality} reading within ${offerMinutes} minute${offerMinutes === 1 ? "" : "s"} to keep your place:\n${deps.publicOrigin}/readers/${reader.slug}\n\n— SoulSeer`,
      });
    }
    return true;
  }

  const service = {
    /** The client joins a reader's line. */
    async join(principal: Principal, input: { readerUserId: string; modality: Modality }) {
      const now = deps.clock.now();
      if (input.readerUserId === principal.userId)
        throw new DomainError("VALIDATION_FAILED", "You cannot queue for yourself.");
      const reader = await deps.readers.startable(input.readerUserId);
      if (!reader) throw new DomainError("NOT_FOUND", "No such reader.");
      const rate = reader.rates[input.modality];
      if (!rate)
        throw new DomainError("CONFLICT", `${reader.displayName} does not offer ${input.modality} readings.`);
      if (unitsAffordable(await deps.ledger.balance(principal.userId), rate) < 1)
        throw new DomainError("INSUFFICIENT_FUNDS", "Add funds for at least one minute to join the line.");
      try {
        const row = await db.transaction(async (tx) => {
          const line = (await repository.lockQueue(tx, reader.userId)).filter((entry) => isLive(entry, now));
          if (reader.status === "online" && line.length === 0)
            throw new DomainError(
              "CONFLICT",
              `${reader.displayName} is available now: start a reading instead.`,
            );
          if ((await repository.openCountOfClient(tx, principal.userId)) >= MAX_OPEN_ENTRIES)
            throw new DomainError(
              "CONFLICT",
              `You can wait in at most ${MAX_OPEN_ENTRIES} readers' lines at once; leave one first.`,
            );
          const created = await repository.insert(tx, {
            clientUserId: principal.userId,
            readerUserId: reader.userId,
            modality: input.modality,
            status: "waiting",
            createdAt: now,
            expiresAt: new Date(now.getTime() + timings.ttlMs),
          });
          await announce(tx, created);
          return { created, ahead: line.length };
        });
        return toDto(row.created, row.ahead, { name: reader.displayName, slug: reader.slug });
      } catch (error) {
        if (isUniqueViolation(error))
          throw new DomainError("CONFLICT", `You are already in ${reader.displayName}'s line.`);
        throw error;
      }
    },

    /** The client leaves a line (waiting or offered). */
    async cancel(principal: Principal, entryId: string) {
      const now = deps.clock.now();
      const row = await db.transaction(async (tx) => {
        const row = await repository.lock(tx, entryId);
        if (!row || row.clientUserId !== principal.userId)
          throw new DomainError("NOT_FOUND", "No such waitlist entry.");
        return move(tx, row, "cancelled", now);
      });
      const names = await readerNames([row.readerUserId]);
      return toDto(row, null, names.get(row.readerUserId) ?? { name: "A reader", slug: null });
    },

    /** The client's lines, newest first (open ones with their place). */
    async mine(principal: Principal, limit = 20) {
      const rows = await repository.ofClient(db, principal.userId, Math.min(Math.max(limit, 1), 50));
      const names = await readerNames(rows.map((row) => row.entry.readerUserId));
      return rows.map((row) =>
        toDto(row.entry, row.ahead, names.get(row.entry.readerUserId) ?? { name: "A reader", slug: null }),
      );
    },

    /** The reader's own line, first in line first. */
    async queue(principal: Principal) {
      const now = deps.clock.now();
      const rows = (await repository.queueOf(db, principal.userId)).filter((row) => isLive(row, now));
      const clients = await deps.users.contactsOf(rows.map((row) => row.clientUserId));
      return rows.map((row, index) => ({
        id: row.id,
        clientName: clients.get(row.clientUserId)?.displayName ?? "A client",
        modality: row.modality,
        status: row.status === "offered" ? ("offered" as const) : ("waiting" as const),
        position: index + 1,
        createdAt: row.createdAt.toISOString(),
        offerExpiresAt: row.status === "offered" ? (row.offerExpiresAt?.toISOString() ?? null) : null,
      }));
    },

    /**
     * For the readings service, inside the request's transaction (the reader's profile row is
     * locked): refuses a client with others ahead of them in the reader's line; returns the
     * client's own entry, which the new reading fulfils.
     */
    async admit(tx: Executor, clientUserId: string, readerUserId: string, readerName: string, now: Date) {
      const line = (await repository.lockQueue(tx, readerUserId)).filter((entry) => isLive(entry, now));
      const mine = line.find((entry) => entry.clientUserId === clientUserId) ?? null;
      const ahead = line.filter(
        (entry) =>
          entry.clientUserId !== clientUserId &&
          (entry.status === "offered" || mine === null || entry.seq < mine.seq),
      );
      if (ahead.length > 0)
        throw new DomainError(
          "QUEUE_AHEAD",
          `${readerName} has ${ahead.length === 1 ? "a client" : `${ahead.length} clients`} waiting in line first. Join the line to be next.`,
        );
      return mine;
    },

    /** The client's entry became this reading. */
    async fulfil(tx: Executor, entry: { id: string }, readingId: string, now: Date) {
      const row = await repository.lock(tx, entry.id);
      if (row) await move(tx, row, "started", now, { readingId });
    },

    /** Every node runs this with the biller: overdue entries end, free readers are offered. */
    async sweep() {
      const now = deps.clock.now();
      const ended = await db.transaction(async (tx) => {
        const overdue = await repository.claimOverdue(tx, now, SWEEP_BATCH);
        for (const row of overdue) {
          const lapsed = row.status === "offered";
          await move(tx, row, lapsed ? "lapsed" : "expired", now);
          await deps.notifications.notify(tx, {
            userId: row.clientUserId,
            kind: lapsed ? "callback-lapsed" : "callback-expired",
            title: lapsed ? "Your turn with the reader passed" : "Your place in line expired",
            body: lapsed
              ? "The reader was ready but the reading was not started in time. You can join their line again."
              : "The reader did not become free in time. You can join their line again.",
            link: null,
          });
        }
        return overdue.length;
      });
      let offered = 0;
      // Readers with a line are mostly busy or away: one query finds those free to be offered.
      const waitedFor = await repository.readersToOffer(db, now, SWEEP_BATCH);
      const online = await deps.readers.onlineAmong(waitedFor);
      for (const readerUserId of waitedFor) {
        if (online.has(readerUserId) && (await offerNext(readerUserId, now))) offered += 1;
      }
      return { ended, offered };
    },
  };
  return service;
}
