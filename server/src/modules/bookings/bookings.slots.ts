import { IANAZone } from "luxon";

/**
 * Bookable slots from a reader's weekly hours, date exceptions and busy time (pure, no I/O).
 *
 * Availability is the set of real instants whose wall time in the reader's zone falls inside a range
 * of that instant's local date. The walk below works in real milliseconds: Luxon gives the zone's
 * offset spans (sampled once a day, a binary search to the minute at each change), each span maps
 * wall time to real time linearly, and each local date's ranges become real-time pieces. Touching
 * pieces of one date join into a run (so a run can pass over a spring-forward gap, and the repeated
 * hour of a fall-back night counts twice). Slot starts are the local quarter hours of a run whose
 * whole length fits in it; no DateTime is created per candidate.
 */

export const BOOKING_LENGTHS_MINUTES = [15, 30, 45, 60] as const;
export type BookingLengthMinutes = (typeof BOOKING_LENGTHS_MINUTES)[number];
export const SLOT_STEP_MINUTES = 15;

/** A weekly range of hours in the reader's zone: ISO weekday (1 = Monday … 7 = Sunday), wall-clock "HH:MM" times, end after start; end may be "24:00". */
export interface WeeklyRange {
  weekday: number;
  start: string;
  end: string;
}
/** A date exception in the reader's zone: "off" removes the whole date; "extra" adds its ranges to that date's weekly hours. */
export interface DateException {
  date: string /* YYYY-MM-DD */;
  kind: "off" | "extra";
  ranges: { start: string; end: string }[];
}
export interface Interval {
  startsAt: Date;
  endsAt: Date;
}
export interface SlotRules {
  timeZone: string; // IANA zone of the reader, e.g. "Europe/London"
  weekly: readonly WeeklyRange[];
  exceptions: readonly DateException[];
  lengthMinutes: number; // one of BOOKING_LENGTHS_MINUTES
  bufferMinutes: number; // 0..30, kept free before and after every existing booking
  minNoticeMinutes: number; // earliest start = now + this
  horizonDays: number; // latest start < now + this many days
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DAY_MINUTES = 1_440;
const SLOT_STEP_MS = SLOT_STEP_MINUTES * MINUTE_MS;
const MAX_BUFFER_MINUTES = 30;
const MAX_HORIZON_DAYS = 366;
/** No zone changes its offset twice within a day, so one offset sample a day finds every change. */
const OFFSET_SAMPLE_MS = DAY_MS;
/** A local date lasts at most 26 hours of real time: two days either side cover every date of a window. */
const LOCAL_DATE_PADDING_MS = 2 * DAY_MS;
const WEEKDAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Minutes after local midnight, end exclusive. */
interface MinuteRange {
  startMinute: number;
  endMinute: number;
}
/** Real time [startMs, endMs) during which the zone's offset is offsetMs. */
interface OffsetSpan {
  startMs: number;
  endMs: number;
  offsetMs: number;
}
/** Real time of one local date that is open, all at one offset. */
interface OpenPiece extends OffsetSpan {
  localDay: number; // days since 1970-01-01 on the local calendar
}
/** Touching open pieces of one local date: a slot must fit inside one run. */
interface OpenRun {
  startMs: number;
  endMs: number;
  pieces: OpenPiece[];
}
interface CompiledRules {
  zone: IANAZone;
  weeklyByWeekday: MinuteRange[][]; // index 1..7
  rangesByExceptionDay: Map<number, MinuteRange[]>;
  lengthMs: number;
  bufferMs: number;
  noticeMs: number;
  horizonMs: number;
}

/** Validates a time zone name (true for IANA zones Luxon/Intl accept, e.g. "America/New_York", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  return typeof zone === "string" && zone.length > 0 && IANAZone.isValidZone(zone);
}

const WALL_TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** "HH:MM" (00:00–24:00) → minutes after midnight, or null when malformed. */
export function parseWallTime(text: string): number | null {
  if (text === "24:00") return DAY_MINUTES;
  const match = typeof text === "string" ? WALL_TIME.exec(text) : null;
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** "YYYY-MM-DD" of a real calendar date → days since 1970-01-01, or null. */
function parseLocalDay(text: string): number | null {
  const match = typeof text === "string" ? /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return at.getTime() / DAY_MS;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day number; day 0 was a Thursday. */
function weekdayOf(localDay: number): number {
  return ((((localDay + 3) % 7) + 7) % 7) + 1;
}

function mergeRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((a, b) => a.startMinute - b.startMinute);
  const merged: MinuteRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.startMinute <= last.endMinute)
      last.endMinute = Math.max(last.endMinute, range.endMinute);
    else merged.push({ ...range });
  }
  return merged;
}

