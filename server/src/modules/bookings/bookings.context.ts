import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { EmailService } from "../email/email.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { UsersService } from "../users/users.service.js";
import type { BookingsRepository } from "./bookings.repository.js";
import type { BookingStep } from "./bookings.schemas.js";

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
  readers: Pick<ReadersService, "bookable" | "bookingTerms" | "markNoShow">;
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
}

/** What the parts of the bookings module (offers, messages, settlement, steps, use cases) share. */
export interface BookingsContext extends BookingsDeps {
  repository: BookingsRepository;
  now(): Date;
}
