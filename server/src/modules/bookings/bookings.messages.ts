import type { Executor } from "../../platform/db/database.js";
import type { BookingsContext } from "./bookings.context.js";
import { calendarFile } from "./bookings.ics.js";
import type { BookingRow } from "./bookings.repository.js";
import { localTime } from "./bookings.view.js";

/**
 * What a booking tells people: its calendar file (the same UID through every change), the emails
 * to both sides in their own zones (with the file attached), and in-app notifications.
 */
/** The bare address of a From header ("SoulSeer <no-reply@x>" → "no-reply@x"). */
export function organizerEmail(mailFrom: string) {
  return /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
}

export function createMessages(ctx: BookingsContext) {
  const deps = ctx;
  /** The calendar file of a booking as it stands (a cancelled one cancels the event). */
  function calendarOf(row: BookingRow, contacts: Map<string, { email: string; displayName: string }>) {
    const client = contacts.get(row.clientUserId);
    const reader = contacts.get(row.readerUserId);
    return calendarFile({
      uid: `booking-${row.id}@soulseer`,
      sequence: row.calendarSequence,
      status: row.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      stampedAt: row.updatedAt,
      summary: `SoulSeer ${row.modality} reading: ${row.readerName ?? "Reader"} with ${row.clientName ?? "Client"}`,
      description: `A ${row.lengthMinutes}-minute ${row.modality} reading on SoulSeer. Join from 5 minutes before the start: ${deps.publicOrigin}/bookings`,
      url: `${deps.publicOrigin}/bookings`,
      organizer: { name: "SoulSeer", email: organizerEmail(deps.mailFrom) },
      attendees: [client, reader]
        .filter((person): person is { email: string; displayName: string } => Boolean(person))
        .map((person) => ({ name: person.displayName, email: person.email })),
    });
  }

  /** Emails both sides about a booking (each in their own zone), with its calendar file. */
  async function emailBoth(row: BookingRow, kind: string, subject: string, line: (zone: string) => string) {
    try {
      const contacts = await deps.users.contactsOf([row.clientUserId, row.readerUserId]);
      const ics = calendarOf(row, contacts);
      for (const [userId, zone] of [
        [row.clientUserId, row.clientTimeZone],
        [row.readerUserId, row.readerTimeZone],
      ] as const) {
        const contact = contacts.get(userId);
        if (!contact) continue;
        await deps.email.send({
          to: contact.email,
          kind,
          subject,
          text: `Hello ${contact.displayName},\n\n${line(zone)}\n\nYour bookings: ${deps.publicOrigin}/bookings\n\n— SoulSeer`,
          attachments: [
            { filename: "soulseer-booking.ics", contentType: "text/calendar; charset=utf-8", content: ics },
          ],
        });
      }
    } catch (error) {
      // The booking stands; a mail that could not be queued is logged (the app shows everything).
      deps.logger.error({ err: error, bookingId: row.id, kind }, "booking email failed");
    }
  }

  const describe = (row: BookingRow, zone: string) =>
    `${row.lengthMinutes}-minute ${row.modality} reading with ${row.readerName ?? "your reader"} (client ${row.clientName ?? "Client"}) on ${localTime(row.startsAt, zone)}`;

  async function notifyBoth(tx: Executor, row: BookingRow, kind: string, title: string, body: string) {
    for (const [userId, link] of [
      [row.clientUserId, "/bookings"],
      [row.readerUserId, "/reader/bookings"],
    ] as const)
      await deps.notifications.notify(tx, { userId, kind, title, body, link });
  }

  return { calendarOf, emailBoth, describe, notifyBoth };
}

export type Messages = ReturnType<typeof createMessages>;