function toMinuteRange(range: { start: string; end: string }, where: string): MinuteRange {
  const startMinute = parseWallTime(range.start);
  const endMinute = parseWallTime(range.end);
  if (startMinute === null || endMinute === null || endMinute <= startMinute)
    throw new Error(`Slot rules: ${where} has a malformed range ${range.start}–${range.end}.`);
  return { startMinute, endMinute };
}

function assertIntegerIn(value: number, min: number, max: number, name: string) {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`Slot rules: ${name} must be an integer from ${min} to ${max}, not ${value}.`);
}

function compileHours(rules: SlotRules): Pick<CompiledRules, "weeklyByWeekday" | "rangesByExceptionDay"> {
  const weekly: MinuteRange[][] = Array.from({ length: 8 }, () => []);
  for (const [index, range] of rules.weekly.entries()) {
    assertIntegerIn(range.weekday, 1, 7, `weekly[${index}].weekday`);
    weekly[range.weekday]?.push(toMinuteRange(range, `weekly[${index}]`));
  }
  const weeklyByWeekday = weekly.map(mergeRanges);
  const offDays = new Set<number>();
  const extras = new Map<number, MinuteRange[]>();
  for (const [index, exception] of rules.exceptions.entries()) {
    const localDay = parseLocalDay(exception.date);
    if (localDay === null) throw new Error(`Slot rules: exceptions[${index}] has a malformed date.`);
    if (exception.kind === "off") offDays.add(localDay);
    const added = exception.kind === "extra" ? exception.ranges : [];
    const list = extras.get(localDay) ?? [];
    for (const range of added) list.push(toMinuteRange(range, `exceptions[${index}]`));
    extras.set(localDay, list);
  }
  const rangesByExceptionDay = new Map<number, MinuteRange[]>();
  for (const [localDay, added] of extras) {
    const base = offDays.has(localDay) ? [] : (weeklyByWeekday[weekdayOf(localDay)] ?? []);
    rangesByExceptionDay.set(localDay, mergeRanges([...base, ...added]));
  }
  return { weeklyByWeekday, rangesByExceptionDay };
}

function compileRules(rules: SlotRules): CompiledRules {
  // IANAZone.create caches the zone and its validity; isValidZone builds a formatter on every call.
  const zone = typeof rules.timeZone === "string" && rules.timeZone ? IANAZone.create(rules.timeZone) : null;
  if (!zone?.isValid) throw new Error(`Slot rules: unknown time zone ${rules.timeZone}.`);
  if (!(BOOKING_LENGTHS_MINUTES as readonly number[]).includes(rules.lengthMinutes))
    throw new Error(
      `Slot rules: length ${rules.lengthMinutes} is not one of ${BOOKING_LENGTHS_MINUTES.join(", ")}.`,
    );
  assertIntegerIn(rules.bufferMinutes, 0, MAX_BUFFER_MINUTES, "bufferMinutes");
  assertIntegerIn(rules.minNoticeMinutes, 0, Number.MAX_SAFE_INTEGER / MINUTE_MS, "minNoticeMinutes");
  assertIntegerIn(rules.horizonDays, 0, MAX_HORIZON_DAYS, "horizonDays");
  return {
    zone,
    ...compileHours(rules),
    lengthMs: rules.lengthMinutes * MINUTE_MS,
    bufferMs: rules.bufferMinutes * MINUTE_MS,
    noticeMs: rules.minNoticeMinutes * MINUTE_MS,
    horizonMs: rules.horizonDays * DAY_MS,
  };
}

function offsetMsAt(zone: IANAZone, atMs: number): number {
  return zone.offset(atMs) * MINUTE_MS;
}

