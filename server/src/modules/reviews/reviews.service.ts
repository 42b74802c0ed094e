import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import { assertPlainText, type ReadersService } from "../readers/readers.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { UsersService } from "../users/users.service.js";
import { createReviewsRepository, type ReviewRow } from "./reviews.repository.js";
import { REVIEWS_PAGE_DEFAULT, REVIEWS_PAGE_MAX, type ReviewBody, type TipBody } from "./reviews.schemas.js";

export type ReviewsService = ReturnType<typeof createReviewsService>;

/** A review needs at least this many billed units (minutes in production). */
export const REVIEW_MINIMUM_BILLED_UNITS = 3;
/** A review can be edited this long after it was written. */
export const REVIEW_EDIT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** A reading can be tipped this long after it was settled. */
export const TIP_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** What reviews need to know of a reading: its view as the readings service shows it to the caller. */
export interface ReadingFacts {
  id: string;
  clientUserId: string;
  readerUserId: string;
  state: string;
  billedMs: number;
  unitMs: number;
  /** `flat`: a booked reading, whose unit is its whole booked length. */
  pricing?: "per_unit" | "flat";
  endedAt: string | null;
  finalizedAt: string | null;
}

const notFound = () => new DomainError("NOT_FOUND", "No such reading.");

/**
 * Billed time a review needs: 3 billing units (3 minutes in production); a booked reading's unit
 * is its whole length, so for it 3 minutes.
 */
export const reviewMinimumBilledMs = (reading: ReadingFacts) =>
  REVIEW_MINIMUM_BILLED_UNITS * (reading.pricing === "flat" ? 60_000 : reading.unitMs);

export const reviewEligible = (reading: ReadingFacts) =>
  reading.state === "finalized" && reading.billedMs >= reviewMinimumBilledMs(reading);

/** Until when a settled reading with billed time can be tipped; null when it cannot be. */
export function tipUntil(reading: ReadingFacts): Date | null {
  if (reading.state !== "finalized" || reading.billedMs <= 0 || !reading.finalizedAt) return null;
  return new Date(new Date(reading.finalizedAt).getTime() + TIP_WINDOW_MS);
}

const editableUntil = (row: ReviewRow) => new Date(row.createdAt.getTime() + REVIEW_EDIT_WINDOW_MS);

export function toReviewView(row: ReviewRow) {
  return {
    id: row.id,
    readingId: row.readingId,
    stars: row.stars,
    text: row.body,
    reply: row.reply,
    repliedAt: row.repliedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    editableUntil: editableUntil(row).toISOString(),
  };
}

/** "Maria Lopez" → "Maria": the public face of a reviewer. */
export function firstNameOf(displayName: string | null | undefined) {
  return displayName?.trim().split(/\s+/)[0]?.slice(0, 40) || "A client";
}

