import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database, Executor } from "../../platform/db/database.js";
import { DEFAULT_PAGE_SIZE } from "../../platform/http/pagination.js";
import { type AuditEntryInput, type AuditFilters, createAuditRepository } from "./audit.repository.js";

export type AuditService = ReturnType<typeof createAuditService>;

/** The audit trail. `record` takes the caller's transaction so the entry commits with the action. */
export function createAuditService(deps: { db: Database }) {
  const repository = createAuditRepository();
  return {
    record(tx: Executor, entry: AuditEntryInput) {
      if (!entry.action || !entry.objectType)
        throw new Error("audit entry needs an action and an object type");
      return repository.insert(tx, entry);
    },
    /** Many entries in the caller's transaction, in one statement. */
    recordMany(tx: Executor, entries: AuditEntryInput[]) {
      for (const entry of entries)
        if (!entry.action || !entry.objectType)
          throw new Error("audit entry needs an action and an object type");
      return repository.insertMany(tx, entries);
    },
    async list(query: AuditFilters & { cursor?: string; limit?: number }) {
      const { cursor, limit = DEFAULT_PAGE_SIZE, ...filters } = query;
      const rows = await repository.list(deps.db, filters, decodeCursor(cursor), limit);
      const page = toPage(rows, limit);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
      };
    },
  };
}
