import { DateTime } from "luxon";

/**
 * Time-zone arithmetic for bookings. Instants travel as ISO strings (UTC); days and wall-clock
 * times are always read in a named IANA zone, through Luxon, so daylight-saving changes land right.
 */

/** The zone this browser runs in. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Every IANA zone this browser knows, plus UTC and any `extra` (a saved alias, say), sorted. */
export function allTimeZones(extra: readonly string[] = []): string[] {
  let known: string[] = [];
  try {
    known = Intl.supportedValuesOf("timeZone");
  } catch {
    known = [];
  }
  return [...new Set([...known, "UTC", ...extra.filter(Boolean)])].sort();
}

/** "Los Angeles" for America/Los_Angeles. */
export function zoneCity(zone: string): string {
  return (zone.split("/").pop() ?? zone).replaceAll("_", " ");
}

/** "Los Angeles time (PDT)": the zone as people say it, with its abbreviation at `at` (default now). */
export function zoneLabel(zone: string, at?: string): string {
  const moment = at ? DateTime.fromISO(at, { zone }) : DateTime.now().setZone(zone);
  const short = moment.toFormat("ZZZZ");
  const city = zone === "UTC" ? "UTC" : `${zoneCity(zone)} time`;
  return short && short !== "UTC" ? `${city} (${short})` : city;
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function dayKeyOf(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toISODate() ?? iso.slice(0, 10);
}

/** "3:30 PM" (the browser's own clock style) for an instant in a zone. */
export function formatTime(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", timeZone: zone }).format(
    new Date(iso),
  );
}

/** "Thursday, March 12" for a calendar day. */
export function formatDayKey(dayKey: string, style: "long" | "short" = "long"): string {
  const day = DateTime.fromISO(dayKey, { zone: "UTC" });
  return new Intl.DateTimeFormat(undefined, {
    weekday: style,
    month: style,
    day: "numeric",
    timeZone: "UTC",
  }).format(day.toJSDate());
}

/** "Thu, Mar 12, 3:00 – 3:30 PM" for a booking in a zone. */
export function formatRange(startIso: string, endIso: string, zone: string): string {
  const format = new Intl.DateTimeFormat(undefined, {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: zone,
  });
  return format.formatRange(new Date(startIso), new Date(endIso));
}

/** "Thursday, March 12 at 3:00 PM" for an instant in a zone. */
export function formatDateTime(iso: string, zone: string): string {
  const date = new Intl.DateTimeFormat(undefined, {
    weekday: "long",
    month: "long",
    day: "numeric",
    timeZone: zone,
  }).format(new Date(iso));
  return `${date} at ${formatTime(iso, zone)}`;
}

/** Groups ascending instants by their day in a zone (days in order). */
export function groupByDay(slots: readonly string[], zone: string): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const slot of slots) {
    const key = dayKeyOf(slot, zone);
    const list = days.get(key);
    if (list) list.push(slot);
    else days.set(key, [slot]);
  }
  return days;
}

/** Next Monday 00:00 to the Monday after, in a zone, as instants (the availability preview). */
export function nextWeekWindow(zone: string, now = DateTime.now()): { from: string; to: string } {
  const today = now.setZone(zone).startOf("day");
  const monday = today.plus({ days: 8 - today.weekday });
  return { from: toIso(monday), to: toIso(monday.plus({ weeks: 1 })) };
}

/** The first day (YYYY-MM-01) of the month holding an instant, in a zone. */
export function monthOf(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).startOf("month").toISODate() ?? iso.slice(0, 7);
}

export function addMonths(monthKey: string, months: number): string {
  return DateTime.fromISO(monthKey, { zone: "UTC" }).plus({ months }).toISODate() ?? monthKey;
}

/** "March 2026". */
export function formatMonth(monthKey: string): string {
  return new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    DateTime.fromISO(monthKey, { zone: "UTC" }).toJSDate(),
  );
}

/** A month's days, Monday-first weeks, `null` for the padding before the 1st and after the last. */
export function monthGrid(monthKey: string): (string | null)[][] {
  const first = DateTime.fromISO(monthKey, { zone: "UTC" });
  const cells: (string | null)[] = Array.from({ length: first.weekday - 1 }, () => null);
  for (let day = 0; day < (first.daysInMonth ?? 31); day += 1)
    cells.push(first.plus({ days: day }).toISODate());
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7));
  return weeks;
}

/** Short weekday names, Monday first, in the browser's language. */
export function weekdayNames(style: "short" | "long" = "short"): string[] {
  const monday = DateTime.fromISO("2024-01-01", { zone: "UTC" });
  const format = new Intl.DateTimeFormat(undefined, { weekday: style, timeZone: "UTC" });
  return Array.from({ length: 7 }, (_, index) => format.format(monday.plus({ days: index }).toJSDate()));
}

/**
 * The instants to ask slots for when a month is on screen in a zone: from its first day (or now)
 * to its last (or the booking horizon), never more than the server's 62 days.
 */
export function monthWindow(
  monthKey: string,
  zone: string,
  horizonDays: number,
  now = DateTime.now(),
): { from: string; to: string } | null {
  const start = DateTime.fromISO(monthKey, { zone }).startOf("day");
  const end = start.plus({ months: 1 });
  const from = DateTime.max(start, now);
  const to = DateTime.min(end, now.plus({ days: horizonDays, hours: 1 }));
  if (to <= from) return null;
  return { from: toIso(from), to: toIso(to) };
}

/** Today's day key in a zone. */
export function todayIn(zone: string, now = DateTime.now()): string {
  return now.setZone(zone).toISODate() ?? "";
}

/** The last day a client may book, in a zone. */
export function lastBookableDay(zone: string, horizonDays: number, now = DateTime.now()): string {
  return now.setZone(zone).plus({ days: horizonDays }).toISODate() ?? "";
}

function toIso(moment: DateTime): string {
  return moment.toUTC().toISO({ suppressMilliseconds: true }) ?? moment.toJSDate().toISOString();
}

/** "in 2 days 4 h", "in 12 min", "in 0:45" for a wait; `null` once it is reached. */
export function formatWait(ms: number): string | null {
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  if (minutes >= 2 * 24 * 60) return `${Math.floor(minutes / (24 * 60))} days`;
  if (minutes >= 24 * 60) {
    const hours = Math.floor((minutes - 24 * 60) / 60);
    return hours > 0 ? `1 day ${hours} h` : "1 day";
  }
  if (minutes >= 60) {
    const rest = minutes % 60;
    return rest > 0 ? `${Math.floor(minutes / 60)} h ${rest} min` : `${Math.floor(minutes / 60)} h`;
  }
  const seconds = Math.floor(ms / 1000);
  if (minutes >= 10) return `${minutes} min`;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