/** The zone's offset spans covering [fromMs, toMs); both ends on whole minutes, as offset changes are. */
function offsetSpans(zone: IANAZone, fromMs: number, toMs: number): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  let spanStartMs = fromMs;
  let offsetMs = offsetMsAt(zone, fromMs);
  for (let sampleMs = fromMs; sampleMs < toMs; ) {
    const nextMs = Math.min(sampleMs + OFFSET_SAMPLE_MS, toMs);
    const nextOffsetMs = offsetMsAt(zone, nextMs);
    if (nextOffsetMs !== offsetMs) {
      // Binary search on whole minutes for the first instant at the new offset.
      let beforeMs = sampleMs;
      let changeMs = nextMs;
      while (changeMs - beforeMs > MINUTE_MS) {
        const middleMs = beforeMs + Math.floor((changeMs - beforeMs) / (2 * MINUTE_MS)) * MINUTE_MS;
        if (offsetMsAt(zone, middleMs) === offsetMs) beforeMs = middleMs;
        else changeMs = middleMs;
      }
      spans.push({ startMs: spanStartMs, endMs: changeMs, offsetMs });
      spanStartMs = changeMs;
      offsetMs = nextOffsetMs;
    }
    sampleMs = nextMs;
  }
  spans.push({ startMs: spanStartMs, endMs: toMs, offsetMs });
  return spans;
}

/** Offset spans of a zone are worked out once for this much real time, and clipped per request. */
const OFFSET_CACHE_SPAN_MS = 400 * DAY_MS;
const MAX_CACHED_ZONES = 1_000;
const offsetSpanCache = new Map<string, { fromMs: number; toMs: number; spans: OffsetSpan[] }>();

/** offsetSpans, from a per-zone cache (each offset lookup costs Luxon an Intl formatting). */
function cachedOffsetSpans(zone: IANAZone, fromMs: number, toMs: number): OffsetSpan[] {
  let entry = offsetSpanCache.get(zone.name);
  if (!entry || fromMs < entry.fromMs || toMs > entry.toMs) {
    const startMs = Math.floor(fromMs / DAY_MS) * DAY_MS;
    const endMs = Math.max(toMs, startMs + OFFSET_CACHE_SPAN_MS);
    entry = { fromMs: startMs, toMs: endMs, spans: offsetSpans(zone, startMs, endMs) };
    if (offsetSpanCache.size >= MAX_CACHED_ZONES) offsetSpanCache.clear();
    offsetSpanCache.set(zone.name, entry);
  }
  const clipped: OffsetSpan[] = [];
  for (const span of entry.spans) {
    if (span.endMs <= fromMs || span.startMs >= toMs) continue;
    clipped.push({
      startMs: Math.max(span.startMs, fromMs),
      endMs: Math.min(span.endMs, toMs),
      offsetMs: span.offsetMs,
    });
  }
  return clipped;
}

function rangesOfDay(rules: CompiledRules, localDay: number): MinuteRange[] {
  return rules.rangesByExceptionDay.get(localDay) ?? rules.weeklyByWeekday[weekdayOf(localDay)] ?? [];
}

/** Open real time as runs, ascending: pieces of each offset span, joined when they touch on one date. */
function openRuns(rules: CompiledRules, spans: readonly OffsetSpan[]): OpenRun[] {
  const runs: OpenRun[] = [];
  for (const span of spans) {
    const wallStartMs = span.startMs + span.offsetMs;
    const wallEndMs = span.endMs + span.offsetMs;
    for (let localDay = Math.floor(wallStartMs / DAY_MS); localDay * DAY_MS < wallEndMs; localDay++) {
      for (const range of rangesOfDay(rules, localDay)) {
        const fromMs = Math.max(wallStartMs, localDay * DAY_MS + range.startMinute * MINUTE_MS);
        const toMs = Math.min(wallEndMs, localDay * DAY_MS + range.endMinute * MINUTE_MS);
        if (fromMs >= toMs) continue;
        const piece = {
          startMs: fromMs - span.offsetMs,
          endMs: toMs - span.offsetMs,
          offsetMs: span.offsetMs,
          localDay,
        };
        const last = runs.at(-1);
        if (last && last.endMs === piece.startMs && last.pieces[0]?.localDay === localDay) {
          last.endMs = piece.endMs;
          last.pieces.push(piece);
        } else runs.push({ startMs: piece.startMs, endMs: piece.endMs, pieces: [piece] });
      }
    }
  }
  return runs;
}

function timeOf(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new Error(`Slot rules: ${name} is not a valid date.`);
  return ms;
}

/**
 * Start instants the busy intervals rule out, merged and ascending: a start s clashes with busy
 * [b0, b1) when s + length + buffer > b0 and s < b1 + buffer, i.e. s in [b0 - buffer - length + 1, b1 + buffer).
 */
