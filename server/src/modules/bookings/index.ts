import { createHash } from "node:crypto";
import type { Config } from "../../config.js";
import { type AppModule, defineJob, type Platform } from "../../platform/module.js";
import type { EmailService } from "../email/email.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { UsersService } from "../users/users.service.js";
import { bookingsPersonalData } from "./bookings.personal-data.js";
import { registerBookingsRoutes } from "./bookings.routes.js";
import type { BookingStep } from "./bookings.schemas.js";
import { type BookingsService, createBookingsService } from "./bookings.service.js";

const STEP_JOB = "bookings.step";
/** How often a node checks whether its readers' calendars are due for a reload (at half SLOTS_CACHE_MS). */
const CALENDARS_CHECK_MS = 1000;
/** Due steps are looked for on the biller's beat, at most once a second. */
const MIN_SWEEP_MS = 1000;

/** A job id (pg-boss wants a UUID) that is the same for the same booking, step and version. */
function stepJobId(key: { bookingId: string; step: BookingStep; version: number }) {
  const hex = createHash("sha256")
    .update(`booking-step:${key.bookingId}:${key.step}:${key.version}`)
    .digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Scheduled readings at a flat price: readers' hours, slots in any zone, booking with a hold,
 * cancellation, rescheduling, calendar files, and the timed steps (reminders, clearing the
 * reader's on-demand reading, the no-show check), each run once by a pg-boss job keyed by the
 * booking. The booked reading itself runs on the readings engine at flat pricing.
 */
export function createBookingsModule(
  deps: Pick<Platform, "db" | "clock" | "logger" | "publicOrigin" | "jobs" | "bus"> & {
    config: Config;
    ledger: LedgerService;
    readers: ReadersService;
    users: UsersService;
    readings: ReadingsService;
    notifications: NotificationsService;
    email: EmailService;
  },
): AppModule<BookingsService> {
  const { config } = deps;
  const service = createBookingsService({
    ...deps,
    readerShareBasisPoints: config.READER_SHARE_BASIS_POINTS,
    mailFrom: config.MAIL_FROM,
    queueStep: (key) => deps.jobs.send(STEP_JOB, key, { id: stepJobId(key) }),
    slotsCacheMs: config.SLOTS_CACHE_MS,
    eventsHeard: () => deps.bus.connected,
  });
  const stopEvents = deps.bus.subscribe((event) => service.onBusEvent(event));
  const stopStates = deps.bus.onStateChange(() => service.checkSlotsListening());
  return {
    name: "bookings",
    personalData: bookingsPersonalData,
    service,
    routes: (app) => registerBookingsRoutes(app, service),
    jobs: [
      defineJob<{ bookingId: string; step: BookingStep; version: number }>({
        name: STEP_JOB,
        handle: (data) => service.runStep(data),
      }),
    ],
    timers: [
      {
        name: "booking steps",
        everyMs: Math.max(config.SESSION_BILLER_INTERVAL_MS, MIN_SWEEP_MS),
        run: () => service.queueDueSteps(),
      },
      {
        name: "reader calendars for slot lists",
        everyMs: CALENDARS_CHECK_MS,
        run: async () => {
          service.checkSlotsListening();
          await service.refreshCalendars();
        },
      },
    ],
    close: async () => {
      stopEvents();
      stopStates();
    },
  };
}
