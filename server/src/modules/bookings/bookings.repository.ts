import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import type { BookingStep } from "./bookings.schemas.js";
import { bookingSteps, bookings, readerAvailability } from "./bookings.tables.js";

export type BookingRow = typeof bookings.$inferSelect;
export type AvailabilityRow = typeof readerAvailability.$inferSelect;
export type BookingStepRow = typeof bookingSteps.$inferSelect;

/** A step queued this long ago without being done is queued again (its node died meanwhile). */
const REQUEUE_AFTER_MS = 5 * 60_000;

/** The advisory-lock key of one person's bookings: 64 bits of a hash of a namespaced id. */
const personLockKey = (userId: string) =>
  createHash("sha256").update(`bookings:person:${userId}`).digest().readBigInt64BE(0);

export function createBookingsRepository() {
  return {
    /**
     * Takes, until the transaction ends, the booking lock of each person (client and reader), in one
     * order for everybody. Two inserts into an exclusion constraint at once can each wait for the
     * other (PostgreSQL then breaks the "deadlock" with an error); taken in turn per person, a
     * conflicting booking is always already committed or rolled back when the constraint checks.
     */
    async lockPeople(db: Executor, userIds: string[]) {
      const keys = [...new Set(userIds.map(personLockKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const key of keys) await db.execute(sql`select pg_advisory_xact_lock(${key.toString()}::bigint)`);
    },

    async availabilityOf(db: Executor, readerUserId: string) {
      const [row] = await db
        .select()
        .from(readerAvailability)
        .where(eq(readerAvailability.readerUserId, readerUserId));
      return row ?? null;
    },

    async saveAvailability(db: Executor, row: typeof readerAvailability.$inferInsert) {
      const { readerUserId: _, ...changes } = row;
      const [saved] = await db
        .insert(readerAvailability)
        .values(row)
        .onConflictDoUpdate({ target: readerAvailability.readerUserId, set: changes })
        .returning();
      if (!saved) throw new Error("availability upsert returned no row");
      return saved;
    },

    async insert(db: Executor, row: typeof bookings.$inferInsert) {
      const [created] = await db.insert(bookings).values(row).returning();
      if (!created) throw new Error("booking insert returned no row");
      return created;
    },

    async find(db: Executor, id: string) {
      const [row] = await db.select().from(bookings).where(eq(bookings.id, id));
      return row ?? null;
    },

    async lock(db: Executor, id: string) {
      const [row] = await db.select().from(bookings).where(eq(bookings.id, id)).for("update");
      return row ?? null;
    },

    async update(db: Executor, id: string, changes: Partial<typeof bookings.$inferInsert>) {
      const [row] = await db.update(bookings).set(changes).where(eq(bookings.id, id)).returning();
      if (!row) throw new Error(`booking ${id} vanished`);
      return row;
    },

    /** A reader's live bookings that take time in [from, to): each from its start to its blocked end. */
    async busyOf(db: Executor, readerUserId: string, from: Date, to: Date, exceptId?: string) {
      return db
        .select({ id: bookings.id, startsAt: bookings.startsAt, blockedUntil: bookings.blockedUntil })
        .from(bookings)
        .where(
          and(
            eq(bookings.readerUserId, readerUserId),
            eq(bookings.status, "confirmed"),
            lt(bookings.startsAt, to),
            gt(bookings.blockedUntil, from),
            exceptId ? sql`${bookings.id} <> ${exceptId}` : undefined,
          ),
        )
        .orderBy(asc(bookings.startsAt));
    },

    /** Every reader's confirmed bookings touching [from, to), as epoch milliseconds (one read for all). */
    async allBusy(db: Executor, from: Date, to: Date) {
      const rows = await db.execute<{ reader: string; startsMs: number; blockedUntilMs: number }>(sql`
        select ${bookings.readerUserId} as reader,
               (extract(epoch from ${bookings.startsAt}) * 1000)::float8 as "startsMs",
               (extract(epoch from ${bookings.blockedUntil}) * 1000)::float8 as "blockedUntilMs"
          from ${bookings}
         where ${bookings.status} = 'confirmed' and ${bookings.startsAt} < ${to} and ${bookings.blockedUntil} > ${from}`);
      return rows.rows;
    },

    async allAvailability(db: Executor) {
      return db.select().from(readerAvailability);
    },

    /** Upcoming (not yet ended and still confirmed) or past bookings of a person, by side. */
    async listFor(
      db: Executor,
      side: "client" | "reader",
      userId: string,
      scope: "upcoming" | "past",
      now: Date,
      limit: number,
    ) {
      const owner = side === "client" ? eq(bookings.clientUserId, userId) : eq(bookings.readerUserId, userId);
      const upcoming = and(eq(bookings.status, "confirmed"), gt(bookings.endsAt, now));
      return db
        .select()
        .from(bookings)
        .where(and(owner, scope === "upcoming" ? upcoming : sql`not (${upcoming})`))
        .orderBy(scope === "upcoming" ? asc(bookings.startsAt) : desc(bookings.startsAt))
        .limit(limit);
    },

    /** Confirmed bookings of a person (either side) that have not ended. */
    async liveOf(db: Executor, userId: string, now: Date) {
      return db
        .select({ id: bookings.id })
        .from(bookings)
        .where(
          and(
            eq(bookings.status, "confirmed"),
            gt(bookings.endsAt, now),
            or(eq(bookings.clientUserId, userId), eq(bookings.readerUserId, userId)),
          ),
        );
    },

    /** Does the reader have a confirmed booking starting by `soonUntil` that has not ended at `now`? */
    async hasBookingSoon(db: Executor, readerUserId: string, now: Date, soonUntil: Date) {
      const [row] = await db
        .select({ id: bookings.id })
        .from(bookings)
        .where(
          and(
            eq(bookings.readerUserId, readerUserId),
            eq(bookings.status, "confirmed"),
            lte(bookings.startsAt, soonUntil),
            gt(bookings.endsAt, now),
          ),
        )
        .limit(1);
      return Boolean(row);
    },

    async insertSteps(db: Executor, rows: (typeof bookingSteps.$inferInsert)[]) {
      if (rows.length > 0) await db.insert(bookingSteps).values(rows).onConflictDoNothing();
    },

    /** The booking's steps not yet done are dropped (done now, with nothing to do). */
    async closeSteps(db: Executor, bookingId: string, at: Date) {
      await db
        .update(bookingSteps)
        .set({ doneAt: at })
        .where(and(eq(bookingSteps.bookingId, bookingId), isNull(bookingSteps.doneAt)));
    },

    /**
     * Claims due steps to queue (any node; SKIP LOCKED): marks them queued now. A step queued long
     * ago and still not done (its node died before the job ran or was queued) is claimed again;
     * its job is keyed, so the queue holds it once.
     */
    async claimDueSteps(db: Executor, now: Date, limit: number) {
      const result = await db.execute<{ booking_id: string; step: BookingStep; version: number }>(sql`
        update ${bookingSteps} s set queued_at = ${now.toISOString()}::timestamptz
        from (
          select booking_id, step, version from ${bookingSteps}
          where done_at is null and due_at <= ${now.toISOString()}::timestamptz
            and (queued_at is null or queued_at < ${new Date(now.getTime() - REQUEUE_AFTER_MS).toISOString()}::timestamptz)
          order by due_at
          limit ${limit}
          for update skip locked
        ) due
        where s.booking_id = due.booking_id and s.step = due.step and s.version = due.version
        returning s.booking_id, s.step, s.version`);
      return result.rows.map((row) => ({ bookingId: row.booking_id, step: row.step, version: row.version }));
    },

    async lockStep(db: Executor, key: { bookingId: string; step: BookingStep; version: number }) {
      const [row] = await db
        .select()
        .from(bookingSteps)
        .where(
          and(
            eq(bookingSteps.bookingId, key.bookingId),
            eq(bookingSteps.step, key.step),
            eq(bookingSteps.version, key.version),
          ),
        )
        .for("update");
      return row ?? null;
    },

    async markStepDone(
      db: Executor,
      key: { bookingId: string; step: BookingStep; version: number },
      at: Date,
    ) {
      await db
        .update(bookingSteps)
        .set({ doneAt: at })
        .where(
          and(
            eq(bookingSteps.bookingId, key.bookingId),
            eq(bookingSteps.step, key.step),
            eq(bookingSteps.version, key.version),
          ),
        );
    },
  };
}

export type BookingsRepository = ReturnType<typeof createBookingsRepository>;
