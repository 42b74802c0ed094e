import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  availabilityProblems,
  BOOKING_LENGTHS_MINUTES,
  type DateException,
  generateSlots,
  type Interval,
  isOfferedSlot,
  isValidTimeZone,
  parseWallTime,
  type SlotRules,
  type WeeklyRange,
} from "./bookings.slots.js";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const ZONES = [
  "America/New_York",
  "Europe/London",
  "Australia/Sydney",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Pacific/Chatham",
  "UTC",
  "America/Los_Angeles",
] as const;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const at = (iso: string) => new Date(iso);
const isoList = (dates: readonly Date[]) => dates.map((date) => date.toISOString());

function rulesOf(overrides: Partial<SlotRules> = {}): SlotRules {
  return {
    timeZone: "UTC",
    weekly: EVERY_DAY.map((weekday) => ({ weekday, start: "09:00", end: "12:00" })),
    exceptions: [],
    lengthMinutes: 15,
    bufferMinutes: 0,
    minNoticeMinutes: 0,
    horizonDays: 365,
    ...overrides,
  };
}

/** Slots of fixed cases: now a day before the window, which is given in UTC. */
function slotsBetween(rules: SlotRules, fromIso: string, toIso: string, busy: Interval[] = []) {
  const now = new Date(Date.parse(fromIso) - DAY_MS);
  return isoList(generateSlots(rules, busy, { now, from: at(fromIso), to: at(toIso) }));
}

// ---- An independent reading of the rules, through Intl rather than Luxon. ----

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Local date, minute of the day, second, and offset of an instant in a zone. */
function wallOf(timeZone: string, ms: number) {
  const parts = Object.fromEntries(
    formatterOf(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  const [hour, minute, second] = [Number(parts.hour), Number(parts.minute), Number(parts.second)];
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second) + (((ms % 1000) + 1000) % 1000);
  const date = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { date, minuteOfDay: hour * 60 + minute, second, millisecond: wallMs % 1000, offsetMs: wallMs - ms };
}

const toMinutes = (text: string) => {
  const [hours, minutes] = text.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** The ranges (in minutes) of one local date, read straight from the rules. */
function rangesOfDate(rules: SlotRules, date: string): [number, number][] {
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const exceptions = rules.exceptions.filter((exception) => exception.date === date);
  const weekly = exceptions.some((exception) => exception.kind === "off")
    ? []
    : rules.weekly.filter((range) => range.weekday === weekday);
  const extra = exceptions
    .filter((exception) => exception.kind === "extra")
    .flatMap((exception) => exception.ranges);
  return [...weekly, ...extra].map((range) => [toMinutes(range.start), toMinutes(range.end)]);
}

const covered = (ranges: [number, number][], minute: number) =>
  ranges.some(([start, end]) => start <= minute && minute < end);

/** Does every instant of [startMs, startMs + lengthMs) lie in the hours of the start's local date? */
function insideHours(rules: SlotRules, startMs: number, lengthMs: number): boolean {
  const first = wallOf(rules.timeZone, startMs);
  const last = wallOf(rules.timeZone, startMs + lengthMs - 1);
  const ranges = rangesOfDate(rules, first.date);
  if (first.offsetMs === last.offsetMs) {
    // One offset throughout (a slot is far shorter than the time between two changes): wall time is linear.
    if (last.date !== first.date) return false;
    for (let minute = first.minuteOfDay; minute <= last.minuteOfDay; minute++)
      if (!covered(ranges, minute)) return false;
    return true;
  }
  // The offset changes inside the slot (on a whole minute): check every minute.
  for (let elapsedMs = 0; elapsedMs < lengthMs; elapsedMs += MINUTE_MS) {
    const wall = wallOf(rules.timeZone, startMs + elapsedMs);
    if (wall.date !== first.date || !covered(ranges, wall.minuteOfDay)) return false;
  }
  return true;
}

const keepsBuffer = (rules: SlotRules, busy: readonly Interval[], startMs: number) =>
  busy.every((interval) => {
    const bufferMs = rules.bufferMinutes * MINUTE_MS;
    const endMs = startMs + rules.lengthMinutes * MINUTE_MS;
    return endMs + bufferMs <= interval.startsAt.getTime() || startMs >= interval.endsAt.getTime() + bufferMs;
  });

function isQuarterHour(timeZone: string, ms: number) {
  const wall = wallOf(timeZone, ms);
  return wall.minuteOfDay % 15 === 0 && wall.second === 0 && wall.millisecond === 0;
}

/** Every rule of the product, checked one candidate at a time. */
function referenceOffered(scenario: Scenario, startMs: number): boolean {
  const { rules, busy, now, from, to } = scenario;
  return (
    startMs >= from.getTime() &&
    startMs < to.getTime() &&
    startMs >= now.getTime() + rules.minNoticeMinutes * MINUTE_MS &&
    startMs < now.getTime() + rules.horizonDays * DAY_MS &&
    isQuarterHour(rules.timeZone, startMs) &&
    insideHours(rules, startMs, rules.lengthMinutes * MINUTE_MS) &&
    keepsBuffer(rules, busy, startMs)
  );
}

// ---- Random scenarios. ----

interface Scenario {
  rules: SlotRules;
  busy: Interval[];
  now: Date;
  from: Date;
  to: Date;
}

const wallText = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

const minuteArb = fc.oneof(
  fc.integer({ min: 0, max: 96 }).map((quarter) => quarter * 15),
  fc.integer({ min: 0, max: 1440 }),
);
const rangeArb = fc
  .tuple(minuteArb, minuteArb)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ start: wallText(Math.min(a, b)), end: wallText(Math.max(a, b)) }));
