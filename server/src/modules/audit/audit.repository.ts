import { and, desc, eq, gte, lt, lte, or } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import { auditLog } from "./audit.tables.js";

export interface AuditEntryInput {
  /** Who acted (null: the platform itself). */
  actor: { userId: string; email: string } | null;
  action: string;
  objectType: string;
  objectId: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
}

export interface AuditFilters {
  action?: string;
  actorUserId?: string;
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
}

export function createAuditRepository() {
  return {
    async insert(db: Executor, entry: AuditEntryInput) {
      const { actor, ...fields } = entry;
      const [row] = await db
        .insert(auditLog)
        .values({ ...fields, actorUserId: actor?.userId ?? null, actorEmail: actor?.email ?? null })
        .returning();
      if (!row) throw new Error("audit insert returned no row");
      return row;
    },
    /** Many entries in one statement (a batch of payouts). */
    async insertMany(db: Executor, entries: AuditEntryInput[]) {
      if (entries.length === 0) return;
      await db.insert(auditLog).values(
        entries.map(({ actor, ...fields }) => ({
          ...fields,
          actorUserId: actor?.userId ?? null,
          actorEmail: actor?.email ?? null,
        })),
      );
    },
    async list(db: Executor, filters: AuditFilters, cursor: KeysetCursor | null, limit: number) {
      const conditions = [
        filters.action ? eq(auditLog.action, filters.action) : undefined,
        filters.actorUserId ? eq(auditLog.actorUserId, filters.actorUserId) : undefined,
        filters.objectType ? eq(auditLog.objectType, filters.objectType) : undefined,
        filters.objectId ? eq(auditLog.objectId, filters.objectId) : undefined,
        filters.from ? gte(auditLog.createdAt, filters.from) : undefined,
        filters.to ? lte(auditLog.createdAt, filters.to) : undefined,
        cursor
          ? or(
              lt(auditLog.createdAt, cursor.createdAt),
              and(eq(auditLog.createdAt, cursor.createdAt), lt(auditLog.id, cursor.id)),
            )
          : undefined,
      ];
      return db
        .select({
          id: auditLog.id,
          actorUserId: auditLog.actorUserId,
          actorEmail: auditLog.actorEmail,
          action: auditLog.action,
          objectType: auditLog.objectType,
          objectId: auditLog.objectId,
          details: auditLog.details,
          requestId: auditLog.requestId,
          createdAt: auditLog.createdAt,
        })
        .from(auditLog)
        .where(and(...conditions))
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(limit + 1);
    },
  };
}
