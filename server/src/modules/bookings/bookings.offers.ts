import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { BookingsContext } from "./bookings.context.js";
import { BOOKED_SOON_MS, bookingPriceCents, DEFAULT_AVAILABILITY, MINUTE_MS } from "./bookings.rules.js";
import type { AvailabilityInput } from "./bookings.schemas.js";
import { availabilityProblems, generateSlots, isValidTimeZone, type SlotRules } from "./bookings.slots.js";

/** The longest window one slot list covers. */
const MAX_SLOT_WINDOW_DAYS = 62;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * What a reader offers: their hours and rules (the availability page), what a client may book
 * with them, the open slots, and the checks a booking's reader, modality, length and price pass.
 */
export function createOffers(ctx: BookingsContext) {
  const { db, repository, now } = ctx;
  const deps = ctx;

  async function rulesOf(readerUserId: string, lengthMinutes: number) {
    const availability = await repository.availabilityOf(db, readerUserId);
    if (!availability) return null;
    const rules: SlotRules = {
      timeZone: availability.timeZone,
      weekly: availability.weekly,
      exceptions: availability.exceptions,
      lengthMinutes,
      bufferMinutes: availability.bufferMinutes,
      minNoticeMinutes: availability.minNoticeMinutes,
      horizonDays: availability.horizonDays,
    };
    return { availability, rules };
  }

  /** The reader's busy time as the slot rules read it: each booking with the buffer it was made with. */
  async function busyFor(
    readerUserId: string,
    from: Date,
    to: Date,
    bufferMinutes: number,
    exceptId?: string,
  ) {
    const rows = await repository.busyOf(db, readerUserId, from, to, exceptId);
    return rows.map((row) => ({
      startsAt: row.startsAt,
      // The slot rule adds the current buffer after each busy end; the stored end already has its own.
      endsAt: new Date(
        Math.max(row.startsAt.getTime(), row.blockedUntil.getTime() - bufferMinutes * MINUTE_MS),
      ),
    }));
  }

  /** A bookable reader offering this modality and length, with the price; typed errors otherwise. */
  async function offer(readerUserId: string, modality: string, lengthMinutes: number) {
    const reader = await deps.readers.bookable(readerUserId);
    if (!reader) throw new DomainError("NOT_FOUND", "No such reader.");
    const found = await rulesOf(readerUserId, lengthMinutes);
    if (!found || !reader.scheduledRateCents)
      throw new DomainError("CONFLICT", `${reader.displayName} does not take bookings yet.`);
    const { availability, rules } = found;
    if (!availability.modalities.includes(modality as never))
      throw new DomainError(
        "VALIDATION_FAILED",
        `${reader.displayName} does not offer ${modality} bookings.`,
        [{ path: "/modality", message: "not offered" }],
      );
    if (!availability.lengthsMinutes.includes(lengthMinutes))
      throw new DomainError(
        "VALIDATION_FAILED",
        `${reader.displayName} does not offer ${lengthMinutes}-minute bookings.`,
        [{ path: "/lengthMinutes", message: "not offered" }],
      );
    return {
      reader,
      availability,
      rules,
      ratePerMinuteCents: reader.scheduledRateCents,
      priceCents: bookingPriceCents(reader.scheduledRateCents, lengthMinutes),
    };
  }

  function parseInstant(text: string, path: string) {
    const at = new Date(text);
    if (Number.isNaN(at.getTime()))
      throw new DomainError("VALIDATION_FAILED", "That is not a valid time.", [{ path, message: "invalid" }]);
    return at;
  }

  const offers = {
    rulesOf,
    busyFor,
    offer,
    parseInstant,
    /** The reader's hours and rules (the defaults until saved) and their scheduled rate. */
    myAvailability: (principal: Principal) => offers.availabilityOf(principal.userId),

    async availabilityOf(readerUserId: string) {
      const reader = await deps.readers.bookingTerms(readerUserId);
      const saved = await repository.availabilityOf(db, readerUserId);
      const availability: AvailabilityInput = saved
        ? {
            timeZone: saved.timeZone,
            weekly: saved.weekly,
            exceptions: saved.exceptions,
            lengthsMinutes: saved.lengthsMinutes as AvailabilityInput["lengthsMinutes"],
            modalities: saved.modalities,
            bufferMinutes: saved.bufferMinutes,
            minNoticeMinutes: saved.minNoticeMinutes,
            horizonDays: saved.horizonDays,
          }
        : {
            timeZone: reader?.timeZone ?? "UTC",
            weekly: [],
            exceptions: [],
            lengthsMinutes: [30, 60],
            modalities: ["chat"],
            ...DEFAULT_AVAILABILITY,
          };
      return { availability, saved: Boolean(saved), scheduledRateCents: reader?.scheduledRateCents ?? null };
    },

    saveAvailability: (principal: Principal, input: AvailabilityInput) =>
      offers.setAvailabilityOf(principal.userId, input),

    /** Sets a reader's hours (their availability page, or the demo seed). */
    async setAvailabilityOf(readerUserId: string, input: AvailabilityInput) {
      if (!isValidTimeZone(input.timeZone))
        throw new DomainError("VALIDATION_FAILED", "Choose a real time zone.", [
          { path: "/timeZone", message: "unknown time zone" },
        ]);
      const problems = availabilityProblems(input.weekly, input.exceptions);
      if (problems.length > 0)
        throw new DomainError("VALIDATION_FAILED", problems[0]?.message ?? "Check the hours.", problems);
      await repository.saveAvailability(db, {
        readerUserId,
        timeZone: input.timeZone,
        weekly: [...input.weekly].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
        exceptions: [...input.exceptions].sort((a, b) => a.date.localeCompare(b.date)),
        lengthsMinutes: [...input.lengthsMinutes].sort((a, b) => a - b),
        modalities: input.modalities,
        bufferMinutes: input.bufferMinutes,
        minNoticeMinutes: input.minNoticeMinutes,
        horizonDays: input.horizonDays,
        updatedAt: now(),
      });
      return offers.availabilityOf(readerUserId);
    },

    /** What a client may book with a reader, for the reader's page. */
    async options(readerUserId: string) {
      const at = now();
      const reader = await deps.readers.bookable(readerUserId);
      const availability = reader ? await repository.availabilityOf(db, readerUserId) : null;
      const bookedSoon = reader
        ? await repository.hasBookingSoon(db, readerUserId, at, new Date(at.getTime() + BOOKED_SOON_MS))
        : false;
      return {
        readerUserId,
        bookable: Boolean(
          reader?.scheduledRateCents &&
            availability &&
            availability.weekly.length + availability.exceptions.length > 0,
        ),
        readerTimeZone: availability?.timeZone ?? null,
        modalities: availability?.modalities ?? [],
        lengthsMinutes: availability?.lengthsMinutes ?? [],
        ratePerMinuteCents: reader?.scheduledRateCents ?? null,
        minNoticeMinutes: availability?.minNoticeMinutes ?? DEFAULT_AVAILABILITY.minNoticeMinutes,
        horizonDays: availability?.horizonDays ?? DEFAULT_AVAILABILITY.horizonDays,
        bookedSoon,
      };
    },

    /** The slots of one reader for one modality and length in [from, to) (default: the next 30 days). */
    async slots(
      readerUserId: string,
      query: { modality: string; lengthMinutes: number; from?: string; to?: string },
    ) {
      const at = now();
      const from = query.from ? parseInstant(query.from, "/from") : at;
      const to = query.to ? parseInstant(query.to, "/to") : new Date(from.getTime() + 30 * DAY_MS);
      if (to <= from)
        throw new DomainError("VALIDATION_FAILED", "The end of the window must be after its start.", [
          { path: "/to", message: "not after from" },
        ]);
      if (to.getTime() - from.getTime() > MAX_SLOT_WINDOW_DAYS * DAY_MS)
        throw new DomainError(
          "VALIDATION_FAILED",
          `Ask for at most ${MAX_SLOT_WINDOW_DAYS} days at a time.`,
          [{ path: "/to", message: "window too long" }],
        );
      const { rules, availability, priceCents } = await offer(
        readerUserId,
        query.modality,
        query.lengthMinutes,
      );
      const busy = await busyFor(
        readerUserId,
        new Date(from.getTime() - DAY_MS),
        new Date(to.getTime() + DAY_MS),
        availability.bufferMinutes,
      );
      const slots = generateSlots(rules, busy, { now: at, from, to });
      return {
        slots: slots.map((slot) => slot.toISOString()),
        from: from.toISOString(),
        to: to.toISOString(),
        priceCents,
      };
    },
  };
  return offers;
}

export type Offers = ReturnType<typeof createOffers>;