const weeklyArb: fc.Arbitrary<WeeklyRange[]> = fc.array(
  fc.record({ weekday: fc.integer({ min: 1, max: 7 }), range: rangeArb }).map(({ weekday, range }) => ({
    weekday,
    ...range,
  })),
  { maxLength: 16 },
);

/** Offset changes of 2026–2027 in the zones above, so random scenarios often straddle one. */
const CHANGES = [
  "2026-03-08T07:00:00Z",
  "2026-11-01T06:00:00Z",
  "2027-03-14T07:00:00Z",
  "2027-11-07T06:00:00Z",
  "2026-03-29T01:00:00Z",
  "2026-10-25T01:00:00Z",
  "2027-03-28T01:00:00Z",
  "2027-10-31T01:00:00Z",
  "2026-04-04T16:00:00Z",
  "2026-10-03T16:00:00Z",
  "2027-04-03T16:00:00Z",
  "2027-10-02T16:00:00Z",
  "2026-04-04T14:00:00Z",
  "2026-09-26T14:00:00Z",
  "2026-03-08T10:00:00Z",
  "2026-11-01T09:00:00Z",
].map((iso) => Date.parse(iso));
const nowArb = fc.oneof(
  fc.integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2027-12-31T00:00:00Z") }),
  fc
    .tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -6 * DAY_MS, max: 2 * DAY_MS }))
    .map(([change, shift]) => change + shift),
);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekly: weeklyArb,
    nowMs: nowArb,
    lengthMinutes: fc.constantFrom(...BOOKING_LENGTHS_MINUTES),
    bufferMinutes: fc.integer({ min: 0, max: 30 }),
    minNoticeMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_000 })),
    horizonDays: fc.integer({ min: 1, max: 10 }),
    fromShiftMs: fc.integer({ min: -DAY_MS, max: 3 * DAY_MS }),
    windowMs: fc.integer({ min: 0, max: 9 * DAY_MS }),
    exceptions: fc.uniqueArray(
      fc.record({
        dayShift: fc.integer({ min: -2, max: 12 }),
        kind: fc.constantFrom("off" as const, "extra" as const),
        ranges: fc.array(rangeArb, { minLength: 1, maxLength: 3 }),
      }),
      { selector: (exception) => exception.dayShift, maxLength: 5 },
    ),
    busy: fc.array(
      fc.record({
        startShiftMs: fc.oneof(
          fc.integer({ min: -DAY_MS, max: 12 * DAY_MS }),
          fc.integer({ min: -96, max: 12 * 96 }).map((quarter) => quarter * 15 * MINUTE_MS),
        ),
        lengthMs: fc.integer({ min: 1, max: 180 * MINUTE_MS }),
      }),
      { maxLength: 12 },
    ),
  })
  .map((input) => {
    const todayMs = Math.floor(input.nowMs / DAY_MS) * DAY_MS;
    const exceptions: DateException[] = input.exceptions.map((exception) => ({
      date: new Date(todayMs + exception.dayShift * DAY_MS).toISOString().slice(0, 10),
      kind: exception.kind,
      ranges: exception.kind === "off" ? [] : exception.ranges,
    }));
    const busyStartMs = (shiftMs: number) => (shiftMs % MINUTE_MS === 0 ? todayMs : input.nowMs) + shiftMs;
    return {
      rules: {
        timeZone: input.timeZone,
        weekly: input.weekly,
        exceptions,
        lengthMinutes: input.lengthMinutes,
        bufferMinutes: input.bufferMinutes,
        minNoticeMinutes: input.minNoticeMinutes,
        horizonDays: input.horizonDays,
      },
      busy: input.busy.map((interval) => ({
        startsAt: new Date(busyStartMs(interval.startShiftMs)),
        endsAt: new Date(busyStartMs(interval.startShiftMs) + interval.lengthMs),
      })),
      now: new Date(input.nowMs),
      from: new Date(input.nowMs + input.fromShiftMs),
      to: new Date(input.nowMs + input.fromShiftMs + input.windowMs),
    };
  });

