import { randomUUID } from "node:crypto";
import type pg from "pg";
import { loadServer } from "./server.js";
import { freshDatabase, insertBenchUsers, runFor } from "./support.js";

const WORKERS = 8;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const MAX_OPERATIONS = 2_000_000;
const WALLETS_PER_WORKER = 16;

/**
 * Ledger throughput: 8 workers debit wallets with the 70/30 split through the ledger service,
 * against the raw-SQL baseline of a single-wallet debit (lock the wallet row, insert an entry,
 * update the balance), and the same baseline with one shared house row added to show its cost.
 */
export async function runLedgerBench() {
  const { connectDatabase, createLedgerService, systemClock } = await loadServer();
  const database = await freshDatabase();
  const handle = connectDatabase(database.url, { maxConnections: WORKERS + 2 });
  try {
    const ledger = createLedgerService({ db: handle.db, clock: systemClock });
    const clients = await seedUsers(handle.pool, "client", WORKERS * WALLETS_PER_WORKER);
    const readers = await seedUsers(handle.pool, "reader", WORKERS);
    for (const client of clients) {
      await ledger.transfer({
        idempotencyKey: `fund-${client}`,
        code: "adjustment",
        legs: [
          { from: { kind: "promotions" }, to: { kind: "wallet", userId: client }, amountCents: 900_000_000 },
        ],
      });
    }
    await ledger.chargeWithSplit(chargeInput(clients[0] ?? "", readers[0] ?? "")); // warm caches

    const service = await runFor(WORKERS, DURATION_MS, MAX_OPERATIONS, (worker, iteration) =>
      ledger
        .chargeWithSplit(
          chargeInput(
            clients[worker * WALLETS_PER_WORKER + (iteration % WALLETS_PER_WORKER)] ?? "",
            readers[worker] ?? "",
          ),
        )
        .then(() => undefined),
    );
    console.log(`ledger service: ${service.operations} split debits in ${service.seconds.toFixed(1)} s`);

    await createBaselineTables(handle.pool);
    const baseline = await runFor(WORKERS, DURATION_MS, MAX_OPERATIONS, (worker, iteration) =>
      rawDebit(handle.pool, worker * WALLETS_PER_WORKER + (iteration % WALLETS_PER_WORKER) + 1, false),
    );
    console.log(`raw single-wallet debit: ${baseline.operations} in ${baseline.seconds.toFixed(1)} s`);
    const shared = await runFor(WORKERS, DURATION_MS, MAX_OPERATIONS, (worker, iteration) =>
      rawDebit(handle.pool, worker * WALLETS_PER_WORKER + (iteration % WALLETS_PER_WORKER) + 1, true),
    );
    console.log(`raw debit + one shared house row: ${shared.operations} in ${shared.seconds.toFixed(1)} s`);

    const report = await ledger.verify();
    console.log(
      `ledger:verify after the run: ${report.violations.length === 0 ? "clean" : "VIOLATIONS"} (${report.transfers} transfers)`,
    );
    const result = {
      bench: "ledger",
      workers: WORKERS,
      durationMs: DURATION_MS,
      transfersPerSecond: Math.round(service.perSecond),
      baselinePerSecond: Math.round(baseline.perSecond),
      sharedHouseRowPerSecond: Math.round(shared.perSecond),
      ratio: Number((service.perSecond / baseline.perSecond).toFixed(3)),
      verifyClean: report.violations.length === 0,
    };
    console.log(JSON.stringify(result));
    return result;
  } finally {
    await handle.close();
    await database.stop();
  }
}

function chargeInput(payerUserId: string, readerUserId: string) {
  return {
    idempotencyKey: randomUUID(),
    code: "session_charge" as const,
    payerUserId,
    readerUserId,
    amountCents: 199,
  };
}

async function seedUsers(pool: pg.Pool, role: string, count: number) {
  const ids = Array.from({ length: count }, () => randomUUID());
  await insertBenchUsers(pool, ids, role);
  return ids;
}

async function createBaselineTables(pool: pg.Pool) {
  await pool.query(`
    create table bench_wallets (id int primary key, balance_cents bigint not null check (balance_cents >= 0));
    create table bench_entries (id bigserial primary key, wallet_id int not null, amount_cents bigint not null,
                                created_at timestamptz not null default now());
    create table bench_house (id int primary key, balance_cents bigint not null);
    insert into bench_wallets select g, 900000000 from generate_series(1, ${WORKERS * WALLETS_PER_WORKER}) g;
    insert into bench_house values (1, 0);`);
}

async function rawDebit(pool: pg.Pool, walletId: number, withSharedHouseRow: boolean) {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const locked = await client.query("select balance_cents from bench_wallets where id = $1 for update", [
      walletId,
    ]);
    if (Number(locked.rows[0].balance_cents) < 199) throw new Error("bench wallet empty");
    await client.query("insert into bench_entries (wallet_id, amount_cents) values ($1, -199)", [walletId]);
    await client.query("update bench_wallets set balance_cents = balance_cents - 199 where id = $1", [
      walletId,
    ]);
    if (withSharedHouseRow)
      await client.query("update bench_house set balance_cents = balance_cents + 199 where id = 1");
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}
