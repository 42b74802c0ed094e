import { eq, sql } from "drizzle-orm";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/harness.js";
import { connectDatabase, type DatabaseHandle } from "./database.js";
import { executePrepared, preparedNameOf, preparedQuery } from "./prepared.js";

let handle: DatabaseHandle;

beforeAll(async () => {
  // One connection, so every call below meets the statements the earlier ones prepared.
  handle = connectDatabase((await createTestDatabase()).url, { maxConnections: 1 });
  await handle.pool.query("create table prepared_probe (id int primary key, label text not null)");
});
afterAll(async () => {
  await handle.close();
});

const preparedOnConnection = async () =>
  (
    await executePrepared<{ name: string; statement: string }>(
      handle.db,
      sql`select name, statement from pg_prepared_statements order by name`,
    )
  ).rows;

describe("executePrepared", () => {
  it("answers like db.execute, values as parameters, and prepares each text once per connection", async () => {
    const insert = (id: number, label: string) =>
      executePrepared<{ id: number; label: string }>(
        handle.db,
        sql`insert into prepared_probe (id, label) values (${id}, ${label}) returning id, label`,
      );
    // Text that looks like SQL stays a value.
    const labels = ["plain", "it's 'quoted'", "$1; drop table prepared_probe; --", "ünïcödé ✨"];
    for (const [index, label] of labels.entries())
      expect((await insert(index + 1, label)).rows).toEqual([{ id: index + 1, label }]);
    const read = await executePrepared<{ label: string }>(
      handle.db,
      sql`select label from prepared_probe where id = ${1} or id = ${3} order by id`,
    );
    expect(read.rows.map((row) => row.label)).toEqual([labels[0], labels[2]]);

    const statements = await preparedOnConnection();
    const inserts = statements.filter((row) => row.statement.startsWith("insert into prepared_probe"));
    expect(inserts).toHaveLength(1);
    expect(inserts[0]?.name).toBe(preparedNameOf(inserts[0]?.statement ?? ""));
  });

  it("gives each variant of a text its own name, and runs in a transaction too", async () => {
    const byColumn = (column: "id" | "label") =>
      sql`select ${sql.raw(column)}::text as value from prepared_probe where id = ${1}`;
    await handle.db.transaction(async (tx) => {
      expect((await executePrepared<{ value: string }>(tx, byColumn("id"))).rows).toEqual([{ value: "1" }]);
      expect((await executePrepared<{ value: string }>(tx, byColumn("label"))).rows).toEqual([
        { value: "plain" },
      ]);
    });
    const names = (await preparedOnConnection())
      .filter((row) => row.statement.includes("::text as value"))
      .map((row) => row.name);
    expect(new Set(names).size).toBe(2);
  });

  it("stops naming new texts past its cap, and still runs them", async () => {
    const spliced = (n: number) => sql`select ${sql.raw(String(n))}::int as n, ${n}::int as m`;
    for (let n = 0; n < 300; n += 1)
      expect((await executePrepared<{ n: number; m: number }>(handle.db, spliced(n))).rows).toEqual([
        { n, m: n },
      ]);
    const statements = await preparedOnConnection();
    expect(statements.length).toBeLessThanOrEqual(256);
    expect(preparedNameOf("select 'a text never seen before'")).toBeUndefined();
  });
});

const probe = pgTable("prepared_probe", { id: integer("id").primaryKey(), label: text("label").notNull() });
const probeById = preparedQuery("probe_by_id", (db) =>
  db
    .select()
    .from(probe)
    .where(eq(probe.id, sql.placeholder("id"))),
);

describe("preparedQuery", () => {
  it("builds a query once per executor and runs it as one named statement, in a transaction too", async () => {
    expect(probeById(handle.db)).toBe(probeById(handle.db));
    expect(await probeById(handle.db).execute({ id: 3 })).toEqual([
      { id: 3, label: "$1; drop table prepared_probe; --" },
    ]);
    expect(await probeById(handle.db).execute({ id: 99 })).toEqual([]);
    await handle.db
      .transaction(async (tx) => {
        await tx.insert(probe).values({ id: 99, label: "only in this transaction" });
        // The transaction's own connection: it sees the row not yet committed.
        expect(await probeById(tx).execute({ id: 99 })).toEqual([
          { id: 99, label: "only in this transaction" },
        ]);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || !error.message.includes("Rollback")) throw error;
      });
    expect(await probeById(handle.db).execute({ id: 99 })).toEqual([]);
    const named = (await preparedOnConnection()).filter((row) => row.name === "soulseer_q_probe_by_id");
    expect(named).toHaveLength(1);
  });
});
