import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import { clientReaderNotes, reviews } from "./reviews.tables.js";

export type ReviewRow = typeof reviews.$inferSelect;
export type ClientNotesRow = typeof clientReaderNotes.$inferSelect;

/**
 * The only SQL of reviews and of clients' private notes on readers (`reviews`,
 * `client_reader_notes`). What a review needs of its reading comes from the readings service.
 */
export function createReviewsRepository() {
  return {
    /**
     * Serializes review changes of one reader until the transaction ends, so the rating summary
     * recomputed afterwards always counts every committed review.
     */
    async lockReaderReviews(db: Executor, readerUserId: string) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`reviews:${readerUserId}`}, 0))`);
    },

    async findByReading(db: Executor, readingId: string) {
      const [row] = await db.select().from(reviews).where(eq(reviews.readingId, readingId));
      return row ?? null;
    },

    async lockByReading(db: Executor, readingId: string) {
      const [row] = await db.select().from(reviews).where(eq(reviews.readingId, readingId)).for("update");
      return row ?? null;
    },

    async lock(db: Executor, reviewId: string) {
      const [row] = await db.select().from(reviews).where(eq(reviews.id, reviewId)).for("update");
      return row ?? null;
    },

    async insert(db: Executor, row: typeof reviews.$inferInsert) {
      const [created] = await db
        .insert(reviews)
        .values(row)
        .onConflictDoNothing({ target: reviews.readingId })
        .returning();
      return created ?? null;
    },

    async update(db: Executor, reviewId: string, changes: Partial<typeof reviews.$inferInsert>) {
      const [row] = await db.update(reviews).set(changes).where(eq(reviews.id, reviewId)).returning();
      if (!row) throw new Error(`review ${reviewId} vanished`);
      return row;
    },

    /** A reader's average stars (two decimals) and number of reviews. */
    async summaryOf(db: Executor, readerUserId: string) {
      const [row] = await db
        .select({
          average: sql<number>`coalesce(round(avg(${reviews.stars})::numeric, 2), 0)::float8`,
          count: sql<number>`count(*)::int`,
        })
        .from(reviews)
        .where(eq(reviews.readerUserId, readerUserId));
      return { average: Number(row?.average ?? 0), count: Number(row?.count ?? 0) };
    },

    /** A reader's reviews, newest first, `limit + 1` rows after the cursor. */
    async listForReader(db: Executor, readerUserId: string, cursor: KeysetCursor | null, limit: number) {
      return db
        .select()
        .from(reviews)
        .where(
          and(
            eq(reviews.readerUserId, readerUserId),
            cursor
              ? or(
                  lt(reviews.createdAt, cursor.createdAt),
                  and(eq(reviews.createdAt, cursor.createdAt), lt(reviews.id, cursor.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(reviews.createdAt), desc(reviews.id))
        .limit(limit + 1);
    },

    async findNotes(db: Executor, clientUserId: string, readerUserId: string) {
      const [row] = await db
        .select()
        .from(clientReaderNotes)
        .where(
          and(
            eq(clientReaderNotes.clientUserId, clientUserId),
            eq(clientReaderNotes.readerUserId, readerUserId),
          ),
        );
      return row ?? null;
    },

    async upsertNotes(db: Executor, row: ClientNotesRow) {
      const [saved] = await db
        .insert(clientReaderNotes)
        .values(row)
        .onConflictDoUpdate({
          target: [clientReaderNotes.clientUserId, clientReaderNotes.readerUserId],
          set: { body: row.body, updatedAt: row.updatedAt },
        })
        .returning();
      if (!saved) throw new Error("notes upsert returned nothing");
      return saved;
    },

    async deleteNotes(db: Executor, clientUserId: string, readerUserId: string) {
      await db
        .delete(clientReaderNotes)
        .where(
          and(
            eq(clientReaderNotes.clientUserId, clientUserId),
            eq(clientReaderNotes.readerUserId, readerUserId),
          ),
        );
    },
  };
}