function blockedStarts(
  busy: readonly Interval[],
  rules: CompiledRules,
): { startMs: number; endMs: number }[] {
  const blocked = busy
    .map((interval, index) => ({
      startMs: timeOf(interval.startsAt, `busy[${index}].startsAt`) - rules.bufferMs - rules.lengthMs + 1,
      endMs: timeOf(interval.endsAt, `busy[${index}].endsAt`) + rules.bufferMs,
    }))
    .filter((range) => range.startMs < range.endMs)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: { startMs: number; endMs: number }[] = [];
  for (const range of blocked) {
    const last = merged.at(-1);
    if (last && range.startMs <= last.endMs) last.endMs = Math.max(last.endMs, range.endMs);
    else merged.push({ ...range });
  }
  return merged;
}

/** Offered starts in [lowerMs, upperMs), ascending, in milliseconds (`blocked` from blockedStarts). */
function offeredStarts(
  rules: CompiledRules,
  blocked: readonly { startMs: number; endMs: number }[],
  lowerMs: number,
  upperMs: number,
) {
  const starts: number[] = [];
  if (lowerMs >= upperMs) return starts;
  const fromMs = Math.floor((lowerMs - LOCAL_DATE_PADDING_MS) / MINUTE_MS) * MINUTE_MS;
  const toMs = Math.ceil((upperMs + LOCAL_DATE_PADDING_MS) / MINUTE_MS) * MINUTE_MS;
  let blockedIndex = 0;
  for (const run of openRuns(rules, cachedOffsetSpans(rules.zone, fromMs, toMs))) {
    const lastStartMs = Math.min(run.endMs - rules.lengthMs, upperMs - 1);
    for (const piece of run.pieces) {
      const firstMs = Math.max(piece.startMs, lowerMs) + piece.offsetMs;
      // The first local quarter hour at or after firstMs, back in real time.
      let startMs = Math.ceil(firstMs / SLOT_STEP_MS) * SLOT_STEP_MS - piece.offsetMs;
      for (; startMs < piece.endMs && startMs <= lastStartMs; startMs += SLOT_STEP_MS) {
        while (blockedIndex < blocked.length && (blocked[blockedIndex]?.endMs ?? 0) <= startMs)
          blockedIndex++;
        if ((blocked[blockedIndex]?.startMs ?? Number.POSITIVE_INFINITY) > startMs) starts.push(startMs);
      }
    }
  }
  return starts;
}

/** One reader's slot rules and busy time, checked and worked out once for many lists. */
export interface PreparedSlots {
  rules: CompiledRules;
  blocked: { startMs: number; endMs: number }[];
}

export function prepareSlots(rules: SlotRules, busy: readonly Interval[]): PreparedSlots {
  const compiled = compileRules(rules);
  return { rules: compiled, blocked: blockedStarts(busy, compiled) };
}

/** generateSlots as epoch milliseconds, from prepared rules and busy time. */
export function preparedSlotStarts(
  prepared: PreparedSlots,
  window: { now: Date; from: Date; to: Date },
): number[] {
  const nowMs = timeOf(window.now, "now");
  const lowerMs = Math.max(timeOf(window.from, "from"), nowMs + prepared.rules.noticeMs);
  const upperMs = Math.min(timeOf(window.to, "to"), nowMs + prepared.rules.horizonMs);
  return offeredStarts(prepared.rules, prepared.blocked, lowerMs, upperMs);
}

/** Slot starts (UTC instants, ascending, no duplicates) of one reader for one length, in [from, to). */
export function generateSlots(
  rules: SlotRules,
  busy: readonly Interval[],
  window: { now: Date; from: Date; to: Date },
): Date[] {
  return preparedSlotStarts(prepareSlots(rules, busy), window).map((startMs) => new Date(startMs));
}

/** Is [startsAt, startsAt+lengthMinutes) a slot generateSlots would offer (same rules), used to validate a booking request without generating a whole month? */
export function isOfferedSlot(
  rules: SlotRules,
  busy: readonly Interval[],
  now: Date,
  startsAt: Date,
): boolean {
  const compiled = compileRules(rules);
  const nowMs = timeOf(now, "now");
  const startMs = startsAt instanceof Date ? startsAt.getTime() : Number.NaN;
  if (!Number.isFinite(startMs)) return false;
  const lowerMs = Math.max(startMs, nowMs + compiled.noticeMs);
  const upperMs = Math.min(startMs + 1, nowMs + compiled.horizonMs);
  return offeredStarts(compiled, blockedStarts(busy, compiled), lowerMs, upperMs).length > 0;
}

type Problem = { path: string; message: string };

