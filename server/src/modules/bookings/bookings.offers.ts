import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { Bookable, BookingsContext, ReaderCalendar } from "./bookings.context.js";
import type { AvailabilityRow } from "./bookings.repository.js";
import { BOOKED_SOON_MS, bookingPriceCents, DEFAULT_AVAILABILITY, MINUTE_MS } from "./bookings.rules.js";
import type { AvailabilityInput } from "./bookings.schemas.js";
import {
  availabilityProblems,
  type Interval,
  isValidTimeZone,
  preparedSlotStarts,
  prepareSlots,
  type SlotRules,
} from "./bookings.slots.js";

/** The longest window one slot list covers. */
const MAX_SLOT_WINDOW_DAYS = 62;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * A booking as busy time for the slot rules: the rule adds the current buffer after each busy end,
 * and the stored end (`blocked_until`) already has the buffer it was made with, so that comes off.
 */
const busyInterval = (startsMs: number, blockedUntilMs: number, bufferMinutes: number): Interval => ({
  startsAt: new Date(startsMs),
  endsAt: new Date(Math.max(startsMs, blockedUntilMs - bufferMinutes * MINUTE_MS)),
});

/** A calendar's bookings cover its reader's horizon with this much to spare on either side. */
const CALENDAR_MARGIN_MS = 2 * DAY_MS;
/** The longest horizon a reader may set (the availability schema's limit). */
const MAX_HORIZON_DAYS = 366;

/**
 * What a reader offers: their hours and rules (the availability page), what a client may book
 * with them, the open slots, and the checks a booking's reader, modality, length and price pass.
 */
export function createOffers(ctx: BookingsContext) {
  const { db, repository, now } = ctx;
  const deps = ctx;

  const rulesFrom = (availability: AvailabilityRow, lengthMinutes: number): SlotRules => ({
    timeZone: availability.timeZone,
    weekly: availability.weekly,
    exceptions: availability.exceptions,
    lengthMinutes,
    bufferMinutes: availability.bufferMinutes,
    minNoticeMinutes: availability.minNoticeMinutes,
    horizonDays: availability.horizonDays,
  });

  async function rulesOf(readerUserId: string, lengthMinutes: number) {
    const availability = await repository.availabilityOf(db, readerUserId);
    if (!availability) return null;
    return { availability, rules: rulesFrom(availability, lengthMinutes) };
  }

  /** Reads a reader's calendar as of `atMs` (what the node keeps; see ReaderCalendar). */
  async function loadCalendar(readerUserId: string, atMs: number): Promise<ReaderCalendar> {
    const [reader, availability] = await Promise.all([
      deps.readers.bookable(readerUserId),
      repository.availabilityOf(db, readerUserId),
    ]);
    if (!reader || !availability) return { reader, availability, busy: [], fromMs: 0, toMs: 0 };
    const fromMs = atMs - CALENDAR_MARGIN_MS;
    const toMs = atMs + availability.horizonDays * DAY_MS + CALENDAR_MARGIN_MS;
    const busy = await busyFor(readerUserId, new Date(fromMs), new Date(toMs), availability.bufferMinutes);
    return { reader, availability, busy, fromMs, toMs };
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
    return rows.map((row) => busyInterval(row.startsAt.getTime(), row.blockedUntil.getTime(), bufferMinutes));
  }

  /**
   * Whether a calendar holds every booking that can touch a slot offered in [fromMs, toMs) now: a
   * day either side of what may be offered (a kept calendar the clock has run past is read again).
   */
  function covers(calendar: ReaderCalendar, fromMs: number, toMs: number, atMs: number) {
    if (!calendar.availability) return true;
    const lowerMs = Math.max(fromMs, atMs) - DAY_MS;
    const upperMs = Math.min(toMs, atMs + calendar.availability.horizonDays * DAY_MS) + DAY_MS;
    return lowerMs >= calendar.fromMs && upperMs <= calendar.toMs;
  }

  /** A bookable reader offering this modality and length, with the price; typed errors otherwise. */
  async function offer(readerUserId: string, modality: string, lengthMinutes: number) {
    const reader = await deps.readers.bookable(readerUserId);
    const availability = reader ? await repository.availabilityOf(db, readerUserId) : null;
    return offerOf(reader, availability, modality, lengthMinutes);
  }

  /**
   * Every bookable reader's calendar as of `atMs`, in three reads (for a node to keep them all):
   * readers, hours, and the bookings of the longest horizon.
   */
  async function loadAllCalendars(atMs: number): Promise<Map<string, ReaderCalendar>> {
    const fromMs = atMs - CALENDAR_MARGIN_MS;
    const toMs = atMs + MAX_HORIZON_DAYS * DAY_MS + CALENDAR_MARGIN_MS;
    const [readers, hours, busy] = await Promise.all([
      deps.readers.allBookable(),
      repository.allAvailability(db),
      repository.allBusy(db, new Date(fromMs), new Date(toMs)),
    ]);
    const calendars = new Map<string, ReaderCalendar>();
    for (const reader of readers)
      calendars.set(reader.userId, { reader, availability: null, busy: [], fromMs, toMs });
    for (const availability of hours) {
      const calendar = calendars.get(availability.readerUserId);
      if (calendar) calendar.availability = availability;
    }
    for (const row of busy) {
      const calendar = calendars.get(row.reader);
      if (!calendar?.availability) continue;
      calendar.busy.push(busyInterval(row.startsMs, row.blockedUntilMs, calendar.availability.bufferMinutes));
    }
    return calendars;
  }

  function offerOf(
    reader: Bookable,
    availability: AvailabilityRow | null,
    modality: string,
    lengthMinutes: number,
  ) {
    if (!reader) throw new DomainError("NOT_FOUND", "No such reader.");
    if (!availability || !reader.scheduledRateCents)
      throw new DomainError("CONFLICT", `${reader.displayName} does not take bookings yet.`);
    const rules = rulesFrom(availability, lengthMinutes);
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
    loadAllCalendars,
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
      // This node's next slot list reads the new hours (other nodes hear of it from the trigger).
      ctx.calendars.forget([readerUserId]);
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
      const atMs = at.getTime();
      let calendar = await ctx.calendars.get(readerUserId, () => loadCalendar(readerUserId, atMs));
      if (!covers(calendar, from.getTime(), to.getTime(), atMs))
        calendar = await loadCalendar(readerUserId, atMs);
      const { rules, priceCents } = offerOf(
        calendar.reader,
        calendar.availability,
        query.modality,
        query.lengthMinutes,
      );
      calendar.prepared ??= new Map();
      let prepared = calendar.prepared.get(query.lengthMinutes);
      if (!prepared) {
        prepared = prepareSlots(rules, calendar.busy);
        calendar.prepared.set(query.lengthMinutes, prepared);
      }
      const starts = preparedSlotStarts(prepared, { now: at, from, to });
      // Written here as SlotsSchema JSON: a month is about a thousand slots per request, sent as
      // minutes after the window's start minute (docs/decisions/0021-compact-slot-lists.md).
      const baseMs = Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS;
      return slotListJson(
        `{"from":"${from.toISOString()}","to":"${to.toISOString()}","priceCents":${priceCents},"baseAt":"${new Date(
          baseMs,
        ).toISOString()}","startMinutes":[`,
        starts,
        baseMs,
      );
    },
  };
  return offers;
}

