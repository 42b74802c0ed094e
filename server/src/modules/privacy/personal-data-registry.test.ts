import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";

/**
 * The personal-data registry against the real schema: every column that names a person (the rule
 * is in platform/personal-data.ts) must be declared by its table's entry, so a module that adds
 * such a table without saying how to export and erase it fails here.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const NAMED_COLUMNS = new Set([
  "user_id",
  "client_id",
  "reader_id",
  "author_id",
  "sender_id",
  "recipient_id",
  "owner_id",
  "actor_id",
]);

/** Does this column's name say it holds a person's user id? */
function namesAPerson(column: string) {
  return NAMED_COLUMNS.has(column) || column.endsWith("_user_id") || column.endsWith("_by");
}

async function personColumns() {
  const named = await t.database.pool.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type = 'text'`,
  );
  const foreignKeys = await t.database.pool.query<{ table_name: string; column_name: string }>(
    `select kcu.table_name, kcu.column_name
       from information_schema.table_constraints tc
       join information_schema.key_column_usage kcu
         on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
       join information_schema.constraint_column_usage ccu
         on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'
        and ccu.table_name = 'users' and ccu.column_name = 'id'`,
  );
  const found = new Set<string>();
  for (const row of named.rows)
    if (namesAPerson(row.column_name)) found.add(`${row.table_name}.${row.column_name}`);
  for (const row of foreignKeys.rows) found.add(`${row.table_name}.${row.column_name}`);
  return [...found].sort();
}

describe("the personal-data registry", () => {
  it("declares every column of the database that names a person", async () => {
    const registry = t.services.privacy.registry();
    const declared = new Set(
      registry.flatMap((entry) => entry.userColumns.map((column) => `${entry.table}.${column}`)),
    );
    const columns = await personColumns();
    // The rule finds the tables we know hold people (a sanity check of the rule itself).
    expect(columns).toEqual(
      expect.arrayContaining([
        "session_messages.sender_user_id",
        "reviews.client_user_id",
        "sessions.user_id",
      ]),
    );
    const missing = columns.filter((column) => !declared.has(column));
    expect(missing, "add these to the owning module's personalData (see platform/personal-data.ts)").toEqual(
      [],
    );
  });

  it("names only real tables and columns, once each, with a reason when rows are kept", async () => {
    const registry = t.services.privacy.registry();
    const tables = registry.map((entry) => entry.table);
    expect(new Set(tables).size).toBe(tables.length);
    const result = await t.database.pool.query<{ table_name: string; column_name: string }>(
      "select table_name, column_name from information_schema.columns where table_schema = 'public'",
    );
    const existing = new Set(result.rows.map((row) => `${row.table_name}.${row.column_name}`));
    for (const entry of registry) {
      const columns = [
        ...entry.userColumns,
        ...(entry.emailColumns ?? []),
        ...entry.erase.flatMap((action) => [
          ...action.by,
          ...(action.kind === "scrub" ? Object.keys(action.set) : []),
        ]),
      ];
      for (const column of columns)
        expect(existing, `${entry.table}.${column}`).toContain(`${entry.table}.${column}`);
      if (entry.erase.length === 0) expect(entry.kept, `${entry.table} keeps its rows: say why`).toBeTruthy();
    }
  });

  it("covers the address-keyed outbox, where mail bodies live", () => {
    const outbox = t.services.privacy.registry().find((entry) => entry.table === "email_outbox");
    expect(outbox?.emailColumns).toEqual(["to_address"]);
    expect(outbox?.erase).toEqual([expect.objectContaining({ kind: "delete", matchEmail: true })]);
  });
});