function rangeProblems(range: { start: string; end: string }, path: string): Problem[] {
  const startMinute = parseWallTime(range.start);
  const endMinute = parseWallTime(range.end);
  const problems: Problem[] = [];
  if (startMinute === null)
    problems.push({ path: `${path}/start`, message: "The start time must be HH:MM, from 00:00 to 23:59." });
  if (endMinute === null)
    problems.push({ path: `${path}/end`, message: "The end time must be HH:MM, from 00:01 to 24:00." });
  if (startMinute !== null && endMinute !== null && endMinute <= startMinute)
    problems.push({
      path: `${path}/end`,
      message: `The end time ${range.end} must be after ${range.start}.`,
    });
  return problems;
}

/** Problems with ranges that overlap others of the same group (touching is fine). */
function overlapProblems(
  ranges: readonly { path: string; range: { start: string; end: string } }[],
  label: string,
): Problem[] {
  const parsed = ranges
    .map((entry) => ({
      ...entry,
      startMinute: parseWallTime(entry.range.start),
      endMinute: parseWallTime(entry.range.end),
    }))
    .filter(
      (entry) =>
        entry.startMinute !== null && entry.endMinute !== null && entry.startMinute < entry.endMinute,
    )
    .sort((a, b) => (a.startMinute ?? 0) - (b.startMinute ?? 0));
  const problems: Problem[] = [];
  let latest: (typeof parsed)[number] | undefined;
  for (const entry of parsed) {
    if (latest && (entry.startMinute ?? 0) < (latest.endMinute ?? 0))
      problems.push({
        path: entry.path,
        message: `${label} ${entry.range.start}–${entry.range.end} overlaps ${latest.range.start}–${latest.range.end}.`,
      });
    if (!latest || (entry.endMinute ?? 0) > (latest.endMinute ?? 0)) latest = entry;
  }
  return problems;
}

function weeklyProblems(weekly: readonly WeeklyRange[]): Problem[] {
  const problems: Problem[] = [];
  const byWeekday = new Map<number, { path: string; range: WeeklyRange }[]>();
  for (const [index, range] of weekly.entries()) {
    const path = `/weekly/${index}`;
    if (!Number.isInteger(range.weekday) || range.weekday < 1 || range.weekday > 7)
      problems.push({ path: `${path}/weekday`, message: "The weekday must be 1 (Monday) to 7 (Sunday)." });
    else byWeekday.set(range.weekday, [...(byWeekday.get(range.weekday) ?? []), { path, range }]);
    problems.push(...rangeProblems(range, path));
  }
  for (const [weekday, ranges] of [...byWeekday].sort(([a], [b]) => a - b))
    problems.push(...overlapProblems(ranges, WEEKDAY_NAMES[weekday] ?? "Weekday"));
  return problems;
}

function exceptionProblems(exceptions: readonly DateException[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<number, number>();
  for (const [index, exception] of exceptions.entries()) {
    const path = `/exceptions/${index}`;
    const localDay = parseLocalDay(exception.date);
    const earlier = localDay === null ? undefined : seen.get(localDay);
    if (localDay === null)
      problems.push({
        path: `${path}/date`,
        message: `${exception.date} is not a real date written YYYY-MM-DD.`,
      });
    else if (earlier !== undefined)
      problems.push({
        path: `${path}/date`,
        message: `${exception.date} is listed twice (see /exceptions/${earlier}).`,
      });
    else seen.set(localDay, index);
    if (exception.kind !== "off" && exception.kind !== "extra")
      problems.push({ path: `${path}/kind`, message: 'The kind must be "off" or "extra".' });
    if (exception.kind === "off" && exception.ranges.length > 0)
      problems.push({
        path: `${path}/ranges`,
        message: `${exception.date} is a day off, so it cannot have hours.`,
      });
    const ranges = exception.ranges.map((range, rangeIndex) => ({
      path: `${path}/ranges/${rangeIndex}`,
      range,
    }));
    for (const { path: rangePath, range } of ranges) problems.push(...rangeProblems(range, rangePath));
    problems.push(...overlapProblems(ranges, exception.date));
  }
  return problems;
}

/** Checks weekly ranges and exceptions; returns a list of {path, message} problems (empty = fine): malformed times, end <= start, weekday outside 1..7, overlapping ranges on the same weekday / same exception date, bad or duplicate dates, "off" with ranges. */
export function availabilityProblems(
  weekly: readonly WeeklyRange[],
  exceptions: readonly DateException[],
): { path: string; message: string }[] {
  return [...weeklyProblems(weekly), ...exceptionProblems(exceptions)];
}
