import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { AuditService } from "../audit/audit.service.js";
import type { BookingsService } from "../bookings/bookings.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { ReadingsService } from "../readings/readings.service.js";

export type RefundsService = ReturnType<typeof createRefundsService>;

/**
 * Admin refunds of readings: a reading's charges are captures of its holds, so it is refunded as
 * one charge (its charged total and the reader's share of it), in full or in part, with a reason,
 * audit-logged, once per idempotency key; refunds of one reading never pass what it charged.
 */
export function createRefundsService(deps: {
  db: Database;
  ledger: Pick<LedgerService, "refundReading" | "refundBooking">;
  readings: Pick<ReadingsService, "findRow">;
  bookings: Pick<BookingsService, "findRow">;
  audit: Pick<AuditService, "record">;
}) {
  type RefundInput = { amountCents: number; reason: string; idempotencyKey: string };
  type Refunded = Awaited<ReturnType<LedgerService["refundReading"]>>;

  /** The audit entry and the answer of a refund of captures (a reading's or a booking's). */
  async function recorded(
    tx: Executor,
    actor: Principal,
    object: { type: "reading" | "booking"; id: string },
    input: RefundInput,
    refunded: Refunded,
    requestId: string,
  ) {
    if (refunded.created) {
      await deps.audit.record(tx, {
        actor: { userId: actor.userId, email: actor.email },
        action: `${object.type}.refunded`,
        objectType: object.type,
        objectId: object.id,
        details: {
          amountCents: input.amountCents,
          readerCents: refunded.readerCents,
          platformCents: refunded.platformCents,
          owedCents: refunded.owedCents,
          reason: input.reason.trim(),
          refundTransferId: refunded.transferId,
          clientUserId: refunded.clientUserId,
        },
        requestId,
      });
    }
    return {
      transferId: refunded.transferId,
      created: refunded.created,
      refundedCents: input.amountCents,
      readerCents: refunded.readerCents,
      platformCents: refunded.platformCents,
      owedCents: refunded.owedCents,
      refundableCents: refunded.refundableBeforeCents - (refunded.created ? input.amountCents : 0),
    };
  }

  const service = {
    /**
     * Refunds a booking: what its reading charged (a booked reading that took place, refunded as
     * that reading), or what its cancellation captured (a late-cancellation fee).
     */
    async refundBooking(actor: Principal, bookingId: string, input: RefundInput, requestId: string) {
      const booking = await deps.bookings.findRow(bookingId);
      if (!booking) throw new DomainError("NOT_FOUND", "No such booking.");
      if (booking.readingId) {
        const reading = await deps.readings.findRow(booking.readingId);
        if (reading && reading.chargedCents > 0)
          return {
            ...(await service.refundReading(actor, booking.readingId, input, requestId)),
            refundOf: "reading" as const,
          };
      }
      if (!booking.capturedCents || booking.capturedCents <= 0 || booking.status !== "cancelled")
        throw new DomainError("INVALID_AMOUNT", "Nothing was charged for this booking.");
      const captured = booking.capturedCents;
      return deps.db.transaction(async (tx) => {
        const refunded = await deps.ledger.refundBooking(
          {
            idempotencyKey: `refund:booking:${bookingId}:${input.idempotencyKey}`,
            bookingId,
            clientUserId: booking.clientUserId,
            readerUserId: booking.readerUserId,
            chargedCents: captured,
            readerShareCents: booking.readerShareCents ?? 0,
            amountCents: input.amountCents,
          },
          tx,
        );
        const answer = await recorded(
          tx,
          actor,
          { type: "booking", id: bookingId },
          input,
          refunded,
          requestId,
        );
        return { ...answer, refundOf: "booking" as const };
      });
    },

    async refundReading(actor: Principal, readingId: string, input: RefundInput, requestId: string) {
      return deps.db.transaction(async (tx) => {
        const reading = await deps.readings.findRow(readingId, tx);
        if (!reading) throw new DomainError("NOT_FOUND", "No such reading.");
        if (reading.chargedCents <= 0)
          throw new DomainError("INVALID_AMOUNT", "Nothing was charged for this reading.");
        const refunded = await deps.ledger.refundReading(
          {
            idempotencyKey: `refund:reading:${readingId}:${input.idempotencyKey}`,
            readingId,
            clientUserId: reading.clientUserId,
            readerUserId: reading.readerUserId,
            chargedCents: reading.chargedCents,
            readerShareCents: reading.readerShareCents,
            amountCents: input.amountCents,
          },
          tx,
        );
        return recorded(tx, actor, { type: "reading", id: readingId }, input, refunded, requestId);
      });
    },
  };
  return service;
}
