import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { users } from "../accounts/accounts.tables.js";
import { type CallbackStatus, sessionCallbacks } from "./sessions.tables.js";

export type CallbackRow = typeof sessionCallbacks.$inferSelect;

const OPEN: CallbackStatus[] = ["waiting", "offered"];

export function createCallbacksRepository() {
  return {
    async insert(db: Executor, row: typeof sessionCallbacks.$inferInsert) {
      const [created] = await db.insert(sessionCallbacks).values(row).returning();
      if (!created) throw new Error("callback insert returned nothing");
      return created;
    },

    async find(db: Executor, id: string) {
      const [row] = await db.select().from(sessionCallbacks).where(eq(sessionCallbacks.id, id));
      return row ?? null;
    },

    async lock(db: Executor, id: string) {
      const [row] = await db.select().from(sessionCallbacks).where(eq(sessionCallbacks.id, id)).for("update");
      return row ?? null;
    },

    /** A reader's open line in order (locked: requests for the reader take turns through it). */
    async lockQueue(db: Executor, readerUserId: string) {
      return db
        .select()
        .from(sessionCallbacks)
        .where(and(eq(sessionCallbacks.readerUserId, readerUserId), inArray(sessionCallbacks.status, OPEN)))
        .orderBy(asc(sessionCallbacks.seq))
        .for("update");
    },

    /** A reader's open line in order, with the clients' names. */
    async queueOf(db: Executor, readerUserId: string) {
      return db
        .select({ callback: sessionCallbacks, clientName: users.name })
        .from(sessionCallbacks)
        .innerJoin(users, eq(users.id, sessionCallbacks.clientUserId))
        .where(and(eq(sessionCallbacks.readerUserId, readerUserId), inArray(sessionCallbacks.status, OPEN)))
        .orderBy(asc(sessionCallbacks.seq));
    },

    async openCountOfClient(db: Executor, clientUserId: string) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(sessionCallbacks)
        .where(and(eq(sessionCallbacks.clientUserId, clientUserId), inArray(sessionCallbacks.status, OPEN)));
      return row?.count ?? 0;
    },

    /** A client's recent callbacks, newest first, with their place in line when open. */
    async ofClient(db: Executor, clientUserId: string, limit: number) {
      const ahead = sql<number>`(
        select count(*)::int from ${sessionCallbacks} other
        where other.reader_user_id = ${sessionCallbacks.readerUserId}
          and other.status in ('waiting', 'offered')
          and other.seq < ${sessionCallbacks.seq})`;
      return db
        .select({ callback: sessionCallbacks, ahead })
        .from(sessionCallbacks)
        .where(eq(sessionCallbacks.clientUserId, clientUserId))
        .orderBy(desc(sessionCallbacks.createdAt))
        .limit(limit);
    },

    async update(db: Executor, id: string, changes: Partial<typeof sessionCallbacks.$inferInsert>) {
      const [row] = await db
        .update(sessionCallbacks)
        .set(changes)
        .where(eq(sessionCallbacks.id, id))
        .returning();
      if (!row) throw new Error(`callback ${id} vanished`);
      return row;
    },

    /** Open entries past their deadline, locked (skipping those another node holds). */
    async claimOverdue(db: Executor, now: Date, limit: number) {
      return db
        .select()
        .from(sessionCallbacks)
        .where(
          sql`(${sessionCallbacks.status} = 'waiting' and ${sessionCallbacks.expiresAt} <= ${now.toISOString()}::timestamptz)
           or (${sessionCallbacks.status} = 'offered' and ${sessionCallbacks.offerExpiresAt} <= ${now.toISOString()}::timestamptz)`,
        )
        .orderBy(asc(sessionCallbacks.seq))
        .limit(limit)
        .for("update", { skipLocked: true });
    },

    /** Readers with someone waiting in line and no open offer. */
    async readersToOffer(db: Executor, now: Date, limit: number) {
      const rows = await db
        .selectDistinct({ readerUserId: sessionCallbacks.readerUserId })
        .from(sessionCallbacks)
        .where(
          and(
            eq(sessionCallbacks.status, "waiting"),
            sql`${sessionCallbacks.expiresAt} > ${now.toISOString()}::timestamptz`,
            sql`not exists (select 1 from ${sessionCallbacks} offer
              where offer.reader_user_id = ${sessionCallbacks.readerUserId} and offer.status = 'offered')`,
          ),
        )
        .limit(limit);
      return rows.map((row) => row.readerUserId);
    },

    /** The first still-valid entry waiting in a reader's line, locked; null if another node holds it. */
    async claimFirstWaiting(db: Executor, readerUserId: string, now: Date) {
      const [row] = await db
        .select()
        .from(sessionCallbacks)
        .where(
          and(
            eq(sessionCallbacks.readerUserId, readerUserId),
            eq(sessionCallbacks.status, "waiting"),
            sql`${sessionCallbacks.expiresAt} > ${now.toISOString()}::timestamptz`,
          ),
        )
        .orderBy(asc(sessionCallbacks.seq))
        .limit(1)
        .for("update", { skipLocked: true });
      return row ?? null;
    },

    async hasOpenOffer(db: Executor, readerUserId: string, now: Date) {
      const [row] = await db
        .select({ id: sessionCallbacks.id })
        .from(sessionCallbacks)
        .where(
          and(
            eq(sessionCallbacks.readerUserId, readerUserId),
            eq(sessionCallbacks.status, "offered"),
            sql`${sessionCallbacks.offerExpiresAt} > ${now.toISOString()}::timestamptz`,
          ),
        );
      return Boolean(row);
    },

    async contactOf(db: Executor, userId: string) {
      const [row] = await db
        .select({ email: users.email, name: users.name })
        .from(users)
        .where(eq(users.id, userId));
      return row ?? null;
    },
  };
}