export function createReviewsService(deps: {
  db: Database;
  readings: Pick<ReadingsService, "get" | "readerNoteOf">;
  readers: Pick<ReadersService, "getBySlug" | "setRatingSummary">;
  users: Pick<UsersService, "getUser">;
  ledger: Pick<LedgerService, "chargeWithSplit" | "balance" | "history">;
  clock: Clock;
  readerShareBasisPoints: number;
}) {
  const repository = createReviewsRepository();
  const { db } = deps;

  /** The reading, when the caller is its client. */
  async function clientReading(principal: Principal, readingId: string) {
    const reading = await deps.readings.get(principal, readingId);
    if (reading.clientUserId !== principal.userId) throw notFound();
    return reading;
  }

  async function refreshRating(tx: Executor, readerUserId: string) {
    const summary = await repository.summaryOf(tx, readerUserId);
    await deps.readers.setRatingSummary(tx, readerUserId, summary.average, summary.count);
  }

  /** Writes the review or edits the one there is, then recomputes the reader's rating, in one transaction. */
  async function saveReview(reading: ReadingFacts, input: { stars: number; text: string }, now: Date) {
    return db.transaction(async (tx) => {
      await repository.lockReaderReviews(tx, reading.readerUserId);
      let row = await repository.lockByReading(tx, reading.id);
      let created = false;
      if (!row) {
        row = await repository.insert(tx, {
          readingId: reading.id,
          clientUserId: reading.clientUserId,
          readerUserId: reading.readerUserId,
          stars: input.stars,
          body: input.text,
          createdAt: now,
          updatedAt: now,
        });
        created = row !== null;
        row ??= await repository.lockByReading(tx, reading.id);
        if (!row) throw new Error(`review of reading ${reading.id} neither inserted nor found`);
      }
      if (!created) {
        if (now >= editableUntil(row))
          throw new DomainError("CONFLICT", "A review can only be edited for 7 days after it was written.");
        row = await repository.update(tx, row.id, { stars: input.stars, body: input.text, updatedAt: now });
      }
      await refreshRating(tx, reading.readerUserId);
      return { review: toReviewView(row), created };
    });
  }

  /** A user by id, or null when there is none (other failures propagate). */
  async function userOrNull(userId: string) {
    try {
      return await deps.users.getUser(userId);
    } catch (error) {
      if (error instanceof DomainError && error.code === "NOT_FOUND") return null;
      throw error;
    }
  }

  /** The amount of an earlier tip with the same key (a repeat answers what the first one did). */
  async function tippedBefore(userId: string, transferId: string) {
    const history = await deps.ledger.history(userId, { code: "tip", limit: 100 });
    const entries = history.items.filter((item) => item.transferId === transferId);
    return entries.length > 0 ? -entries.reduce((sum, item) => sum + item.amountCents, 0) : null;
  }

  return {
    /** The client writes (or, within 7 days, edits) the review of a settled reading of 3+ billed units. */
    async putReview(principal: Principal, readingId: string, body: ReviewBody) {
      if (!Number.isInteger(body.stars) || body.stars < 1 || body.stars > 5)
        throw new DomainError("VALIDATION_FAILED", "Stars are a whole number from 1 to 5.", [
          { path: "/stars", message: "must be an integer from 1 to 5" },
        ]);
      assertPlainText({ text: body.text });
      const reading = await clientReading(principal, readingId);
      if (!reviewEligible(reading))
        throw new DomainError(
          "CONFLICT",
          `Only a finished reading of at least ${REVIEW_MINIMUM_BILLED_UNITS} billed minutes can be reviewed.`,
        );
      return saveReview(reading, { stars: body.stars, text: body.text.trim() }, deps.clock.now());
    },

    /** The reader of a review replies to it, once. */
    async reply(principal: Principal, reviewId: string, text: string) {
      assertPlainText({ text });
      const reply = text.trim();
      if (reply.length === 0)
        throw new DomainError("VALIDATION_FAILED", "Write a reply.", [
          { path: "/text", message: "is empty" },
        ]);
      return db.transaction(async (tx) => {
        const row = await repository.lock(tx, reviewId);
        if (!row || row.readerUserId !== principal.userId)
          throw new DomainError("NOT_FOUND", "No such review.");
        if (row.reply !== null) throw new DomainError("CONFLICT", "You already replied to this review.");
        const now = deps.clock.now();
        return toReviewView(await repository.update(tx, row.id, { reply, repliedAt: now }));
      });
    },

    /** A listed reader's reviews, newest first, with the reviewer's first name only. */
    async listForReader(slug: string, viewer: Principal | null, query: { cursor?: string; limit?: number }) {
      const reader = await deps.readers.getBySlug(slug, viewer);
      const limit = Math.min(Math.max(query.limit ?? REVIEWS_PAGE_DEFAULT, 1), REVIEWS_PAGE_MAX);
      const rows = await repository.listForReader(db, reader.userId, decodeCursor(query.cursor), limit);
      const page = toPage(rows, limit);
      const names = new Map<string, string>();
      for (const clientUserId of new Set(page.items.map((row) => row.clientUserId))) {
        const user = await userOrNull(clientUserId);
        names.set(clientUserId, firstNameOf(user?.displayName));
      }
      return {
        items: page.items.map((row) => {
          const { readingId: _readingId, editableUntil: _until, ...view } = toReviewView(row);
          return { ...view, clientFirstName: names.get(row.clientUserId) ?? firstNameOf(null) };
        }),
        nextCursor: page.nextCursor,
        ratingAverage: reader.ratingAverage,
        ratingCount: reader.ratingCount,
      };
    },

    /** The client tips the reader of a settled reading with billed time, within 7 days; 70% goes to the reader. */
    async tip(principal: Principal, readingId: string, body: TipBody) {
      const reading = await clientReading(principal, readingId);
      const until = tipUntil(reading);
      if (!until)
        throw new DomainError("CONFLICT", "Only a finished reading with billed time can be tipped.");
      if (deps.clock.now() > until)
        throw new DomainError("CONFLICT", "A reading can only be tipped for 7 days after it ended.");
      const posted = await deps.ledger.chargeWithSplit({
        idempotencyKey: `tip:${reading.id}:${body.idempotencyKey}`,
        code: "tip",
        payerUserId: principal.userId,
        readerUserId: reading.readerUserId,
        amountCents: body.amountCents,
        references: { readingId: reading.id },
        readerShareBasisPoints: deps.readerShareBasisPoints,
      });
      const tippedCents = posted.created
        ? body.amountCents
        : ((await tippedBefore(principal.userId, posted.transferId)) ?? body.amountCents);
      return { tippedCents, balanceCents: await deps.ledger.balance(principal.userId) };
    },

    /** What follows a reading, for one of its two participants. */
    async after(principal: Principal, readingId: string) {
      const reading = await deps.readings.get(principal, readingId);
      const isClient = reading.clientUserId === principal.userId;
      if (!isClient && reading.readerUserId !== principal.userId) throw notFound();
      const now = deps.clock.now();
      const [review, readerNote, notes] = await Promise.all([
        repository.findByReading(db, reading.id),
        deps.readings.readerNoteOf(reading.id),
        isClient ? repository.findNotes(db, reading.clientUserId, reading.readerUserId) : null,
      ]);
      const until = review ? editableUntil(review) : null;
      const tipEnd = tipUntil(reading);
      return {
        review: review ? toReviewView(review) : null,
        canReview: isClient && reviewEligible(reading) && (until === null || now < until),
        reviewEditableUntil: until?.toISOString() ?? null,
        reviewMinimumBilledMs: reviewMinimumBilledMs(reading),
        canTip: isClient && tipEnd !== null && now <= tipEnd,
        tipUntil: tipEnd?.toISOString() ?? null,
        readerNote: readerNote ? { text: readerNote.text, at: readerNote.at.toISOString() } : null,
        myNotes: notes ? { body: notes.body, updatedAt: notes.updatedAt.toISOString() } : null,
      };
    },

    /** The client's private notes on a reader (only ever their own). */
    async notes(principal: Principal, readerUserId: string) {
      const row = await repository.findNotes(db, principal.userId, readerUserId);
      return row ? { body: row.body, updatedAt: row.updatedAt.toISOString() } : null;
    },

    /** Saves the client's private notes on a reader; empty text deletes them. */
    async saveNotes(principal: Principal, readerUserId: string, body: string) {
      assertPlainText({ body });
      const text = body.trim();
      if (text.length === 0) {
        await repository.deleteNotes(db, principal.userId, readerUserId);
        return null;
      }
      const reader = await userOrNull(readerUserId);
      if (reader?.role !== "reader") throw new DomainError("NOT_FOUND", "No such reader.");
      const row = await repository.upsertNotes(db, {
        clientUserId: principal.userId,
        readerUserId,
        body: text,
        updatedAt: deps.clock.now(),
      });
      return { body: row.body, updatedAt: row.updatedAt.toISOString() };
    },
  };
}