const slotsOf = (scenario: Scenario) =>
  generateSlots(scenario.rules, scenario.busy, { now: scenario.now, from: scenario.from, to: scenario.to });

const RUNS = { numRuns: 150 };

describe("generateSlots, properties over random hours, zones and busy time", () => {
  it("never offers a slot that overlaps a busy interval widened by the buffer", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        for (const slot of slotsOf(scenario))
          expect(keepsBuffer(scenario.rules, scenario.busy, slot.getTime()), slot.toISOString()).toBe(true);
      }),
      RUNS,
    );
  });

  it("never offers a slot outside the hours of its start's local date", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const lengthMs = scenario.rules.lengthMinutes * MINUTE_MS;
        for (const slot of slotsOf(scenario))
          expect(insideHours(scenario.rules, slot.getTime(), lengthMs), slot.toISOString()).toBe(true);
      }),
      RUNS,
    );
  });

  it("never offers a start inside the minimum notice, past the horizon, or outside [from, to)", () => {
    fc.assert(
      fc.property(scenarioArb, ({ rules, busy, now, from, to }) => {
        const earliestMs = now.getTime() + rules.minNoticeMinutes * MINUTE_MS;
        const horizonMs = now.getTime() + rules.horizonDays * DAY_MS;
        for (const slot of generateSlots(rules, busy, { now, from, to })) {
          expect(slot.getTime()).toBeGreaterThanOrEqual(Math.max(earliestMs, from.getTime()));
          expect(slot.getTime()).toBeLessThan(Math.min(horizonMs, to.getTime()));
        }
      }),
      RUNS,
    );
  });

  it("starts on local quarter hours, ascending and unique", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const slots = slotsOf(scenario);
        for (const slot of slots) expect(isQuarterHour(scenario.rules.timeZone, slot.getTime())).toBe(true);
        for (let index = 1; index < slots.length; index++)
          expect(slots[index]?.getTime()).toBeGreaterThan(slots[index - 1]?.getTime() ?? Number.NaN);
      }),
      RUNS,
    );
  });

  it("offers exactly the starts a candidate-by-candidate reading of the rules allows", () => {
    // Every zone here has offsets in whole quarter hours, so local quarter hours are UTC quarter hours.
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const expected: string[] = [];
        const firstMs = Math.ceil(scenario.from.getTime() / (15 * MINUTE_MS)) * 15 * MINUTE_MS;
        for (let startMs = firstMs; startMs < scenario.to.getTime(); startMs += 15 * MINUTE_MS) {
          expect(Math.abs(wallOf(scenario.rules.timeZone, startMs).offsetMs % (15 * MINUTE_MS))).toBe(0);
          if (referenceOffered(scenario, startMs)) expected.push(new Date(startMs).toISOString());
        }
        expect(isoList(slotsOf(scenario))).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("isOfferedSlot agrees with generateSlots on offered slots and on other instants", () => {
    const probeArb = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(scenarioArb, probeArb, (scenario, probes) => {
        const { rules, busy, now, from, to } = scenario;
        const offered = generateSlots(rules, busy, { now, from, to });
        for (const slot of offered)
          expect(isOfferedSlot(rules, busy, now, slot), slot.toISOString()).toBe(true);
        const offeredMs = new Set(offered.map((slot) => slot.getTime()));
        for (const [fraction, onQuarterHour] of probes) {
          const rawMs = Math.floor(from.getTime() + fraction * (to.getTime() - from.getTime()));
          const probeMs = onQuarterHour ? Math.floor(rawMs / (15 * MINUTE_MS)) * 15 * MINUTE_MS : rawMs;
          if (probeMs < from.getTime() || probeMs >= to.getTime()) continue;
          expect(isOfferedSlot(rules, busy, now, new Date(probeMs)), new Date(probeMs).toISOString()).toBe(
            offeredMs.has(probeMs),
          );
        }
      }),
      RUNS,
    );
  });
});

