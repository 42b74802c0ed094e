import { type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig } from "drizzle-orm/pg-core";
import type { Executor } from "./db/database.js";

/**
 * The personal-data registry: every module declares, in its `create<Domain>Module`, each of its
 * tables that holds a person's data (`personalData` in the module contract): the columns that name
 * the person, what their export holds, and what deleting their account does to the rows. The
 * privacy module runs these declarations (one generic export, one erase transaction); a test
 * compares them with the database, so a new table with a user column cannot be forgotten.
 *
 * The rule for "a column that names a person" (checked in personal-data-registry.test.ts): a
 * foreign key to `users.id`, or a text column named `user_id`, `*_user_id`, `*_by`, or one of
 * `client_id`, `reader_id`, `author_id`, `sender_id`, `recipient_id`, `owner_id`, `actor_id`.
 * Every such column must be listed in `userColumns` of its table's entry (or `users.id` itself).
 */

/** What the erase step knows: the person and the moment. */
export interface EraseContext {
  userId: string;
  /** Their email before anonymization (tables keyed by address, like the outbox). */
  email: string;
  now: Date;
}

type Value = string | number | boolean | null | Date | SQL;

export type EraseAction =
  /** Removes the rows where any of `by` is the person. */
  | { kind: "delete"; by: readonly string[]; matchEmail?: boolean; where?: SQL }
  /** Overwrites columns of the rows where any of `by` is the person (free text, names, contacts). */
  | {
      kind: "scrub";
      by: readonly string[];
      set: Record<string, Value | ((context: EraseContext) => Value)>;
      where?: SQL;
    };

export interface PersonalDataTable {
  /** The table's SQL name. */
  table: string;
  /** Every column that names a person (user ids); or that holds their address (`emailColumns`). */
  userColumns: readonly string[];
  emailColumns?: readonly string[];
  /** Columns left out of the export (secrets: tokens, password hashes). */
  omitFromExport?: readonly string[];
  /** Export only rows where these name the person (default: all `userColumns`), e.g. another's private notes about them stay out. */
  exportBy?: readonly string[];
  /** The person's rows for the export, when a plain `where column = id` is not what they own. */
  exportRows?(userId: string): Promise<unknown[]>;
  /** What deleting the account does to the rows; an empty list needs `kept`. */
  erase: readonly EraseAction[];
  /** Why rows (or columns) stay as they are, e.g. money history. */
  kept?: string;
  /** A column with object-storage keys of the person's files, removed with the account. */
  fileKeyColumn?: { column: string; by: string };
}

/** Each entry of the registry, as declared with the drizzle table (names come from it). */
export function personalDataTable<T extends PgTable>(
  table: T,
  spec: {
    userColumns: readonly PgColumn[];
    emailColumns?: readonly PgColumn[];
    omitFromExport?: readonly PgColumn[];
    exportBy?: readonly PgColumn[];
    exportRows?(userId: string): Promise<unknown[]>;
    erase: readonly (
      | { kind: "delete"; by: readonly PgColumn[]; matchEmail?: boolean; where?: SQL }
      | {
          kind: "scrub";
          by: readonly PgColumn[];
          set: Array<[PgColumn, Value | ((context: EraseContext) => Value)]>;
          where?: SQL;
        }
    )[];
    kept?: string;
    fileKeyColumn?: { column: PgColumn; by: PgColumn };
  },
): PersonalDataTable {
  const names = (columns: readonly PgColumn[] | undefined) => (columns ?? []).map((column) => column.name);
  return {
    table: getTableConfig(table).name,
    userColumns: names(spec.userColumns),
    emailColumns: names(spec.emailColumns),
    omitFromExport: names(spec.omitFromExport),
    exportBy: spec.exportBy && names(spec.exportBy),
    exportRows: spec.exportRows,
    erase: spec.erase.map((action) =>
      action.kind === "delete"
        ? { kind: "delete", by: names(action.by), matchEmail: action.matchEmail, where: action.where }
        : {
            kind: "scrub",
            by: names(action.by),
            set: Object.fromEntries(action.set.map(([column, value]) => [column.name, value])),
            where: action.where,
          },
    ),
    kept: spec.kept,
    fileKeyColumn: spec.fileKeyColumn && {
      column: spec.fileKeyColumn.column.name,
      by: spec.fileKeyColumn.by.name,
    },
  };
}

/** Bounds the export of one table (a person with more rows gets the newest part, and a note). */
export const EXPORT_ROW_LIMIT = 10_000;

function matches(columns: readonly string[], value: string): SQL {
  const parts = columns.map((column) => sql`${sql.identifier(column)} = ${value}`);
  return parts.length === 0 ? sql`false` : sql.join(parts, sql` or `);
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (result as { rows: Record<string, unknown>[] }).rows;
}

/** The person's rows of one registered table, secrets left out. */
export async function exportTable(db: Executor, entry: PersonalDataTable, userId: string, email: string) {
  const rows = entry.exportRows
    ? ((await entry.exportRows(userId)) as Record<string, unknown>[])
    : rowsOf(
        await db.execute(
          sql`select * from ${sql.identifier(entry.table)}
              where ${matches(entry.exportBy ?? entry.userColumns, userId)}
                 or ${matches(entry.emailColumns ?? [], email)}
              limit ${EXPORT_ROW_LIMIT}`,
        ),
      );
  const omit = new Set(entry.omitFromExport ?? []);
  return rows.map((row) =>
    omit.size === 0 ? row : Object.fromEntries(Object.entries(row).filter(([key]) => !omit.has(key))),
  );
}

/** The object-storage keys of the person's files in one table (read before the erase). */
export async function fileKeysOf(db: Executor, entry: PersonalDataTable, userId: string) {
  if (!entry.fileKeyColumn) return [];
  const { column, by } = entry.fileKeyColumn;
  const rows = rowsOf(
    await db.execute(
      sql`select ${sql.identifier(column)} as key from ${sql.identifier(entry.table)}
          where ${sql.identifier(by)} = ${userId} and ${sql.identifier(column)} is not null`,
    ),
  );
  return rows.map((row) => String(row.key));
}

/** Runs one table's erase actions inside the caller's transaction. */
export async function eraseTable(tx: Executor, entry: PersonalDataTable, context: EraseContext) {
  for (const action of entry.erase) {
    const who =
      action.kind === "delete" && action.matchEmail
        ? sql`(${matches(action.by, context.userId)} or ${matches(entry.emailColumns ?? [], context.email)})`
        : sql`(${matches(action.by, context.userId)})`;
    const where = action.where ? sql`${who} and (${action.where})` : who;
    if (action.kind === "delete") {
      await tx.execute(sql`delete from ${sql.identifier(entry.table)} where ${where}`);
      continue;
    }
    const assignments = Object.entries(action.set).map(([column, value]) => {
      const resolved = typeof value === "function" ? value(context) : value;
      return sql`${sql.identifier(column)} = ${resolved}`;
    });
    await tx.execute(
      sql`update ${sql.identifier(entry.table)} set ${sql.join(assignments, sql`, `)} where ${where}`,
    );
  }
}
