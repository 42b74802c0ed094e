import { type Executor, isUniqueViolation } from "../../platform/db/database.js";
import { DomainError } from "../../platform/http/errors.js";
import type { Billing } from "./readings.billing.js";
import type { ReadingsContext } from "./readings.context.js";
import type { ReadingRow } from "./readings.repository.js";
import type { Modality } from "./readings.schemas.js";
import { OPEN_STATES } from "./readings.state.js";

/**
 * Booked readings on the engine (the bookings module's side of it): opening a booking's reading
 * at flat pricing, clearing the reader's on-demand reading before it, and ending one that is
 * cancelled before it starts. Their meter, biller and finalizer are the on-demand ones
 * (readings.billing.ts, with the rules of readings.flat.ts).
 */
export function createBookedReadings(ctx: ReadingsContext, billing: Billing) {
  const { db, repository, moves } = ctx;
  const deps = ctx;
  const { endAndFinalize } = billing;
  return {
    /**
     * Opens a booking's reading (at flat pricing, on the one engine): it waits in its room for
     * both and starts at its slot. Its money is the booking's hold. In the caller's transaction.
     */
    async openBooked(
      tx: Executor,
      input: {
        bookingId: string;
        clientUserId: string;
        readerUserId: string;
        modality: Modality;
        clientName: string | null;
        readerName: string | null;
        readerSlug: string | null;
        priceCents: number;
        lengthMs: number;
        readerShareBasisPoints: number;
        holdId: string;
        scheduledStartAt: Date;
        scheduledEndAt: Date;
      },
    ) {
      const now = deps.clock.now();
      const dueAt = new Date(Math.max(now.getTime(), input.scheduledStartAt.getTime()));
      try {
        const row = await tx.transaction(async (savepoint) =>
          repository.insert(savepoint, {
            clientUserId: input.clientUserId,
            readerUserId: input.readerUserId,
            modality: input.modality,
            clientName: input.clientName,
            readerName: input.readerName,
            readerSlug: input.readerSlug,
            ratePerUnitCents: input.priceCents,
            unitMs: input.lengthMs,
            readerShareBasisPoints: input.readerShareBasisPoints,
            pricing: "flat",
            bookingId: input.bookingId,
            holdId: input.holdId,
            scheduledStartAt: input.scheduledStartAt,
            scheduledEndAt: input.scheduledEndAt,
            state: "waiting",
            createdAt: now,
            acceptedAt: now,
            stateChangedAt: now,
            dueAt,
          }),
        );
        await repository.recordTransition(tx, {
          readingId: row.id,
          fromState: null,
          toState: "waiting",
          cause: "booked",
          at: now,
        });
        await moves.publish(tx, row, "reading.state");
        return row;
      } catch (error) {
        if (isUniqueViolation(error))
          throw new DomainError(
            "CONFLICT",
            "One of you is still in another reading. End it first, then join this one.",
          );
        throw error;
      }
    },

    /**
     * Ends the reader's open on-demand reading (billed to the second, then finalized) because a
     * booked reading is about to start. In the caller's transaction; returns the ended ids.
     */
    async endOnDemandFor(tx: Executor, readerUserId: string) {
      const ended: string[] = [];
      for (const id of await repository.openIdsOf(tx, readerUserId)) {
        const row = await repository.lock(tx, id);
        if (
          row &&
          row.pricing === "per_unit" &&
          row.readerUserId === readerUserId &&
          OPEN_STATES.has(row.state)
        )
          ended.push((await endAndFinalize(tx, row, "booking_due", deps.clock.now())).id);
      }
      return ended;
    },

    /** The reader's open on-demand reading, if any (to warn both that a booking comes first). */
    async openOnDemandOf(readerUserId: string) {
      const found: ReadingRow[] = [];
      for (const id of await repository.openIdsOf(db, readerUserId)) {
        const row = await repository.find(db, id);
        if (
          row &&
          row.pricing === "per_unit" &&
          row.readerUserId === readerUserId &&
          OPEN_STATES.has(row.state)
        )
          found.push(row);
      }
      return found;
    },

    /** A booking is cancelled while its reading waits: the reading ends and leaves the hold to the booking. */
    async cancelBooked(tx: Executor, readingId: string) {
      const row = await repository.lock(tx, readingId);
      if (row?.pricing !== "flat") return null;
      if (!OPEN_STATES.has(row.state)) return row;
      if (row.state !== "waiting")
        throw new DomainError("CONFLICT", "The reading has started; it can no longer be cancelled.");
      return endAndFinalize(tx, row, "cancelled", deps.clock.now());
    },
  };
}
