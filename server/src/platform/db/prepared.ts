import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Executor } from "./database.js";

const dialect = new PgDialect();
/**
 * At most this many statement texts get a name. A text that embeds values (it should not) would
 * otherwise grow every connection's statement cache without bound; past the cap, texts run
 * unnamed, as `db.execute` runs them.
 */
const MAX_NAMED_TEXTS = 256;
const names = new Map<string, string>();

/** The statement name of `text`: the same text always gets the same name on every connection. */
export function preparedNameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED_TEXTS) {
    name = `soulseer_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs `query` like `db.execute`, as a named prepared statement: each connection has PostgreSQL
 * parse and plan it once, not on every call. For the statements every request or every billing
 * batch runs: in the messages bench, planning the sign-in lookup took 7 times as long as running
 * it (0.18 ms a call), and planning the message send as long as running it. The name comes from
 * the text, so every variant of a statement (a side, a number of events) is its own statement.
 * Values must be parameters (`${value}`), never spliced into the text.
 */
export async function executePrepared<Row extends Record<string, unknown>>(
  db: Executor,
  query: SQL,
): Promise<{ rows: Row[] }> {
  const built = dialect.sqlToQuery(query);
  const prepared = db._.session.prepareQuery(built, undefined, preparedNameOf(built.sql), false);
  return (await prepared.execute()) as { rows: Row[] };
}

/**
 * A Drizzle query (built with `sql.placeholder` for its values) that runs as a named prepared
 * statement: built once per executor instead of on every call, and planned once per connection.
 * For the small lookups every live chat message and gift runs (the stream, a mute): in the gifts
 * bench, Drizzle building selects took about 9 % of the node's time. Inside a transaction it is
 * built once for that transaction. `name` must be unique to the query's text.
 */
export function preparedQuery<Query extends { prepare(name: string): unknown }>(
  name: string,
  build: (db: Executor) => Query,
) {
  const built = new WeakMap<Executor, ReturnType<Query["prepare"]>>();
  return (db: Executor): ReturnType<Query["prepare"]> => {
    let prepared = built.get(db);
    if (prepared === undefined) {
      prepared = build(db).prepare(`soulseer_q_${name}`) as ReturnType<Query["prepare"]>;
      built.set(db, prepared);
    }
    return prepared;
  };
}
