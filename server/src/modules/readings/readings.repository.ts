import { and, desc, eq, gt, gte, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import type { PresenceRow } from "./readings.last-seen.js";
import type { ReadingCause, ReadingState } from "./readings.state.js";
import { appNodes, readingConnections, readings, readingTransitions } from "./readings.tables.js";

export type ReadingRow = typeof readings.$inferSelect;

export interface MeterUpdate {
  id: string;
  billedMs: number;
  heldUnit: number | null;
  capturedUnits: number;
  holdId: string | null;
  accruedAt: Date;
  chargedCents: number;
  readerShareCents: number;
  dueAt: Date;
}

const DUE_STATES: ReadingState[] = ["created", "waiting", "active", "paused", "reconnecting", "ended"];

export function createReadingsRepository() {
  return {
    async insert(db: Executor, row: typeof readings.$inferInsert) {
      const [created] = await db.insert(readings).values(row).returning();
      if (!created) throw new Error("reading insert returned nothing");
      return created;
    },

    async find(db: Executor, id: string) {
      const [row] = await db.select().from(readings).where(eq(readings.id, id));
      return row ?? null;
    },

    /**
     * Locks one reading; waits for a biller or another request holding it. `no key update` (what an
     * UPDATE of the row takes): rows that reference the reading (chat messages) go on being written.
     */
    async lock(db: Executor, id: string) {
      const [row] = await db.select().from(readings).where(eq(readings.id, id)).for("no key update");
      return row ?? null;
    },

    /**
     * Readings whose deadline or next unit boundary has come, skipping those another node holds
     * (not those a chat message being stored references: `no key update`, as in `lock`).
     */
    async claimDue(db: Executor, now: Date, limit: number) {
      return db
        .select()
        .from(readings)
        .where(and(inArray(readings.state, DUE_STATES), lte(readings.dueAt, now)))
        .orderBy(readings.dueAt)
        .limit(limit)
        .for("no key update", { skipLocked: true });
    },

    /** Readings not yet finalized, counted by state (for metrics). */
    async countOpenByState(db: Executor) {
      return db
        .select({ state: readings.state, count: sql<number>`count(*)::int` })
        .from(readings)
        .where(inArray(readings.state, DUE_STATES))
        .groupBy(readings.state);
    },

    /** The earliest deadline or unit boundary that has come and not been handled (null when none). */
    async oldestDueAt(db: Executor, now: Date) {
      const [row] = await db
        .select({ dueAt: sql<Date | string | null>`min(${readings.dueAt})` })
        .from(readings)
        .where(and(inArray(readings.state, DUE_STATES), lte(readings.dueAt, now)));
      return row?.dueAt ? new Date(row.dueAt) : null;
    },

    /** Ids of a user's open readings, as client or reader (at most one of each). */
    async openIdsOf(db: Executor, userId: string) {
      const rows = await db
        .select({ id: readings.id })
        .from(readings)
        .where(
          and(
            inArray(readings.state, ["created", "waiting", "active", "paused", "reconnecting"]),
            or(eq(readings.clientUserId, userId), eq(readings.readerUserId, userId)),
          ),
        );
      return rows.map((row) => row.id);
    },

    async update(db: Executor, id: string, changes: Partial<typeof readings.$inferInsert>) {
      const [row] = await db.update(readings).set(changes).where(eq(readings.id, id)).returning();
      if (!row) throw new Error(`reading ${id} vanished`);
      return row;
    },

    async recordTransition(
      db: Executor,
      row: {
        readingId: string;
        fromState: ReadingState | null;
        toState: ReadingState;
        cause: ReadingCause;
        at: Date;
      },
    ) {
      await db.insert(readingTransitions).values(row);
    },

    async transitionsOf(db: Executor, readingId: string) {
      return db
        .select()
        .from(readingTransitions)
        .where(eq(readingTransitions.readingId, readingId))
        .orderBy(readingTransitions.id);
    },

    /** A person's open readings (at most one as client and one as reader). */
    async openFor(db: Executor, userId: string) {
      return db
        .select({ id: readings.id })
        .from(readings)
        .where(
          and(
            or(eq(readings.clientUserId, userId), eq(readings.readerUserId, userId)),
            sql`state in ('created', 'waiting', 'active', 'paused', 'reconnecting')`,
          ),
        );
    },

    async listFor(db: Executor, userId: string, limit: number) {
      return db
        .select()
        .from(readings)
        .where(or(eq(readings.clientUserId, userId), eq(readings.readerUserId, userId)))
        .orderBy(desc(readings.createdAt))
        .limit(limit);
    },

    /** Readings that started between this client and this reader, latest first. */
    async between(db: Executor, clientUserId: string, readerUserId: string, limit: number) {
      return db
        .select()
        .from(readings)
        .where(
          and(
            eq(readings.clientUserId, clientUserId),
            eq(readings.readerUserId, readerUserId),
            sql`${readings.startedAt} is not null`,
          ),
        )
        .orderBy(desc(readings.createdAt))
        .limit(limit);
    },

    /** Adds (or removes, with a negative delta) this node's connections of a participant. */
    async addConnections(
      db: Executor,
      key: { readingId: string; userId: string; nodeId: string },
      delta: number,
      seenAt?: Date,
    ) {
      await db
        .insert(readingConnections)
        .values({ ...key, connections: Math.max(0, delta), seenAt: seenAt ?? null })
        .onConflictDoUpdate({
          target: [readingConnections.readingId, readingConnections.userId, readingConnections.nodeId],
          set: {
            connections: sql`greatest(0, ${readingConnections.connections} + ${delta})`,
            ...(seenAt
              ? { seenAt: sql`greatest(${readingConnections.seenAt}, ${seenAt.toISOString()}::timestamptz)` }
              : {}),
          },
        });
      await db
        .delete(readingConnections)
        .where(
          and(
            eq(readingConnections.readingId, key.readingId),
            eq(readingConnections.userId, key.userId),
            eq(readingConnections.nodeId, key.nodeId),
            lte(readingConnections.connections, 0),
          ),
        );
    },

    /**
     * Each connection to these readings' rooms on a live node (one row per participant and
     * node): the node's last heartbeat (`now` for the calling node, which is alive by definition)
     * and the participant's last frame there as written with it. `untilSeen` (readings.last-seen.ts)
     * makes presence of them. One query for many readings.
     */
    async presenceOfMany(
      db: Executor,
      readingIds: string[],
      aliveSince: Date,
      selfNodeId: string,
      now: Date,
    ): Promise<PresenceRow[]> {
      if (readingIds.length === 0) return [];
      const rows = await db
        .select({
          readingId: readingConnections.readingId,
          userId: readingConnections.userId,
          nodeId: readingConnections.nodeId,
          nodeSeenAt: appNodes.seenAt,
          frameSeenAt: readingConnections.seenAt,
        })
        .from(readingConnections)
        .innerJoin(appNodes, eq(appNodes.id, readingConnections.nodeId))
        .where(
          and(
            inArray(readingConnections.readingId, readingIds),
            gt(readingConnections.connections, 0),
            or(eq(appNodes.id, selfNodeId), gt(appNodes.seenAt, aliveSince)),
          ),
        );
      return rows.map((row) => (row.nodeId === selfNodeId ? { ...row, nodeSeenAt: now } : row));
    },

    /** The biller's meter columns of many readings in one statement. */
    async updateMeters(db: Executor, rows: MeterUpdate[]) {
      if (rows.length === 0) return 0;
      const records = rows.map((row) => ({
        id: row.id,
        billed_ms: row.billedMs,
        held_unit: row.heldUnit,
        captured_units: row.capturedUnits,
        hold_id: row.holdId,
        accrued_at: row.accruedAt.toISOString(),
        charged_cents: row.chargedCents,
        reader_share_cents: row.readerShareCents,
        due_at: row.dueAt.toISOString(),
      }));
      const result = await db.execute(sql`
        update reading_sessions s
        set billed_ms = x.billed_ms, held_unit = x.held_unit, captured_units = x.captured_units,
            hold_id = x.hold_id, accrued_at = x.accrued_at, charged_cents = x.charged_cents,
            reader_share_cents = x.reader_share_cents, due_at = x.due_at
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(
          id uuid, billed_ms bigint, held_unit integer, captured_units integer, hold_id uuid,
          accrued_at timestamptz, charged_cents bigint, reader_share_cents bigint, due_at timestamptz)
        where s.id = x.id`);
      return result.rowCount ?? 0;
    },

    async heartbeatNode(db: Executor, nodeId: string, at: Date) {
      await db
        .insert(appNodes)
        .values({ id: nodeId, startedAt: at, seenAt: at })
        .onConflictDoUpdate({ target: appNodes.id, set: { seenAt: at } });
    },

    /**
     * Writes this node's participants' last frames (one statement for the lot, with the
     * heartbeat): a value only ever moves forward; a connection not yet recorded is skipped.
     */
    async markSeen(
      db: Executor,
      nodeId: string,
      seen: readonly { readingId: string; userId: string; seenAt: Date }[],
    ) {
      if (seen.length === 0) return;
      const records = seen.map((entry) => ({
        session_id: entry.readingId,
        user_id: entry.userId,
        seen_at: entry.seenAt.toISOString(),
      }));
      await db.execute(sql`
        update session_connections c
        set seen_at = greatest(c.seen_at, x.seen_at)
        from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(session_id uuid, user_id text, seen_at timestamptz)
        where c.session_id = x.session_id and c.user_id = x.user_id and c.node_id = ${nodeId}`);
    },

    /** Nodes that stopped heartbeating: their connections no longer count. */
    async deadNodes(db: Executor, staleBefore: Date, limit: number) {
      return db.select().from(appNodes).where(lt(appNodes.seenAt, staleBefore)).limit(limit);
    },

    async connectionsOfNode(db: Executor, nodeId: string, limit: number) {
      return db.select().from(readingConnections).where(eq(readingConnections.nodeId, nodeId)).limit(limit);
    },

    async deleteConnection(db: Executor, key: { readingId: string; userId: string; nodeId: string }) {
      await db
        .delete(readingConnections)
        .where(
          and(
            eq(readingConnections.readingId, key.readingId),
            eq(readingConnections.userId, key.userId),
            eq(readingConnections.nodeId, key.nodeId),
          ),
        );
    },

    async deleteNode(db: Executor, nodeId: string) {
      await db.delete(appNodes).where(eq(appNodes.id, nodeId));
    },

    // ----- For earnings: the reader's shares of finished readings -----

    /** The reader's share of finished readings since each moment, in one pass. */
    async sharesSince(db: Executor, readerUserId: string, since: Date[]) {
      const sums = since.map(
        (moment) =>
          sql<number>`coalesce(sum(${readings.readerShareCents}) filter (where ${readings.finalizedAt} >= ${moment.toISOString()}::timestamptz), 0)::bigint`,
      );
      const [row] = await db
        .select({ totals: sql<string[]>`array[${sql.join(sums, sql`, `)}]::text[]` })
        .from(readings)
        .where(and(eq(readings.readerUserId, readerUserId), eq(readings.state, "finalized")));
      return (row?.totals ?? since.map(() => "0")).map(Number);
    },

    /** Share per UTC day since `from` (days without readings are absent). */
    async sharesByDay(db: Executor, readerUserId: string, from: Date) {
      const day = sql<string>`to_char(${readings.finalizedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
      const rows = await db
        .select({ day, cents: sql<string>`sum(${readings.readerShareCents})` })
        .from(readings)
        .where(
          and(
            eq(readings.readerUserId, readerUserId),
            eq(readings.state, "finalized"),
            gte(readings.finalizedAt, from),
          ),
        )
        .groupBy(day);
      return rows.map((row) => ({ day: row.day, cents: Number(row.cents) }));
    },

    async recentPaidReadings(db: Executor, readerUserId: string, limit: number) {
      return db
        .select()
        .from(readings)
        .where(
          and(
            eq(readings.readerUserId, readerUserId),
            eq(readings.state, "finalized"),
            gt(readings.chargedCents, 0),
          ),
        )
        .orderBy(desc(readings.finalizedAt))
        .limit(limit);
    },

    // ----- The reader's summary note to the client, written after the reading -----

    /** The reader's summary note of a reading. */
    async readerNoteOf(db: Executor, readingId: string) {
      const [row] = await db
        .select({ text: readings.readerNote, at: readings.readerNoteAt })
        .from(readings)
        .where(eq(readings.id, readingId));
      return row?.text && row.at ? { text: row.text, at: row.at } : null;
    },

    async setReaderNote(db: Executor, readingId: string, text: string, at: Date) {
      await db.update(readings).set({ readerNote: text, readerNoteAt: at }).where(eq(readings.id, readingId));
    },
  };
}

export type ReadingsRepository = ReturnType<typeof createReadingsRepository>;
