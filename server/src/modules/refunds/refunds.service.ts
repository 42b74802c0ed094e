import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { AuditService } from "../audit/audit.service.js";
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
  ledger: Pick<LedgerService, "refundReading">;
  readings: Pick<ReadingsService, "findRow">;
  audit: Pick<AuditService, "record">;
}) {
  return {
    async refundReading(
      actor: Principal,
      readingId: string,
      input: { amountCents: number; reason: string; idempotencyKey: string },
      requestId: string,
    ) {
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
        if (refunded.created) {
          await deps.audit.record(tx, {
            actor: { userId: actor.userId, email: actor.email },
            action: "reading.refunded",
            objectType: "reading",
            objectId: readingId,
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
      });
    },
  };
}