describe("generateSlots across daylight-saving changes", () => {
  // [zone, change date, first 09:00 slot the day before, the day of, and the day after (UTC, by hand)]
  const changes: [string, string, string, string, string][] = [
    [
      "America/New_York",
      "2026-03-08",
      "2026-03-07T14:00:00Z",
      "2026-03-08T13:00:00Z",
      "2026-03-09T13:00:00Z",
    ],
    [
      "America/New_York",
      "2026-11-01",
      "2026-10-31T13:00:00Z",
      "2026-11-01T14:00:00Z",
      "2026-11-02T14:00:00Z",
    ],
    [
      "America/New_York",
      "2027-03-14",
      "2027-03-13T14:00:00Z",
      "2027-03-14T13:00:00Z",
      "2027-03-15T13:00:00Z",
    ],
    [
      "America/New_York",
      "2027-11-07",
      "2027-11-06T13:00:00Z",
      "2027-11-07T14:00:00Z",
      "2027-11-08T14:00:00Z",
    ],
    ["Europe/London", "2026-03-29", "2026-03-28T09:00:00Z", "2026-03-29T08:00:00Z", "2026-03-30T08:00:00Z"],
    ["Europe/London", "2026-10-25", "2026-10-24T08:00:00Z", "2026-10-25T09:00:00Z", "2026-10-26T09:00:00Z"],
    ["Europe/London", "2027-03-28", "2027-03-27T09:00:00Z", "2027-03-28T08:00:00Z", "2027-03-29T08:00:00Z"],
    ["Europe/London", "2027-10-31", "2027-10-30T08:00:00Z", "2027-10-31T09:00:00Z", "2027-11-01T09:00:00Z"],
    [
      "Australia/Sydney",
      "2026-04-05",
      "2026-04-03T22:00:00Z",
      "2026-04-04T23:00:00Z",
      "2026-04-05T23:00:00Z",
    ],
    [
      "Australia/Sydney",
      "2026-10-04",
      "2026-10-02T23:00:00Z",
      "2026-10-03T22:00:00Z",
      "2026-10-04T22:00:00Z",
    ],
    [
      "Australia/Sydney",
      "2027-04-04",
      "2027-04-02T22:00:00Z",
      "2027-04-03T23:00:00Z",
      "2027-04-04T23:00:00Z",
    ],
    [
      "Australia/Sydney",
      "2027-10-03",
      "2027-10-01T23:00:00Z",
      "2027-10-02T22:00:00Z",
      "2027-10-03T22:00:00Z",
    ],
  ];
  // Spring-forward changes lose an hour, fall-back changes repeat one.
  const springForward = new Set([
    "2026-03-08",
    "2027-03-14",
    "2026-03-29",
    "2027-03-28",
    "2026-10-04",
    "2027-10-03",
  ]);

  it.each(changes)(
    "%s around %s: a weekly 09:00–12:00 starts at 09:00 local every day",
    (timeZone, _date, ...firsts) => {
      const rules = rulesOf({ timeZone, lengthMinutes: 60 });
      for (const first of firsts) {
        const dayStart = new Date(Date.parse(first) - 9 * 60 * MINUTE_MS).toISOString();
        const dayEnd = new Date(Date.parse(first) + 9 * 60 * MINUTE_MS).toISOString();
        const slots = slotsBetween(rules, dayStart, dayEnd);
        const firstMs = Date.parse(first);
        const expected = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((quarter) =>
          new Date(firstMs + quarter * 15 * MINUTE_MS).toISOString(),
        );
        expect(slots).toEqual(expected);
      }
    },
  );

  it.each(changes)("%s on %s: 00:00–04:00 has as many starts as its real length allows", (timeZone, date) => {
    const realMinutes = springForward.has(date) ? 180 : 300;
    for (const lengthMinutes of BOOKING_LENGTHS_MINUTES) {
      const rules = rulesOf({
        timeZone,
        lengthMinutes,
        weekly: [],
        exceptions: [{ date, kind: "extra", ranges: [{ start: "00:00", end: "04:00" }] }],
      });
      const dayMs = Date.parse(`${date}T00:00:00Z`);
      const slots = slotsBetween(
        rules,
        new Date(dayMs - 2 * DAY_MS).toISOString(),
        new Date(dayMs + 2 * DAY_MS).toISOString(),
      );
      expect(slots).toHaveLength((realMinutes - lengthMinutes) / 15 + 1);
      for (const slot of slots) expect(wallOf(timeZone, Date.parse(slot)).date).toBe(date);
    }
  });

  function nightOf(timeZone: string, date: string, start: string, end: string, lengthMinutes: number) {
    const rules = rulesOf({
      timeZone,
      lengthMinutes,
      weekly: [],
      exceptions: [{ date, kind: "extra", ranges: [{ start, end }] }],
    });
    const dayMs = Date.parse(`${date}T00:00:00Z`);
    return slotsBetween(
      rules,
      new Date(dayMs - DAY_MS).toISOString(),
      new Date(dayMs + 2 * DAY_MS).toISOString(),
    );
  }

  it("New York spring-forward: 01:00–04:00 is two real hours (02:00–03:00 does not exist)", () => {
    expect(nightOf("America/New_York", "2026-03-08", "01:00", "04:00", 60)).toEqual([
      "2026-03-08T06:00:00.000Z", // 01:00 EST
      "2026-03-08T06:15:00.000Z",
      "2026-03-08T06:30:00.000Z",
      "2026-03-08T06:45:00.000Z",
      "2026-03-08T07:00:00.000Z", // 03:00 EDT, ends 04:00 EDT
    ]);
    expect(nightOf("America/New_York", "2026-03-08", "01:00", "04:00", 15)).toHaveLength(8);
  });

  it("New York spring-forward: a range starting or ending inside the missing hour", () => {
    // Wall times from 02:30 exist only from 03:00 EDT (07:00Z) on.
    expect(nightOf("America/New_York", "2026-03-08", "02:30", "04:00", 15)).toEqual([
      "2026-03-08T07:00:00.000Z",
      "2026-03-08T07:15:00.000Z",
      "2026-03-08T07:30:00.000Z",
      "2026-03-08T07:45:00.000Z",
    ]);
    // Wall times before 02:30 end at 02:00 EST (07:00Z).
    expect(nightOf("America/New_York", "2026-03-08", "00:00", "02:30", 60)).toEqual([
      "2026-03-08T05:00:00.000Z",
      "2026-03-08T05:15:00.000Z",
      "2026-03-08T05:30:00.000Z",
      "2026-03-08T05:45:00.000Z",
      "2026-03-08T06:00:00.000Z",
    ]);
  });

  it("New York fall-back: the repeated hour gives two starts for each wall time", () => {
    // 01:00–02:00 happens twice: 05:00Z–06:00Z (EDT) then 06:00Z–07:00Z (EST), one two-hour run.
    expect(nightOf("America/New_York", "2026-11-01", "01:00", "02:00", 30)).toEqual([
      "2026-11-01T05:00:00.000Z",
      "2026-11-01T05:15:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-01T05:45:00.000Z", // 01:45 EDT to 01:15 EST
      "2026-11-01T06:00:00.000Z",
      "2026-11-01T06:15:00.000Z",
      "2026-11-01T06:30:00.000Z",
    ]);
    // From 01:30: 01:30–01:59 EDT, then (after 01:00–01:29 EST, outside the range) 01:30 EST to 03:00 EST.
    expect(nightOf("America/New_York", "2026-11-01", "01:30", "03:00", 30)).toEqual([
      "2026-11-01T05:30:00.000Z",
      "2026-11-01T06:30:00.000Z",
      "2026-11-01T06:45:00.000Z",
      "2026-11-01T07:00:00.000Z",
      "2026-11-01T07:15:00.000Z",
      "2026-11-01T07:30:00.000Z",
    ]);
  });

  it("London fall-back and Sydney spring-forward nights, by hand", () => {
    // 01:00 BST is 00:00Z; 02:00 GMT is 02:00Z.
    expect(nightOf("Europe/London", "2026-10-25", "01:00", "02:00", 60)).toEqual([
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T00:15:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T00:45:00.000Z",
      "2026-10-25T01:00:00.000Z",
    ]);
    // 01:00 AEST is 15:00Z the day before; 02:00 AEST jumps to 03:00 AEDT at 16:00Z; 04:00 AEDT is 17:00Z.
    expect(nightOf("Australia/Sydney", "2026-10-04", "01:00", "04:00", 60)).toEqual([
      "2026-10-03T15:00:00.000Z",
      "2026-10-03T15:15:00.000Z",
      "2026-10-03T15:30:00.000Z",
      "2026-10-03T15:45:00.000Z",
      "2026-10-03T16:00:00.000Z",
    ]);
  });

  it("half- and quarter-hour zones keep local quarter hours", () => {
    const june = (timeZone: string) =>
      slotsBetween(
        rulesOf({ timeZone, lengthMinutes: 60 }),
        "2026-05-31T12:00:00Z",
        "2026-06-01T12:00:00Z",
      )[0];
    expect(june("Asia/Kathmandu")).toBe("2026-06-01T03:15:00.000Z"); // 09:00 +05:45
    expect(june("Asia/Kolkata")).toBe("2026-06-01T03:30:00.000Z"); // 09:00 +05:30
    expect(june("Pacific/Chatham")).toBe("2026-05-31T20:15:00.000Z"); // 09:00 +12:45
  });
});

