import type { Executor } from "../../platform/db/database.js";
import type { ReadingRow } from "../readings/readings.service.js";
import type { BookingsContext } from "./bookings.context.js";
import type { Messages } from "./bookings.messages.js";
import type { BookingRow } from "./bookings.repository.js";
import { cancellationTerms } from "./bookings.rules.js";
import { dollars } from "./bookings.view.js";

/**
 * Where a booking's hold goes: a cancellation by its terms, the booked reading's outcome when the
 * readings engine finalizes it, or back to the client when nobody opened the room. Each in the
 * caller's transaction, through the ledger, with its own idempotency key.
 */
export function createSettlement(ctx: BookingsContext, messages: Messages) {
  const { repository, now } = ctx;
  const deps = ctx;
  const { notifyBoth } = messages;

  /** Settles a confirmed booking's hold by cancellation terms, in the caller's transaction. */
  async function cancelLocked(
    tx: Executor,
    row: BookingRow,
    by: "client" | "reader" | "admin",
    reason: string | null,
    at: Date,
  ) {
    if (row.readingId) await deps.readings.cancelBooked(tx, row.readingId);
    const terms = cancellationTerms(row, by, at);
    if (terms.capturedCents > 0)
      await deps.ledger.captureHold(
        {
          idempotencyKey: `booking:${row.id}:cancel`,
          holdId: row.holdId,
          amountCents: terms.capturedCents,
          readerUserId: row.readerUserId,
          code: "booking_capture",
          readerShareBasisPoints: row.readerShareBasisPoints,
        },
        tx,
      );
    else await deps.ledger.voidHold({ idempotencyKey: `booking:${row.id}:cancel`, holdId: row.holdId }, tx);
    if (by === "reader") await deps.readers.markNoShow(tx, row.readerUserId);
    await repository.closeSteps(tx, row.id, at);
    return repository.update(tx, row.id, {
      status: "cancelled",
      cancelledBy: by,
      cancelReason: reason,
      refundedCents: terms.refundCents,
      capturedCents: terms.capturedCents,
      readerShareCents: terms.readerShareCents,
      calendarSequence: row.calendarSequence + 1,
      settledAt: at,
      updatedAt: at,
    });
  }

  /** The booked reading was finalized: the booking takes its outcome (in that transaction). */
  async function settleWithReading(tx: Executor, reading: ReadingRow) {
    if (!reading.bookingId) return;
    const row = await repository.lock(tx, reading.bookingId);
    if (row?.status !== "confirmed") return;
    // A cancellation (or a suspension before the start) leaves the hold to the booking's own path.
    if (reading.endCause === "cancelled") return;
    if (
      (reading.endCause === "account_suspended" || reading.endCause === "account_banned") &&
      !reading.startedAt
    )
      return;
    const at = reading.finalizedAt ?? now();
    const captured = reading.chargedCents;
    let status: BookingRow["status"] = "completed";
    if (reading.endCause === "join_timeout") {
      status = captured === row.priceCents ? "client_no_show" : "reader_no_show";
      if (status === "reader_no_show") await deps.readers.markNoShow(tx, row.readerUserId);
    }
    await repository.closeSteps(tx, row.id, at);
    const settled = await repository.update(tx, row.id, {
      status,
      refundedCents: row.priceCents - captured,
      capturedCents: captured,
      readerShareCents: reading.readerShareCents,
      settledAt: at,
      updatedAt: at,
    });
    const outcome =
      status === "client_no_show"
        ? `The client did not join: the reader was paid ${dollars(captured)}.`
        : status === "reader_no_show"
          ? `The reader did not join: ${dollars(settled.refundedCents ?? 0)} went back to the client.`
          : `Charged ${dollars(captured)} of ${dollars(row.priceCents)}${captured < row.priceCents ? `; ${dollars(row.priceCents - captured)} went back to the client` : ""}.`;
    await notifyBoth(tx, settled, "booking-settled", "Your booked reading is over", outcome);
  }

  /** A booking whose room nobody opened by 10 minutes after the start: the reader did not come. */
  async function noShowUnopened(tx: Executor, row: BookingRow, at: Date) {
    if (row.status !== "confirmed" || row.readingId) return null;
    await deps.ledger.voidHold({ idempotencyKey: `booking:${row.id}:no-show`, holdId: row.holdId }, tx);
    await deps.readers.markNoShow(tx, row.readerUserId);
    await repository.closeSteps(tx, row.id, at);
    const settled = await repository.update(tx, row.id, {
      status: "reader_no_show",
      refundedCents: row.priceCents,
      capturedCents: 0,
      readerShareCents: 0,
      settledAt: at,
      updatedAt: at,
    });
    await notifyBoth(
      tx,
      settled,
      "booking-settled",
      "The booked reading did not take place",
      `Nobody joined by 10 minutes after the start: ${dollars(row.priceCents)} went back to the client.`,
    );
    return settled;
  }

  return { cancelLocked, settleWithReading, noShowUnopened };
}

export type Settlement = ReturnType<typeof createSettlement>;
