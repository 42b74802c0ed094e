/**
 * iCalendar (RFC 5545) files for bookings, sent as iTIP (RFC 5546) REQUEST / CANCEL messages so mail
 * clients add, move and remove the event by its UID and SEQUENCE. Pure: no clock, no I/O.
 */

export interface CalendarEvent {
  uid: string; // stable per booking, e.g. "booking-<uuid>@soulseer"
  sequence: number; // increases on each update (reschedule, cancel)
  status: "CONFIRMED" | "CANCELLED";
  startsAt: Date;
  endsAt: Date;
  stampedAt: Date;
  summary: string;
  description: string;
  url: string;
  organizer: { name: string; email: string };
  attendees: { name: string; email: string }[];
}

const CRLF = "\r\n";
/** RFC 5545 section 3.1: lines longer than 75 octets (excluding the line break) are folded. */
const MAX_LINE_OCTETS = 75;
const REMINDER_MINUTES_BEFORE = 15;
const MAX_ATTENDEES = 50;

/** Control characters other than tab and line breaks, which no TEXT or URI value may hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to remove them.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** TEXT value (RFC 5545 section 3.3.11): backslash, semicolon, comma and line breaks escaped. */
function escapeText(text: string): string {
  return text
    .replace(CONTROL, "")
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** A value that is not TEXT (URI, address): no escaping, but never a line break or control character. */
function plainValue(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(CONTROL, "");
}

/** A quoted parameter value (RFC 5545 section 3.2 with RFC 6868 caret encoding for ^, " and newlines). */
function quotedParameter(text: string): string {
  const encoded = text
    .replace(CONTROL, "")
    .replace(/\^/g, "^^")
    .replace(/\r\n|\r|\n/g, "^n")
    .replace(/"/g, "^'");
  return `"${encoded}"`;
}

/** UTC date-time, YYYYMMDDTHHMMSSZ (RFC 5545 section 3.3.5, form 2). */
function utcDateTime(date: Date, name: string): string {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms) || date.getUTCFullYear() < 0 || date.getUTCFullYear() > 9999)
    throw new Error(`Calendar event: ${name} is not a valid date.`);
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

function utf8Octets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** Folds one content line into lines of at most 75 octets, never inside a UTF-8 character. */
function fold(line: string): string {
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = utf8Octets(character.codePointAt(0) ?? 0);
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = " ";
      octets = 1;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

function person(property: "ORGANIZER" | "ATTENDEE", who: { name: string; email: string }): string {
  const parameters = property === "ATTENDEE" ? ";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE" : "";
  return `${property};CN=${quotedParameter(who.name)}${parameters}:mailto:${plainValue(who.email)}`;
}

function alarm(summary: string): string[] {
  return [
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `DESCRIPTION:${escapeText(summary)}`,
    `TRIGGER:-PT${REMINDER_MINUTES_BEFORE}M`,
    "END:VALARM",
  ];
}

function assertEvent(event: CalendarEvent) {
  if (!Number.isInteger(event.sequence) || event.sequence < 0)
    throw new Error(`Calendar event: sequence must be a non-negative integer, not ${event.sequence}.`);
  if (event.uid.trim() === "") throw new Error("Calendar event: uid is empty.");
  if (!(event.endsAt.getTime() > event.startsAt.getTime()))
    throw new Error("Calendar event: endsAt must be after startsAt.");
  if (event.attendees.length > MAX_ATTENDEES)
    throw new Error(`Calendar event: at most ${MAX_ATTENDEES} attendees.`);
}

/** An iCalendar (RFC 5545) file with one VEVENT: METHOD:REQUEST for a confirmed event, METHOD:CANCEL for a cancelled one; UTC times (YYYYMMDDTHHMMSSZ); CRLF line ends; text escaped (backslash, semicolon, comma, newlines); lines folded at 75 octets (UTF-8 bytes, never splitting a multi-byte character) with CRLF + space; PRODID "-//SoulSeer//Bookings//EN"; VERSION 2.0; CALSCALE GREGORIAN; includes a VALARM display reminder 15 minutes before for confirmed events. */
export function calendarFile(event: CalendarEvent): string {
  const dtStart = utcDateTime(event.startsAt, "startsAt");
  const dtEnd = utcDateTime(event.endsAt, "endsAt");
  const dtStamp = utcDateTime(event.stampedAt, "stampedAt");
  assertEvent(event);
  const confirmed = event.status === "CONFIRMED";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//SoulSeer//Bookings//EN",
    "CALSCALE:GREGORIAN",
    `METHOD:${confirmed ? "REQUEST" : "CANCEL"}`,
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${dtStamp}`,
    `DTSTART:${dtStart}`,
    `DTEND:${dtEnd}`,
    `STATUS:${confirmed ? "CONFIRMED" : "CANCELLED"}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `URL:${plainValue(event.url)}`,
    person("ORGANIZER", event.organizer),
    ...event.attendees.map((attendee) => person("ATTENDEE", attendee)),
    "TRANSP:OPAQUE",
    ...(confirmed ? alarm(event.summary) : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join(CRLF) + CRLF;
}