describe("generateSlots rules", () => {
  const monday = "2026-06-01"; // a Monday

  it("an off date has no slots and an extra date adds hours (merged with the weekly ones)", () => {
    const day = (exceptions: DateException[], lengthMinutes = 15) =>
      slotsBetween(rulesOf({ exceptions, lengthMinutes }), `${monday}T00:00:00Z`, "2026-06-02T00:00:00Z");
    expect(day([])).toHaveLength(12);
    expect(day([{ date: monday, kind: "off", ranges: [] }])).toEqual([]);
    expect(day([{ date: "2026-06-02", kind: "off", ranges: [] }])).toHaveLength(12);
    expect(day([{ date: monday, kind: "extra", ranges: [{ start: "14:00", end: "15:00" }] }])).toEqual([
      ...day([]),
      "2026-06-01T14:00:00.000Z",
      "2026-06-01T14:15:00.000Z",
      "2026-06-01T14:30:00.000Z",
      "2026-06-01T14:45:00.000Z",
    ]);
    // 09:00–12:00 and an extra 11:30–13:00 make 09:00–13:00: an hour from 11:45 fits.
    const merged = day([{ date: monday, kind: "extra", ranges: [{ start: "11:30", end: "13:00" }] }], 60);
    expect(merged.at(-1)).toBe("2026-06-01T12:00:00.000Z");
    expect(merged).toContain("2026-06-01T11:45:00.000Z");
  });

  it("touching ranges merge but a slot never crosses local midnight", () => {
    const rules = rulesOf({
      lengthMinutes: 60,
      weekly: [
        { weekday: 1, start: "22:00", end: "23:00" },
        { weekday: 1, start: "23:00", end: "24:00" },
        { weekday: 2, start: "00:00", end: "01:00" },
      ],
    });
    expect(slotsBetween(rules, `${monday}T00:00:00Z`, "2026-06-03T00:00:00Z")).toEqual([
      "2026-06-01T22:00:00.000Z",
      "2026-06-01T22:15:00.000Z",
      "2026-06-01T22:30:00.000Z",
      "2026-06-01T22:45:00.000Z",
      "2026-06-01T23:00:00.000Z",
      "2026-06-02T00:00:00.000Z",
    ]);
  });

  it.each([
    [15, ["09:00", "09:15", "09:30", "10:45", "11:00", "11:15", "11:30", "11:45"]],
    [30, ["09:00", "09:15", "10:45", "11:00", "11:15", "11:30"]],
    [45, ["09:00", "10:45", "11:00", "11:15"]],
    [60, ["10:45", "11:00"]],
  ])(
    "a 10-minute buffer around a busy 10:00–10:30 leaves these %i-minute starts",
    (lengthMinutes, starts) => {
      const busy = [{ startsAt: at(`${monday}T10:00:00Z`), endsAt: at(`${monday}T10:30:00Z`) }];
      const rules = rulesOf({ lengthMinutes, bufferMinutes: 10 });
      expect(slotsBetween(rules, `${monday}T00:00:00Z`, "2026-06-02T00:00:00Z", busy)).toEqual(
        starts.map((time) => `${monday}T${time}:00.000Z`),
      );
    },
  );

  it("a start exactly at the buffer's edge is offered on both sides", () => {
    // 30 minutes + 15 buffer: 09:15 ends 09:45, +15 = 10:00 (allowed); 10:45 = 10:30 + 15 (allowed).
    const busy = [{ startsAt: at(`${monday}T10:00:00Z`), endsAt: at(`${monday}T10:30:00Z`) }];
    const rules = rulesOf({ lengthMinutes: 30, bufferMinutes: 15 });
    expect(slotsBetween(rules, `${monday}T09:15:00Z`, `${monday}T11:00:00Z`, busy)).toEqual([
      `${monday}T09:15:00.000Z`,
      `${monday}T10:45:00.000Z`,
    ]);
    const shifted = [{ startsAt: at(`${monday}T09:59:59.999Z`), endsAt: at(`${monday}T10:30:00.001Z`) }];
    expect(slotsBetween(rules, `${monday}T09:15:00Z`, `${monday}T11:00:00Z`, shifted)).toEqual([]);
  });

  it("busy intervals in any order, overlapping each other, are all kept clear", () => {
    const busy = [
      { startsAt: at(`${monday}T11:00:00Z`), endsAt: at(`${monday}T11:30:00Z`) },
      { startsAt: at(`${monday}T09:00:00Z`), endsAt: at(`${monday}T10:30:00Z`) },
      { startsAt: at(`${monday}T09:15:00Z`), endsAt: at(`${monday}T09:30:00Z`) },
    ];
    expect(slotsBetween(rulesOf(), `${monday}T00:00:00Z`, "2026-06-02T00:00:00Z", busy)).toEqual(
      ["10:30", "10:45", "11:30", "11:45"].map((time) => `${monday}T${time}:00.000Z`),
    );
  });

  it("minimum notice and horizon are exact at their boundaries", () => {
    const window = { from: at(`${monday}T00:00:00Z`), to: at("2026-06-05T00:00:00Z") };
    const first = (rules: SlotRules, nowIso: string) =>
      generateSlots(rules, [], { now: at(nowIso), ...window })[0];
    // Earliest start = now + notice: exactly 09:00 is offered, a millisecond later is not.
    expect(first(rulesOf({ minNoticeMinutes: 60 }), `${monday}T08:00:00.000Z`)?.toISOString()).toBe(
      `${monday}T09:00:00.000Z`,
    );
    expect(first(rulesOf({ minNoticeMinutes: 60 }), `${monday}T08:00:00.001Z`)?.toISOString()).toBe(
      `${monday}T09:15:00.000Z`,
    );
    // Latest start < now + horizon: with now 09:00 and one day, tomorrow's 09:00 is out; a millisecond later it is in.
    const last = (nowIso: string) =>
      generateSlots(rulesOf({ horizonDays: 1 }), [], { now: at(nowIso), ...window }).at(-1);
    expect(last(`${monday}T09:00:00.000Z`)?.toISOString()).toBe(`${monday}T11:45:00.000Z`);
    expect(last(`${monday}T09:00:00.001Z`)?.toISOString()).toBe("2026-06-02T09:00:00.000Z");
    expect(
      isOfferedSlot(
        rulesOf({ horizonDays: 1 }),
        [],
        at(`${monday}T09:00:00.000Z`),
        at("2026-06-02T09:00:00Z"),
      ),
    ).toBe(false);
    expect(
      isOfferedSlot(
        rulesOf({ horizonDays: 1 }),
        [],
        at(`${monday}T09:00:00.001Z`),
        at("2026-06-02T09:00:00Z"),
      ),
    ).toBe(true);
  });

  it("the window is [from, to)", () => {
    expect(slotsBetween(rulesOf(), `${monday}T09:15:00Z`, `${monday}T10:00:00Z`)).toEqual(
      ["09:15", "09:30", "09:45"].map((time) => `${monday}T${time}:00.000Z`),
    );
  });

  it("isOfferedSlot rejects starts off the quarter hour, outside hours and clashing with busy time", () => {
    const now = at("2026-05-01T00:00:00Z");
    const busy = [{ startsAt: at(`${monday}T10:00:00Z`), endsAt: at(`${monday}T10:30:00Z`) }];
    const offered = (iso: string, lengthMinutes = 30) =>
      isOfferedSlot(rulesOf({ lengthMinutes }), busy, now, at(iso));
    expect(offered(`${monday}T09:00:00Z`)).toBe(true);
    expect(offered(`${monday}T09:00:01Z`)).toBe(false);
    expect(offered(`${monday}T09:10:00Z`)).toBe(false);
    expect(offered(`${monday}T09:45:00Z`)).toBe(false);
    expect(offered(`${monday}T11:30:00Z`)).toBe(true);
    expect(offered(`${monday}T11:45:00Z`)).toBe(false);
    expect(offered(`${monday}T08:45:00Z`)).toBe(false);
    expect(offered(`${monday}T11:45:00Z`, 15)).toBe(true);
  });

  it("throws on rules the callers should have rejected", () => {
    const window = {
      now: at("2026-06-01T00:00:00Z"),
      from: at("2026-06-01T00:00:00Z"),
      to: at("2026-06-02T00:00:00Z"),
    };
    expect(() => generateSlots(rulesOf({ timeZone: "Mars/Olympus" }), [], window)).toThrow(/time zone/);
    expect(() => generateSlots(rulesOf({ lengthMinutes: 20 }), [], window)).toThrow(/length/);
    expect(() => generateSlots(rulesOf({ bufferMinutes: 31 }), [], window)).toThrow(/bufferMinutes/);
    expect(() =>
      generateSlots(rulesOf({ weekly: [{ weekday: 1, start: "12:00", end: "09:00" }] }), [], window),
    ).toThrow(/range/);
    expect(() => isOfferedSlot(rulesOf({ lengthMinutes: 90 }), [], window.now, window.from)).toThrow(
      /length/,
    );
  });
});

