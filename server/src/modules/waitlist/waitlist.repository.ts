import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import type { WaitlistStatus } from "./waitlist.schemas.js";
import { waitlistEntries } from "./waitlist.tables.js";

export type WaitlistEntryRow = typeof waitlistEntries.$inferSelect;

const OPEN: WaitlistStatus[] = ["waiting", "offered"];

export function createWaitlistRepository() {
  return {
    async insert(db: Executor, row: typeof waitlistEntries.$inferInsert) {
      const [created] = await db.insert(waitlistEntries).values(row).returning();
      if (!created) throw new Error("waitlist entry insert returned nothing");
      return created;
    },

    async find(db: Executor, id: string) {
      const [row] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.id, id));
      return row ?? null;
    },

    async lock(db: Executor, id: string) {
      const [row] = await db.select().from(waitlistEntries).where(eq(waitlistEntries.id, id)).for("update");
      return row ?? null;
    },

    /** A reader's open line in order (locked: requests for the reader take turns through it). */
    async lockQueue(db: Executor, readerUserId: string) {
      return db
        .select()
        .from(waitlistEntries)
        .where(and(eq(waitlistEntries.readerUserId, readerUserId), inArray(waitlistEntries.status, OPEN)))
        .orderBy(asc(waitlistEntries.seq))
        .for("update");
    },

    /** A reader's open line in order. */
    async queueOf(db: Executor, readerUserId: string) {
      return db
        .select()
        .from(waitlistEntries)
        .where(and(eq(waitlistEntries.readerUserId, readerUserId), inArray(waitlistEntries.status, OPEN)))
        .orderBy(asc(waitlistEntries.seq));
    },

    async openCountOfClient(db: Executor, clientUserId: string) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(waitlistEntries)
        .where(and(eq(waitlistEntries.clientUserId, clientUserId), inArray(waitlistEntries.status, OPEN)));
      return row?.count ?? 0;
    },

    /** A client's recent waitlist, newest first, with their place in line when open. */
    async ofClient(db: Executor, clientUserId: string, limit: number) {
      const ahead = sql<number>`(
        select count(*)::int from ${waitlistEntries} other
        where other.reader_user_id = ${waitlistEntries.readerUserId}
          and other.status in ('waiting', 'offered')
          and other.seq < ${waitlistEntries.seq})`;
      return db
        .select({ entry: waitlistEntries, ahead })
        .from(waitlistEntries)
        .where(eq(waitlistEntries.clientUserId, clientUserId))
        .orderBy(desc(waitlistEntries.createdAt))
        .limit(limit);
    },

    async update(db: Executor, id: string, changes: Partial<typeof waitlistEntries.$inferInsert>) {
      const [row] = await db
        .update(waitlistEntries)
        .set(changes)
        .where(eq(waitlistEntries.id, id))
        .returning();
      if (!row) throw new Error(`waitlist entry ${id} vanished`);
      return row;
    },

    /** Open entries past their deadline, locked (skipping those another node holds). */
    async claimOverdue(db: Executor, now: Date, limit: number) {
      return db
        .select()
        .from(waitlistEntries)
        .where(
          sql`(${waitlistEntries.status} = 'waiting' and ${waitlistEntries.expiresAt} <= ${now.toISOString()}::timestamptz)
           or (${waitlistEntries.status} = 'offered' and ${waitlistEntries.offerExpiresAt} <= ${now.toISOString()}::timestamptz)`,
        )
        .orderBy(asc(waitlistEntries.seq))
        .limit(limit)
        .for("update", { skipLocked: true });
    },

    /** Readers with someone waiting in line and no open offer. */
    async readersToOffer(db: Executor, now: Date, limit: number) {
      const rows = await db
        .selectDistinct({ readerUserId: waitlistEntries.readerUserId })
        .from(waitlistEntries)
        .where(
          and(
            eq(waitlistEntries.status, "waiting"),
            sql`${waitlistEntries.expiresAt} > ${now.toISOString()}::timestamptz`,
            sql`not exists (select 1 from ${waitlistEntries} offer
              where offer.reader_user_id = ${waitlistEntries.readerUserId} and offer.status = 'offered')`,
          ),
        )
        .limit(limit);
      return rows.map((row) => row.readerUserId);
    },

    /** The first still-valid entry waiting in a reader's line, locked; null if another node holds it. */
    async claimFirstWaiting(db: Executor, readerUserId: string, now: Date) {
      const [row] = await db
        .select()
        .from(waitlistEntries)
        .where(
          and(
            eq(waitlistEntries.readerUserId, readerUserId),
            eq(waitlistEntries.status, "waiting"),
            sql`${waitlistEntries.expiresAt} > ${now.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(asc(waitlistEntries.seq))
        .limit(1)
        .for("update", { skipLocked: true });
      return row ?? null;
    },

    async hasOpenOffer(db: Executor, readerUserId: string, now: Date) {
      const [row] = await db
        .select({ id: waitlistEntries.id })
        .from(waitlistEntries)
        .where(
          and(
            eq(waitlistEntries.readerUserId, readerUserId),
            eq(waitlistEntries.status, "offered"),
            sql`${waitlistEntries.offerExpiresAt} > ${now.toISOString()}::timestamptz`,
          ),
        );
      return Boolean(row);
    },
  };
}
