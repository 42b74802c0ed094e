import type { Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { BusEvent } from "../../platform/realtime/event-bus.js";
import { assertPlainText } from "../readers/readers.service.js";
import type { BookingsDeps, ReaderCalendar } from "./bookings.context.js";
import { createMessages } from "./bookings.messages.js";
import { createOffers, DAY_MS } from "./bookings.offers.js";
import { type BookingRow, createBookingsRepository } from "./bookings.repository.js";
import {
  BOOKED_SOON_MS,
  cancellationTerms,
  JOIN_OPENS_BEFORE_MS,
  MINUTE_MS,
  mayReschedule,
  NO_SHOW_AFTER_MS,
} from "./bookings.rules.js";
import type { CreateBookingBody } from "./bookings.schemas.js";
import { createSettlement } from "./bookings.settlement.js";
import { createCalendarCache } from "./bookings.slot-cache.js";
import { isOfferedSlot, isValidTimeZone } from "./bookings.slots.js";
import { createSteps } from "./bookings.steps.js";
import { dollars, localTime, toBookingView } from "./bookings.view.js";

export type BookingsService = ReturnType<typeof createBookingsService>;

const MAX_LIST = 100;
/** Readers' calendars each node keeps for slot lists (a reader's hours and a few dozen bookings: 2–5 kB). */
const MAX_CALENDARS = 50_000;
/** Events (database triggers, migration 0027) naming readers whose slot lists changed, or all. */
export const SLOTS_EVENT = "bookings.slots";
export const SLOTS_CHANGED_EVENT = "bookings.slots-changed";
/** Reader profiles or accounts changed (migration 0013): rates, listing and standing go in slot lists too. */
const READERS_CHANGED_EVENT = "readers.changed";

/**
 * Scheduled readings at a flat price (product.md section 4): the use cases (book, cancel, move,
 * join, list), composed with the reader's offers (bookings.offers.ts), the messages to both sides
 * (bookings.messages.ts), where the hold goes (bookings.settlement.ts) and the timed steps
 * (bookings.steps.ts). The booked reading runs on the readings engine at flat pricing.
 */
export function createBookingsService(deps: BookingsDeps) {
  const { db } = deps;
  const repository = createBookingsRepository();
  const now = () => deps.clock.now();
  const calendars = createCalendarCache<ReaderCalendar>({
    clock: deps.clock,
    maxAgeMs: deps.slotsCacheMs,
    maxReaders: MAX_CALENDARS,
    listening: deps.eventsHeard,
  });
  const ctx = { ...deps, repository, now, calendars };
  const offers = createOffers(ctx);
  const messages = createMessages(ctx);
  const settlement = createSettlement(ctx, messages);
  const steps = createSteps(ctx, messages, settlement);
  const { offer, rulesOf, busyFor, parseInstant } = offers;
  const { calendarOf, emailBoth, describe, notifyBoth } = messages;
  const { cancelLocked } = settlement;
  const { scheduleSteps } = steps;

  async function lockParticipant(tx: Executor, principal: Principal, bookingId: string) {
    const row = await repository.lock(tx, bookingId);
    if (!row || (row.clientUserId !== principal.userId && row.readerUserId !== principal.userId))
      throw new DomainError("NOT_FOUND", "No such booking.");
    return row;
  }

  const exclusionMessage = (error: unknown) => {
    const pgError = error as {
      code?: string;
      constraint?: string;
      cause?: { code?: string; constraint?: string };
    };
    const code = pgError.code ?? pgError.cause?.code;
    const constraint = pgError.constraint ?? pgError.cause?.constraint;
    if (code !== "23P01") return null;
    if (constraint === "bookings_client_no_overlap")
      return new DomainError("CONFLICT", "You already have a booking at that time.");
    return new DomainError("SLOT_TAKEN", "Someone has just booked that time. Pick another slot.");
  };

  const service = {
    myAvailability: offers.myAvailability,
    availabilityOf: offers.availabilityOf,
    saveAvailability: offers.saveAvailability,
    setAvailabilityOf: offers.setAvailabilityOf,
    options: offers.options,
    slots: offers.slots,

    /** The client books a slot: the full price is held from the wallet and the slot is theirs. */
    async book(principal: Principal, input: CreateBookingBody) {
      const at = now();
      if (input.readerUserId === principal.userId)
        throw new DomainError("VALIDATION_FAILED", "You cannot book a reading with yourself.");
      if (!isValidTimeZone(input.timeZone))
        throw new DomainError("VALIDATION_FAILED", "Unknown time zone.", [
          { path: "/timeZone", message: "unknown time zone" },
        ]);
      const question = input.question?.trim() || null;
      if (question) assertPlainText({ question });
      const startsAt = parseInstant(input.startsAt, "/startsAt");
      const { reader, availability, rules, ratePerMinuteCents, priceCents } = await offer(
        input.readerUserId,
        input.modality,
        input.lengthMinutes,
      );
      if (priceCents !== input.expectedPriceCents)
        throw new DomainError(
          "PRICE_CHANGED",
          `The price of this reading is now ${dollars(priceCents)}. Check it and book again.`,
          undefined,
          { current: { priceCents } },
        );
      const endsAt = new Date(startsAt.getTime() + input.lengthMinutes * MINUTE_MS);
      const busy = await busyFor(
        reader.userId,
        new Date(startsAt.getTime() - DAY_MS),
        new Date(endsAt.getTime() + DAY_MS),
        availability.bufferMinutes,
      );
      if (!isOfferedSlot(rules, busy, at, startsAt)) {
        const taken = isOfferedSlot(rules, [], at, startsAt);
        throw taken
          ? new DomainError("SLOT_TAKEN", "Someone has just booked that time. Pick another slot.")
          : new DomainError(
              "SLOT_UNAVAILABLE",
              "That time is not open for booking. Pick one of the slots shown.",
            );
      }
      if (await deps.ledger.isFrozen(principal.userId))
        throw new DomainError("ACCOUNT_FROZEN", "Your wallet is frozen while a payment dispute is open.");
      await deps.ledger.ensureAccount(reader.userId, "earnings");
      await deps.ledger.ensureAccount(principal.userId, "wallet");
      const bookingId = crypto.randomUUID();
      let row: BookingRow;
      try {
        row = await db.transaction(async (tx) => {
          await repository.lockPeople(tx, [principal.userId, reader.userId]);
          if ((await deps.users.lockStanding(tx, principal.userId)) !== "active")
            throw new DomainError("ACCOUNT_SUSPENDED", "Your account is suspended.");
          if ((await deps.users.lockStanding(tx, reader.userId)) !== "active")
            throw new DomainError("NOT_FOUND", "No such reader.");
          const hold = await deps.ledger.hold(
            {
              idempotencyKey: `booking:${bookingId}:hold`,
              userId: principal.userId,
              amountCents: priceCents,
              code: "booking_hold",
              references: { bookingId },
            },
            tx,
          );
          const created = await repository.insert(tx, {
            id: bookingId,
            clientUserId: principal.userId,
            readerUserId: reader.userId,
            modality: input.modality,
            lengthMinutes: input.lengthMinutes,
            startsAt,
            endsAt,
            blockedUntil: new Date(endsAt.getTime() + availability.bufferMinutes * MINUTE_MS),
            ratePerMinuteCents,
            priceCents,
            readerShareBasisPoints: deps.readerShareBasisPoints,
            status: "confirmed",
            holdId: hold.id,
            question,
            clientName: await deps.users.displayNameOf(principal.userId, tx),
            readerName: reader.displayName,
            readerSlug: reader.slug,
            clientTimeZone: input.timeZone,
            readerTimeZone: availability.timeZone,
            createdAt: at,
            updatedAt: at,
          });
          await scheduleSteps(tx, created, 0, at);
          await deps.notifications.notify(tx, {
            userId: reader.userId,
            kind: "booking-new",
            title: "New booking",
            body: `${created.clientName ?? "A client"} booked a ${input.lengthMinutes}-minute ${input.modality} reading on ${localTime(startsAt, availability.timeZone)}.`,
            link: "/reader/bookings",
          });
          return created;
        });
      } catch (error) {
        throw exclusionMessage(error) ?? error;
      }
      calendars.forget([row.readerUserId]);
      await emailBoth(
        row,
        "booking-confirmed",
        "Your SoulSeer reading is booked",
        (zone) =>
          `Booked: your ${describe(row, zone)}.\nPrice: ${dollars(row.priceCents)}, held from the client's wallet until the reading.${row.question ? `\nQuestion for the reader: ${row.question}` : ""}\nThe calendar file is attached.`,
      );
      return toBookingView(row, principal.userId, now());
    },

    async get(principal: Principal, bookingId: string) {
      const row = await repository.find(db, bookingId);
      if (
        !row ||
        (row.clientUserId !== principal.userId &&
          row.readerUserId !== principal.userId &&
          principal.role !== "admin")
      )
        throw new DomainError("NOT_FOUND", "No such booking.");
      return toBookingView(row, principal.userId, now());
    },

    async mine(principal: Principal, side: "client" | "reader", scope: "upcoming" | "past") {
      const rows = await repository.listFor(db, side, principal.userId, scope, now(), MAX_LIST);
      const at = now();
      return rows.map((row) => toBookingView(row, principal.userId, at));
    },

    /** What cancelling now would give back (shown before the person confirms). */
    async quote(principal: Principal, bookingId: string) {
      const row = await repository.find(db, bookingId);
      if (!row || (row.clientUserId !== principal.userId && row.readerUserId !== principal.userId))
        throw new DomainError("NOT_FOUND", "No such booking.");
      const terms = cancellationTerms(
        row,
        row.clientUserId === principal.userId ? "client" : "reader",
        now(),
      );
      return { refundCents: terms.refundCents, capturedCents: terms.capturedCents, rule: terms.rule };
    },

    async cancel(principal: Principal, bookingId: string, reason: string | undefined) {
      const row = await db.transaction(async (tx) => {
        const locked = await lockParticipant(tx, principal, bookingId);
        const at = now();
        if (locked.status !== "confirmed")
          throw new DomainError("INVALID_TRANSITION", "This booking is no longer confirmed.");
        if (at >= locked.startsAt)
          throw new DomainError("CONFLICT", "The reading has started; it can no longer be cancelled.");
        const by = locked.clientUserId === principal.userId ? "client" : "reader";
        const cancelled = await cancelLocked(tx, locked, by, reason?.trim() || null, at);
        await deps.notifications.notify(tx, {
          userId: by === "client" ? locked.readerUserId : locked.clientUserId,
          kind: "booking-cancelled",
          title: "A booking was cancelled",
          body: `The ${locked.lengthMinutes}-minute ${locked.modality} reading on ${localTime(
            locked.startsAt,
            by === "client" ? locked.readerTimeZone : locked.clientTimeZone,
          )} was cancelled by the ${by}.${by === "reader" ? ` ${dollars(locked.priceCents)} went back to your wallet.` : ""}`,
          link: by === "client" ? "/reader/bookings" : "/bookings",
        });
        return cancelled;
      });
      calendars.forget([row.readerUserId]);
      await emailBoth(
        row,
        "booking-cancelled",
        "Your SoulSeer reading was cancelled",
        (zone) =>
          `Cancelled by the ${row.cancelledBy}: the ${describe(row, zone)}.\n${dollars(row.refundedCents ?? 0)} went back to the client's wallet.`,
      );
      return toBookingView(row, principal.userId, now());
    },

    /** The client moves a booking once, for free, at least 24 hours ahead: the hold moves with it. */
    async reschedule(principal: Principal, bookingId: string, input: { startsAt: string }) {
      const startsAt = parseInstant(input.startsAt, "/startsAt");
      const current = await repository.find(db, bookingId);
      if (!current || current.clientUserId !== principal.userId)
        throw new DomainError("NOT_FOUND", "No such booking.");
      const found = await rulesOf(current.readerUserId, current.lengthMinutes);
      if (!found)
        throw new DomainError("CONFLICT", "This reader no longer takes bookings; cancel it instead.");
      const endsAt = new Date(startsAt.getTime() + current.lengthMinutes * MINUTE_MS);
      const busy = await busyFor(
        current.readerUserId,
        new Date(startsAt.getTime() - DAY_MS),
        new Date(endsAt.getTime() + DAY_MS),
        found.availability.bufferMinutes,
        current.id,
      );
      if (!isOfferedSlot(found.rules, busy, now(), startsAt))
        throw isOfferedSlot(found.rules, [], now(), startsAt)
          ? new DomainError("SLOT_TAKEN", "Someone has just booked that time. Pick another slot.")
          : new DomainError(
              "SLOT_UNAVAILABLE",
              "That time is not open for booking. Pick one of the slots shown.",
            );
      let row: BookingRow;
      try {
        row = await db.transaction(async (tx) => {
          await repository.lockPeople(tx, [current.clientUserId, current.readerUserId]);
          const locked = await lockParticipant(tx, principal, bookingId);
          const at = now();
          if (!mayReschedule(locked, at))
            throw new DomainError(
              "CONFLICT",
              locked.rescheduleCount > 0
                ? "A booking can be moved once; this one has been moved already."
                : "A booking can be moved only until 24 hours before it starts.",
            );
          await repository.closeSteps(tx, locked.id, at);
          const moved = await repository.update(tx, locked.id, {
            startsAt,
            endsAt,
            blockedUntil: new Date(endsAt.getTime() + found.availability.bufferMinutes * MINUTE_MS),
            rescheduleCount: locked.rescheduleCount + 1,
            calendarSequence: locked.calendarSequence + 1,
            updatedAt: at,
          });
          await scheduleSteps(tx, moved, moved.rescheduleCount, at);
          await deps.notifications.notify(tx, {
            userId: moved.readerUserId,
            kind: "booking-rescheduled",
            title: "A booking was moved",
            body: `${moved.clientName ?? "The client"} moved their reading to ${localTime(startsAt, moved.readerTimeZone)}.`,
            link: "/reader/bookings",
          });
          return moved;
        });
      } catch (error) {
        throw exclusionMessage(error) ?? error;
      }
      calendars.forget([row.readerUserId]);
      await emailBoth(
        row,
        "booking-rescheduled",
        "Your SoulSeer reading was moved",
        (zone) => `Moved: your ${describe(row, zone)}.\nThe updated calendar file is attached.`,
      );
      return toBookingView(row, principal.userId, now());
    },

    /** Either side enters the booked reading's room (from 5 minutes before the start). */
    async join(principal: Principal, bookingId: string) {
      const result = await db.transaction(async (tx) => {
        if ((await deps.users.lockStanding(tx, principal.userId)) !== "active")
          throw new DomainError("ACCOUNT_SUSPENDED", "Your account is suspended.");
        const row = await lockParticipant(tx, principal, bookingId);
        const at = now();
        if (row.status !== "confirmed") throw new DomainError("CONFLICT", "This booking is over.");
        if (at.getTime() < row.startsAt.getTime() - JOIN_OPENS_BEFORE_MS)
          throw new DomainError("CONFLICT", "The room opens 5 minutes before the start.");
        if (row.readingId) return { row, readingId: row.readingId };
        if (at.getTime() >= row.startsAt.getTime() + NO_SHOW_AFTER_MS)
          throw new DomainError("CONFLICT", "It is too late to join this reading.");
        // The reader's on-demand reading ends now (billed to the second) so the booking can start.
        await deps.readings.endOnDemandFor(tx, row.readerUserId);
        const reading = await deps.readings.openBooked(tx, {
          bookingId: row.id,
          clientUserId: row.clientUserId,
          readerUserId: row.readerUserId,
          modality: row.modality,
          clientName: row.clientName,
          readerName: row.readerName,
          readerSlug: row.readerSlug,
          priceCents: row.priceCents,
          lengthMs: row.lengthMinutes * MINUTE_MS,
          readerShareBasisPoints: row.readerShareBasisPoints,
          holdId: row.holdId,
          scheduledStartAt: row.startsAt,
          scheduledEndAt: row.endsAt,
        });
        const opened = await repository.update(tx, row.id, { readingId: reading.id, updatedAt: at });
        return { row: opened, readingId: reading.id };
      });
      return { readingId: result.readingId, booking: toBookingView(result.row, principal.userId, now()) };
    },

    /** The booking's calendar file (either side). */
    async calendar(principal: Principal, bookingId: string) {
      const row = await repository.find(db, bookingId);
      if (!row || (row.clientUserId !== principal.userId && row.readerUserId !== principal.userId))
        throw new DomainError("NOT_FOUND", "No such booking.");
      return calendarOf(row, await deps.users.contactsOf([row.clientUserId, row.readerUserId]));
    },

    /** One booking's row (for admin refunds), in the caller's transaction if given. */
    findRow: (bookingId: string, executor: Executor = deps.db) => repository.find(executor, bookingId),

    /**
     * A person suspended, banned or leaving: each of their bookings still ahead is cancelled as the
     * reader's would be (the client gets everything back), in the caller's transaction.
     */
    async cancelAllOf(userId: string, tx: Executor, reason: string) {
      const at = now();
      const cancelled: string[] = [];
      for (const { id } of await repository.liveOf(tx, userId, at)) {
        const row = await repository.lock(tx, id);
        if (row?.status !== "confirmed") continue;
        if (row.readingId) {
          const reading = await deps.readings.findRow(row.readingId, tx);
          // A reading under way was ended (billed fairly) by the readings engine already.
          if (reading?.startedAt) continue;
        }
        const done = await cancelLocked(tx, row, "admin", reason, at);
        await notifyBoth(
          tx,
          done,
          "booking-cancelled",
          "A booking was cancelled",
          `The ${row.lengthMinutes}-minute ${row.modality} reading on ${row.startsAt.toISOString().slice(0, 16).replace("T", " ")} UTC was cancelled: ${dollars(row.priceCents)} went back to the client.`,
        );
        cancelled.push(row.id);
      }
      return cancelled;
    },

    queueDueSteps: steps.queueDueSteps,
    runStep: steps.runStep,

    /**
     * Drops the calendars an event says changed (this node's next slot lists read them again):
     * the readers named, or every one.
     */
    onBusEvent(event: BusEvent) {
      const ids = event.type === SLOTS_EVENT ? event.data.readerUserIds : undefined;
      if (Array.isArray(ids) && ids.every((id) => typeof id === "string")) calendars.forget(ids);
      else if (
        event.type === SLOTS_EVENT ||
        event.type === SLOTS_CHANGED_EVENT ||
        event.type === READERS_CHANGED_EVENT
      )
        calendars.clear();
    },

    /** Keeps every bookable reader's calendar on this node, read again at half the age limit. */
    refreshCalendars: () => calendars.refreshAll(offers.loadAllCalendars),

    /** Notices a gap in listening for events: the calendars kept go. */
    checkSlotsListening: () => calendars.checkListening(),

    /** Calendars served from memory, loaded, and read without the cache, since the start. */
    slotsCacheStats: () => calendars.stats(),
  };

  deps.readings.registerBookedHooks({
    finalized: settlement.settleWithReading,
    blocksOnDemand: (tx: Executor, readerUserId: string, at: Date) =>
      repository.hasBookingSoon(tx, readerUserId, at, new Date(at.getTime() + BOOKED_SOON_MS)),
  });

  return service;
}