export type Offers = ReturnType<typeof createOffers>;

const COMMA = 0x2c;
const DIGIT_ZERO = 0x30;

/**
 * The slot list's JSON: the head, then each start as whole minutes after baseMs written as ASCII
 * digits straight into one buffer (a month is about a thousand numbers; joining strings cost more
 * than computing the slots), then the closing "]}".
 */
export function slotListJson(head: string, starts: readonly number[], baseMs: number): Buffer {
  // A window is at most MAX_SLOT_WINDOW_DAYS (62) days long: under 100,000 minutes, so 5 digits.
  const buffer = Buffer.allocUnsafe(head.length + starts.length * 6 + 2);
  let at = buffer.write(head, 0, "latin1");
  for (let index = 0; index < starts.length; index++) {
    if (index > 0) buffer[at++] = COMMA;
    const exact = ((starts[index] as number) - baseMs) / MINUTE_MS;
    if (!Number.isInteger(exact) || exact < 0 || exact > 99_999)
      throw new Error(`Slot list: start ${starts[index]} is not a whole minute inside the window.`);
    // Small-integer arithmetic, highest digit first, unrolled (about 2.5 times faster than joining
    // strings, and twice as fast as a loop over the powers of ten).
    const minutes = exact | 0;
    if (minutes >= 10_000) buffer[at++] = DIGIT_ZERO + ((minutes / 10_000) | 0);
    if (minutes >= 1_000) buffer[at++] = DIGIT_ZERO + (((minutes / 1_000) | 0) % 10);
    if (minutes >= 100) buffer[at++] = DIGIT_ZERO + (((minutes / 100) | 0) % 10);
    if (minutes >= 10) buffer[at++] = DIGIT_ZERO + (((minutes / 10) | 0) % 10);
    buffer[at++] = DIGIT_ZERO + (minutes % 10);
  }
  buffer[at++] = 0x5d; // ]
  buffer[at++] = 0x7d; // }
  return buffer.subarray(0, at);
}
