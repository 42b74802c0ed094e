import type { ErrorDetail } from "../../lib/api/client";
import { type Availability, type BookingModality, isLength, type LengthMinutes } from "./queries";

/**
 * The availability page's form as it is edited, and its way to and from the API: weekly ranges
 * per weekday, date exceptions, offers and rules. Each range and exception has a key of its own,
 * so a server error's path (`/weekly/3/end`) lands on the input it is about.
 */
export interface RangeDraft {
  key: string;
  start: string;
  end: string;
}
export interface ExceptionDraft {
  key: string;
  date: string;
  kind: "off" | "extra";
  ranges: RangeDraft[];
}
export interface AvailabilityDraft {
  timeZone: string;
  /** Index 0 is Monday … 6 is Sunday. */
  weekly: RangeDraft[][];
  exceptions: ExceptionDraft[];
  lengthsMinutes: LengthMinutes[];
  modalities: BookingModality[];
  bufferMinutes: number;
  minNoticeHours: string;
  horizonDays: string;
}
/** Problems by field key: `<range key>:start`, `<exception key>:date`, `horizonDays` … */
export type Problems = Record<string, string>;

const WALL_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;
let keysMade = 0;
export function newKey() {
  keysMade += 1;
  return `k${keysMade}`;
}

export function range(start: string, end: string): RangeDraft {
  return { key: newKey(), start, end };
}

export function toDraft(availability: Availability): AvailabilityDraft {
  const weekly: RangeDraft[][] = Array.from({ length: 7 }, () => []);
  for (const entry of availability.weekly) weekly[entry.weekday - 1]?.push(range(entry.start, entry.end));
  return {
    timeZone: availability.timeZone,
    weekly,
    exceptions: availability.exceptions.map((exception) => ({
      key: newKey(),
      date: exception.date,
      kind: exception.kind,
      ranges: exception.ranges.map((entry) => range(entry.start, entry.end)),
    })),
    lengthsMinutes: availability.lengthsMinutes.filter(isLength),
    modalities: [...availability.modalities],
    bufferMinutes: availability.bufferMinutes,
    minNoticeHours: String(Math.round((availability.minNoticeMinutes / 60) * 100) / 100),
    horizonDays: String(availability.horizonDays),
  };
}

/** The draft as the API takes it, and which field key each array path of it stands for. */
export function toPayload(draft: AvailabilityDraft): { body: Availability; keyOfPath: Map<string, string> } {
  const keyOfPath = new Map<string, string>();
  const weekly: Availability["weekly"] = [];
  draft.weekly.forEach((ranges, day) => {
    for (const entry of ranges) {
      keyOfPath.set(`/weekly/${weekly.length}`, entry.key);
      weekly.push({ weekday: day + 1, start: entry.start.trim(), end: entry.end.trim() });
    }
  });
  const exceptions = draft.exceptions.map((exception, index) => {
    keyOfPath.set(`/exceptions/${index}`, exception.key);
    const ranges = exception.kind === "off" ? [] : exception.ranges;
    ranges.forEach((entry, rangeIndex) => {
      keyOfPath.set(`/exceptions/${index}/ranges/${rangeIndex}`, entry.key);
    });
    return {
      date: exception.date,
      kind: exception.kind,
      ranges: ranges.map((entry) => ({ start: entry.start.trim(), end: entry.end.trim() })),
    };
  });
  return {
    keyOfPath,
    body: {
      timeZone: draft.timeZone,
      weekly,
      exceptions,
      lengthsMinutes: [...draft.lengthsMinutes].sort((a, b) => a - b),
      modalities: draft.modalities,
      bufferMinutes: draft.bufferMinutes,
      minNoticeMinutes: Math.round(Number(draft.minNoticeHours) * 60),
      horizonDays: Math.round(Number(draft.horizonDays)),
    },
  };
}

/** Server problems (`details[].path`) as field keys; a path we cannot place goes under `form`. */
export function problemsFromDetails(details: ErrorDetail[], keyOfPath: Map<string, string>): Problems {
  const problems: Problems = {};
  for (const detail of details) {
    const match = /^(\/(?:weekly|exceptions)\/\d+(?:\/ranges\/\d+)?)(?:\/(\w+))?$/.exec(detail.path);
    const topLevel = /^\/(\w+)/.exec(detail.path)?.[1];
    let key = "form";
    if (match?.[1] && keyOfPath.has(match[1])) key = `${keyOfPath.get(match[1])}:${match[2] ?? "range"}`;
    else if (topLevel && !["weekly", "exceptions"].includes(topLevel)) key = topLevel;
    problems[key] ??= sentence(detail.message);
  }
  return problems;
}

function sentence(message: string): string {
  const text = message.trim();
  return text ? text[0]?.toUpperCase() + text.slice(1) : "Check this value.";
}

function rangeProblems(entry: RangeDraft, problems: Problems) {
  const start = entry.start.trim();
  const end = entry.end.trim();
  if (!WALL_TIME.test(start) || start === "24:00")
    problems[`${entry.key}:start`] = "Write the start as HH:MM, for example 09:00.";
  if (!WALL_TIME.test(end) || end === "00:00")
    problems[`${entry.key}:end`] = "Write the end as HH:MM, for example 17:30 (24:00 is midnight).";
  else if (WALL_TIME.test(start) && end <= start) problems[`${entry.key}:end`] = "End after the start.";
}

/** What the page can tell before asking the server (the server checks overlaps and the rest). */
export function draftProblems(draft: AvailabilityDraft): Problems {
  const problems: Problems = {};
  for (const ranges of draft.weekly) for (const entry of ranges) rangeProblems(entry, problems);
  const dates = new Set<string>();
  for (const exception of draft.exceptions) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(exception.date)) problems[`${exception.key}:date`] = "Choose a date.";
    else if (dates.has(exception.date)) problems[`${exception.key}:date`] = "This date is listed twice.";
    dates.add(exception.date);
    if (exception.kind === "extra") {
      if (exception.ranges.length === 0) problems[`${exception.key}:ranges`] = "Add the extra hours.";
      for (const entry of exception.ranges) rangeProblems(entry, problems);
    }
  }
  if (draft.lengthsMinutes.length === 0) problems.lengthsMinutes = "Offer at least one length.";
  if (draft.modalities.length === 0) problems.modalities = "Offer at least one type of reading.";
  const notice = Number(draft.minNoticeHours);
  if (draft.minNoticeHours.trim() === "" || !Number.isFinite(notice) || notice < 0 || notice > 720)
    problems.minNoticeMinutes = "Between 0 and 720 hours (30 days).";
  const horizon = Number(draft.horizonDays);
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 365)
    problems.horizonDays = "A whole number of days, 1 to 365.";
  return problems;
}

/** A range to add after the day's last one (two hours, an hour after its end), or a working day. */
export function nextRange(ranges: readonly RangeDraft[]): RangeDraft | null {
  const last = ranges.at(-1);
  if (!last) return range("09:00", "17:00");
  if (!WALL_TIME.test(last.end)) return range("", "");
  const [hours = 0, minutes = 0] = last.end.split(":").map(Number);
  const lastEnd = hours * 60 + minutes;
  if (lastEnd >= 24 * 60 - 15) return null;
  const start = lastEnd + 60 <= 23 * 60 ? lastEnd + 60 : lastEnd;
  const end = Math.min(start + 120, 24 * 60);
  const wall = (total: number) =>
    `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
  return range(wall(start), wall(end));
}
