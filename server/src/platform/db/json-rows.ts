import { getTableColumns, type Table } from "drizzle-orm";

/**
 * A row that SQL handed back as JSON (`row_to_json`: column names, timestamps as text) in the
 * shape drizzle gives the table's rows (property names, Dates, numbers), for statements that
 * return rows of several tables at once.
 */
export function fromJsonRow<T extends Table>(table: T, json: Record<string, unknown>): T["$inferSelect"] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T["$inferSelect"];
}
