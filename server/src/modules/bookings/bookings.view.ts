import { DateTime } from "luxon";
import type { BookingRow } from "./bookings.repository.js";
import { JOIN_OPENS_BEFORE_MS, mayReschedule } from "./bookings.rules.js";
import type { BookingView } from "./bookings.schemas.js";

/** What each side (or an admin) sees of a booking; the reader's share is the reader's only. */
export function toBookingView(row: BookingRow, viewerUserId: string, now: Date): BookingView {
  const role =
    row.clientUserId === viewerUserId ? "client" : row.readerUserId === viewerUserId ? "reader" : "admin";
  const joinOpensAt = new Date(row.startsAt.getTime() - JOIN_OPENS_BEFORE_MS);
  const confirmed = row.status === "confirmed";
  return {
    id: row.id,
    role,
    readerUserId: row.readerUserId,
    readerName: row.readerName ?? "Reader",
    readerSlug: row.readerSlug,
    clientName: row.clientName ?? "Client",
    modality: row.modality,
    lengthMinutes: row.lengthMinutes,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    priceCents: row.priceCents,
    status: row.status,
    question: row.question,
    readingId: row.readingId,
    joinOpensAt: joinOpensAt.toISOString(),
    canJoin: confirmed && role !== "admin" && now >= joinOpensAt && now < row.endsAt,
    canCancel: confirmed && role !== "admin" && now < row.startsAt,
    canReschedule: role === "client" && mayReschedule(row, now),
    cancelledBy: row.cancelledBy,
    cancelReason: row.cancelReason,
    refundedCents: row.refundedCents,
    capturedCents: row.capturedCents,
    readerShareCents: role === "client" ? null : row.readerShareCents,
    clientTimeZone: row.clientTimeZone,
    readerTimeZone: row.readerTimeZone,
    createdAt: row.createdAt.toISOString(),
    settledAt: row.settledAt?.toISOString() ?? null,
  };
}

/** A moment as a person in `zone` reads it: "Friday 4 December 2026, 09:00 (Europe/London)". */
export function localTime(at: Date, zone: string) {
  return `${DateTime.fromJSDate(at, { zone }).toFormat("cccc d LLLL yyyy, HH:mm")} (${zone})`;
}

export const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** The instants of a slot list (SlotsSchema): each start is `startMinutes` after `baseAt`. */
export function slotInstants(list: { baseAt: string; startMinutes: readonly number[] }): string[] {
  const baseMs = Date.parse(list.baseAt);
  return list.startMinutes.map((minutes) => new Date(baseMs + minutes * 60_000).toISOString());
}
