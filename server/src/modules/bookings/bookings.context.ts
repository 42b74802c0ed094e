import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { EmailService } from "../email/email.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { UsersService } from "../users/users.service.js";
import type { AvailabilityRow, BookingsRepository } from "./bookings.repository.js";
import type { BookingStep } from "./bookings.schemas.js";
import type { CalendarCache } from "./bookings.slot-cache.js";
import type { Interval, PreparedSlots } from "./bookings.slots.js";

export type StepKey = { bookingId: string; step: BookingStep; version: number };

/** What the bookings service is built from (the platform's parts and other modules' services). */
export interface BookingsDeps {
  db: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  publicOrigin: string;
  /** The address mail comes from: the calendar files' organizer. */
  mailFrom: string;
  ledger: LedgerService;
  readers: Pick<ReadersService, "bookable" | "allBookable" | "bookingTerms" | "markNoShow">;
  users: Pick<UsersService, "lockStanding" | "displayNameOf" | "contactsOf">;
  readings: Pick<
    ReadingsService,
    "openBooked" | "endOnDemandFor" | "openOnDemandOf" | "cancelBooked" | "registerBookedHooks" | "findRow"
  >;
  notifications: Pick<NotificationsService, "notify">;
  email: Pick<EmailService, "send">;
  /** Queues a step's job (pg-boss, keyed by booking, step and version). */
  queueStep(key: StepKey): Promise<void>;
  readerShareBasisPoints: number;
  /** The longest a node serves a reader's calendar from memory for slot lists (0: never). */
  slotsCacheMs: number;
  /** Whether this node hears the events that say calendars changed (the bus is listening). */
  eventsHeard(): boolean;
}

/** What the parts of the bookings module (offers, messages, settlement, steps, use cases) share. */
export interface BookingsContext extends BookingsDeps {
  repository: BookingsRepository;
  now(): Date;
  /** Readers' calendars kept by this node for slot lists. */
  calendars: CalendarCache<ReaderCalendar>;
}

/** A reader clients may book (listed, active), as bookings need them. */
export type Bookable = Awaited<ReturnType<BookingsDeps["readers"]["bookable"]>>;

/**
 * What a reader's slot lists are computed from, as a node keeps it (bookings.slot-cache.ts): the
 * reader (null when not bookable), their hours, and their confirmed bookings over [fromMs, toMs)
 * as busy time with the current buffer taken off (see `busyFor` in bookings.offers.ts).
 */
export interface ReaderCalendar {
  reader: Bookable;
  availability: AvailabilityRow | null;
  busy: Interval[];
  fromMs: number;
  toMs: number;
  /** Hours and busy time worked out per length, as lists are asked for. */
  prepared?: Map<number, PreparedSlots>;
}
