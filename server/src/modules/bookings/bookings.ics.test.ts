import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CalendarEvent, calendarFile } from "./bookings.ics.js";

const event: CalendarEvent = {
  uid: "booking-6f1c2a9e-0b7d-4c1e-9a53-2f4d8e1b7c90@soulseer",
  sequence: 0,
  status: "CONFIRMED",
  startsAt: new Date("2026-03-08T07:00:00.000Z"),
  endsAt: new Date("2026-03-08T07:30:00.000Z"),
  stampedAt: new Date("2026-03-01T12:34:56.789Z"),
  summary: "SoulSeer chat reading: Luna with Sam",
  description: "A 30-minute chat reading on SoulSeer.",
  url: "https://soulseer.app/bookings",
  organizer: { name: "SoulSeer", email: "bookings@soulseer.app" },
  attendees: [
    { name: "Sam Client", email: "sam@example.com" },
    { name: "Luna Reader", email: "luna@example.com" },
  ],
};

/** RFC 5545 unfolding: a line break followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");
const contentLines = (text: string) => unfold(text).split("\r\n").slice(0, -1);
/** Values of a property of the calendar or event (not of the alarm inside it). */
const valuesOf = (text: string, name: string) =>
  contentLines(text)
    .filter(
      (_, index, lines) => lines.lastIndexOf("BEGIN:VALARM", index) <= lines.lastIndexOf("END:VALARM", index),
    )
    .filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`))
    .map((line) => line.slice(line.indexOf(":") + 1));
const propertyValue = (text: string, name: string) => {
  const values = valuesOf(text, name);
  expect(values, name).toHaveLength(1);
  return values[0] ?? "";
};
/** TEXT unescaping (RFC 5545 section 3.3.11). */
const unescapeText = (value: string) =>
  value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));

describe("calendarFile", () => {
  it("is a REQUEST with one VEVENT and every property a calendar needs", () => {
    const file = calendarFile(event);
    expect(file.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(file.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(file.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(contentLines(file)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//SoulSeer//Bookings//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:REQUEST",
      "BEGIN:VEVENT",
      "UID:booking-6f1c2a9e-0b7d-4c1e-9a53-2f4d8e1b7c90@soulseer",
      "SEQUENCE:0",
      "DTSTAMP:20260301T123456Z",
      "DTSTART:20260308T070000Z",
      "DTEND:20260308T073000Z",
      "STATUS:CONFIRMED",
      "SUMMARY:SoulSeer chat reading: Luna with Sam",
      "DESCRIPTION:A 30-minute chat reading on SoulSeer.",
      "URL:https://soulseer.app/bookings",
      'ORGANIZER;CN="SoulSeer":mailto:bookings@soulseer.app',
      'ATTENDEE;CN="Sam Client";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:sam@example.com',
      'ATTENDEE;CN="Luna Reader";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:luna@example.com',
      "TRANSP:OPAQUE",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "DESCRIPTION:SoulSeer chat reading: Luna with Sam",
      "TRIGGER:-PT15M",
      "END:VALARM",
      "END:VEVENT",
      "END:VCALENDAR",
    ]);
  });

  it("writes exact UTC start and end times", () => {
    const file = calendarFile({
      ...event,
      startsAt: new Date("2026-11-01T05:45:00.000Z"),
      endsAt: new Date("2026-11-01T06:45:00.000Z"),
      stampedAt: new Date("2027-01-09T23:59:59.999Z"),
    });
    expect(propertyValue(file, "DTSTART")).toBe("20261101T054500Z");
    expect(propertyValue(file, "DTEND")).toBe("20261101T064500Z");
    expect(propertyValue(file, "DTSTAMP")).toBe("20270109T235959Z");
  });

  it("escapes backslash, semicolon, comma and line breaks in text", () => {
    const summary = "Tarot, love; past\\future";
    const description = "Line one\nLine two\r\nLine three\rend";
    const file = calendarFile({ ...event, summary, description });
    expect(propertyValue(file, "SUMMARY")).toBe("Tarot\\, love\\; past\\\\future");
    expect(propertyValue(file, "DESCRIPTION")).toBe("Line one\\nLine two\\nLine three\\nend");
    expect(unescapeText(propertyValue(file, "SUMMARY"))).toBe(summary);
  });

  it("keeps hostile text inside its property", () => {
    const file = calendarFile({
      ...event,
      summary: "Reading\r\nATTENDEE:mailto:evil@example.com",
      url: "https://soulseer.app/bookings\r\nATTENDEE:mailto:evil@example.com",
      attendees: [{ name: 'Ann "Star", Seer:\nX', email: "ann@example.com\r\nX-EVIL:1" }],
    });
    expect(valuesOf(file, "ATTENDEE")).toHaveLength(1);
    expect(contentLines(file).some((line) => line.startsWith("X-EVIL"))).toBe(false);
    expect(contentLines(file)).toContain(
      `ATTENDEE;CN="Ann ^'Star^', Seer:^nX";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:ann@example.com X-EVIL:1`,
    );
  });

  it("folds long lines at 75 octets without splitting a character, and unfolding restores the text", () => {
    const description = `✨ Tarot — ナ ${"🔮 Your reading, with Luna; bring questions ✨ Tarot — ナ ".repeat(8)}`;
    const file = calendarFile({ ...event, summary: "✨ Tarot — ナ ".repeat(10), description });
    const bytes = Buffer.from(file, "utf8");
    const physical = bytes.toString("utf8").split("\r\n").slice(0, -1);
    expect(physical.some((line) => Buffer.byteLength(line, "utf8") === 75)).toBe(true);
    // Each physical line, cut out of the octets, must decode on its own.
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let offset = 0;
    for (const line of physical) {
      const length = Buffer.byteLength(line, "utf8");
      expect(length).toBeLessThanOrEqual(75);
      expect(decoder.decode(bytes.subarray(offset, offset + length))).toBe(line);
      offset += length + 2;
    }
    expect(physical.filter((line) => line.startsWith(" ")).length).toBeGreaterThan(5);
    expect(unescapeText(propertyValue(file, "DESCRIPTION"))).toBe(description);
    expect(unescapeText(propertyValue(file, "SUMMARY"))).toBe("✨ Tarot — ナ ".repeat(10));
  });

  it("round-trips any text through escaping and folding", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        const file = calendarFile({ ...event, summary: text, description: text });
        for (const line of file.split("\r\n"))
          expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
        // Control characters (other than tab and line breaks) are dropped; line breaks become \n.
        const expected = text
          // biome-ignore lint/suspicious/noControlCharactersInRegex: mirrors what iCalendar text may hold.
          .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
          .replace(/\r\n|\r/g, "\n");
        expect(unescapeText(propertyValue(file, "DESCRIPTION"))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("cancels with METHOD:CANCEL, STATUS:CANCELLED, the same UID and a higher SEQUENCE", () => {
    const confirmed = calendarFile({ ...event, sequence: 1 });
    const cancelled = calendarFile({ ...event, sequence: 2, status: "CANCELLED" });
    expect(propertyValue(cancelled, "METHOD")).toBe("CANCEL");
    expect(propertyValue(cancelled, "STATUS")).toBe("CANCELLED");
    expect(propertyValue(cancelled, "UID")).toBe(propertyValue(confirmed, "UID"));
    expect(Number(propertyValue(cancelled, "SEQUENCE"))).toBeGreaterThan(
      Number(propertyValue(confirmed, "SEQUENCE")),
    );
    expect(cancelled).not.toContain("BEGIN:VALARM");
    expect(valuesOf(cancelled, "ATTENDEE")).toHaveLength(2);
    expect(propertyValue(confirmed, "METHOD")).toBe("REQUEST");
    expect(confirmed).toContain("BEGIN:VALARM");
  });

  it("rejects events that cannot be written", () => {
    expect(() => calendarFile({ ...event, endsAt: event.startsAt })).toThrow(/endsAt/);
    expect(() => calendarFile({ ...event, startsAt: new Date(Number.NaN) })).toThrow(/startsAt/);
    expect(() => calendarFile({ ...event, sequence: -1 })).toThrow(/sequence/);
  });
});