describe("time zones and wall times", () => {
  it("isValidTimeZone accepts IANA zones and rejects others", () => {
    for (const zone of ZONES) expect(isValidTimeZone(zone)).toBe(true);
    for (const zone of ["", "Mars/Olympus", "Europe/Londn", "not a zone"])
      expect(isValidTimeZone(zone)).toBe(false);
  });

  it("parseWallTime reads HH:MM from 00:00 to 24:00", () => {
    expect(parseWallTime("00:00")).toBe(0);
    expect(parseWallTime("09:05")).toBe(545);
    expect(parseWallTime("23:59")).toBe(1439);
    expect(parseWallTime("24:00")).toBe(1440);
    for (const text of [
      "24:01",
      "25:00",
      "9:00",
      "09:60",
      "09:5",
      " 09:00",
      "09:00:00",
      "",
      "ab:cd",
      "١٢:٠٠",
    ])
      expect(parseWallTime(text), text).toBeNull();
  });
});

describe("availabilityProblems", () => {
  const paths = (weekly: WeeklyRange[], exceptions: DateException[] = []) =>
    availabilityProblems(weekly, exceptions).map((problem) => problem.path);

  it("accepts good hours, including touching ranges and 24:00", () => {
    expect(
      availabilityProblems(
        [
          { weekday: 1, start: "09:00", end: "12:00" },
          { weekday: 1, start: "12:00", end: "24:00" },
          { weekday: 2, start: "09:00", end: "12:00" },
        ],
        [
          { date: "2026-12-25", kind: "off", ranges: [] },
          { date: "2026-12-27", kind: "extra", ranges: [{ start: "00:00", end: "01:00" }] },
        ],
      ),
    ).toEqual([]);
  });

  it("reports malformed times and an end not after the start", () => {
    expect(paths([{ weekday: 1, start: "9:00", end: "12:00" }])).toEqual(["/weekly/0/start"]);
    expect(paths([{ weekday: 1, start: "09:00", end: "24:30" }])).toEqual(["/weekly/0/end"]);
    expect(paths([{ weekday: 1, start: "12:00", end: "12:00" }])).toEqual(["/weekly/0/end"]);
    expect(paths([{ weekday: 1, start: "13:00", end: "12:00" }])).toEqual(["/weekly/0/end"]);
    expect(
      paths([], [{ date: "2026-12-27", kind: "extra", ranges: [{ start: "10:00", end: "09:00" }] }]),
    ).toEqual(["/exceptions/0/ranges/0/end"]);
  });

  it("reports a weekday outside 1..7", () => {
    for (const weekday of [0, 8, 1.5])
      expect(paths([{ weekday, start: "09:00", end: "12:00" }])).toEqual(["/weekly/0/weekday"]);
  });

  it("reports overlapping ranges on one weekday and on one exception date", () => {
    const problems = availabilityProblems(
      [
        { weekday: 3, start: "09:00", end: "17:00" },
        { weekday: 1, start: "09:00", end: "12:00" },
        { weekday: 3, start: "12:00", end: "13:00" },
        { weekday: 1, start: "11:59", end: "14:00" },
        { weekday: 2, start: "11:00", end: "14:00" },
      ],
      [
        {
          date: "2026-12-27",
          kind: "extra",
          ranges: [
            { start: "10:00", end: "11:00" },
            { start: "09:00", end: "10:30" },
          ],
        },
      ],
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      "/weekly/3",
      "/weekly/2",
      "/exceptions/0/ranges/0",
    ]);
    expect(problems[0]?.message).toContain("Monday 11:59–14:00 overlaps 09:00–12:00");
  });

  it("reports bad and duplicate dates, and a day off with hours", () => {
    expect(
      paths(
        [],
        [
          { date: "2026-02-30", kind: "off", ranges: [] },
          { date: "2026-1-05", kind: "off", ranges: [] },
          { date: "2026-03-01", kind: "off", ranges: [] },
          { date: "2026-03-01", kind: "extra", ranges: [{ start: "09:00", end: "10:00" }] },
          { date: "2026-03-02", kind: "off", ranges: [{ start: "09:00", end: "10:00" }] },
        ],
      ),
    ).toEqual(["/exceptions/0/date", "/exceptions/1/date", "/exceptions/3/date", "/exceptions/4/ranges"]);
  });
});
