/*
 * About 630 lines on purpose: the ledger façade's whole contract (transfers, holds, stored
 * references, limits, the bulk ledger_post_many path, verify, rollbacks) against one database, so a
 * change to any ledger file is checked against all of it in one place.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { DomainError } from "../../platform/http/errors.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const key = (label: string) => `${label}-${randomUUID()}`;

async function fundedClient(amountCents: number) {
  const user = await t.createUser("client");
  await t.services.ledger.transfer({
    idempotencyKey: key("fund"),
    code: "adjustment",
    legs: [{ from: { kind: "promotions" }, to: { kind: "wallet", userId: user.id }, amountCents }],
  });
  return user;
}

async function errorCode(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe("ledger transfers", () => {
  it("moves money between accounts with a 70/30 split, to the cent", async () => {
    const client = await fundedClient(1_000);
    const reader = await t.createUser("reader");
    const revenueBefore = await t.services.ledger.houseBalance("platform_revenue");
    const result = await t.services.ledger.chargeWithSplit({
      idempotencyKey: key("charge"),
      code: "session_charge",
      payerUserId: client.id,
      readerUserId: reader.id,
      amountCents: 333,
    });
    expect(result.created).toBe(true);
    expect(await t.services.ledger.balance(client.id)).toBe(667);
    expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(233);
    expect((await t.services.ledger.houseBalance("platform_revenue")) - revenueBefore).toBe(100);
    // One charge is one row of the client's history: the split's two legs leave the wallet as one entry.
    const history = await t.services.ledger.history(client.id, {});
    expect(history.items.filter((item) => item.transferId === result.transferId)).toMatchObject([
      { amountCents: -333, code: "session_charge" },
    ]);
  });

  it("50 racing debits on a wallet that covers 20: exactly 20 succeed, balance 0, never negative", async () => {
    const client = await fundedClient(20 * 150);
    const reader = await t.createUser("reader");
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        errorCode(
          t.services.ledger.chargeWithSplit({
            idempotencyKey: key(`race-${index}`),
            code: "session_charge",
            payerUserId: client.id,
            readerUserId: reader.id,
            amountCents: 150,
          }),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(20);
    expect(outcomes.filter((outcome) => outcome === "INSUFFICIENT_FUNDS")).toHaveLength(30);
    expect(await t.services.ledger.balance(client.id)).toBe(0);
    expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(20 * 105);
  });

  it("20 racing calls with one idempotency key make one transfer", async () => {
    const client = await fundedClient(10_000);
    const reader = await t.createUser("reader");
    const idempotencyKey = key("same");
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.services.ledger.chargeWithSplit({
          idempotencyKey,
          code: "gift",
          payerUserId: client.id,
          readerUserId: reader.id,
          amountCents: 500,
        }),
      ),
    );
    expect(new Set(results.map((result) => result.transferId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await t.services.ledger.balance(client.id)).toBe(9_500);
    const rows = await t.database.pool.query(
      "select count(*)::int as n from ledger_transfers where idempotency_key = $1",
      [idempotencyKey],
    );
    expect(rows.rows[0].n).toBe(1);
  });

  it.each([0, -5, 1.5, Number.NaN, 10_000_000_000])(
    "refuses the amount %s and moves nothing",
    async (amountCents) => {
      const client = await fundedClient(1_000);
      const entriesBefore = await t.count("ledger_entries");
      const code = await errorCode(
        t.services.ledger.transfer({
          idempotencyKey: key("bad"),
          code: "adjustment",
          legs: [{ from: { kind: "wallet", userId: client.id }, to: { kind: "promotions" }, amountCents }],
        }),
      );
      expect(code).toBe("INVALID_AMOUNT");
      expect(await t.count("ledger_entries")).toBe(entriesBefore);
    },
  );

  it("keeps entries and transfers immutable in the database itself", async () => {
    await fundedClient(100);
    await expect(
      t.database.pool.query("update ledger_entries set amount_cents = amount_cents + 1"),
    ).rejects.toThrow(/LEDGER_IMMUTABLE/);
    await expect(t.database.pool.query("delete from ledger_transfers")).rejects.toThrow(/LEDGER_IMMUTABLE/);
    await expect(
      t.database.pool.query("update ledger_accounts set balance_cents = -1 where kind = 'wallet'"),
    ).rejects.toThrow(/ledger_accounts_non_negative/);
  });
});

describe("holds", () => {
  it("captures part of a hold: reader and platform split the capture, the rest goes back", async () => {
    const client = await fundedClient(1_000);
    const reader = await t.createUser("reader");
    const hold = await t.services.ledger.hold({
      idempotencyKey: key("hold"),
      userId: client.id,
      amountCents: 600,
      code: "booking_hold",
    });
    expect(await t.services.ledger.balance(client.id)).toBe(400);
    const captured = await t.services.ledger.captureHold({
      idempotencyKey: key("capture"),
      holdId: hold.id,
      amountCents: 250,
      readerUserId: reader.id,
      code: "booking_capture",
    });
    expect(captured?.hold?.status).toBe("captured");
    expect(await t.services.ledger.balance(client.id)).toBe(750);
    expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(175);
  });

  it("racing capture and void of one hold: exactly one wins", async () => {
    for (let round = 0; round < 5; round += 1) {
      const client = await fundedClient(1_000);
      const reader = await t.createUser("reader");
      const hold = await t.services.ledger.hold({
        idempotencyKey: key("hold"),
        userId: client.id,
        amountCents: 400,
        code: "booking_hold",
      });
      const outcomes = await Promise.all([
        errorCode(
          t.services.ledger.captureHold({
            idempotencyKey: key("capture"),
            holdId: hold.id,
            amountCents: 400,
            readerUserId: reader.id,
            code: "booking_capture",
          }),
        ),
        errorCode(t.services.ledger.voidHold({ idempotencyKey: key("void"), holdId: hold.id })),
      ]);
      expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === "HOLD_ALREADY_RESOLVED")).toHaveLength(1);
      const balance = await t.services.ledger.balance(client.id);
      expect([600, 1_000]).toContain(balance);
    }
  });

  it("repeating a capture with its key returns the first result and moves nothing", async () => {
    const client = await fundedClient(1_000);
    const reader = await t.createUser("reader");
    const hold = await t.services.ledger.hold({
      idempotencyKey: key("hold"),
      userId: client.id,
      amountCents: 300,
      code: "booking_hold",
    });
    const captureKey = key("capture");
    const capture = () =>
      t.services.ledger.captureHold({
        idempotencyKey: captureKey,
        holdId: hold.id,
        amountCents: 300,
        readerUserId: reader.id,
        code: "booking_capture",
      });
    const first = await capture();
    const second = await capture();
    expect(second?.transferId).toBe(first?.transferId);
    expect(second?.replayed).toBe(true);
    expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(210);
  });

  it("refuses a hold larger than the wallet", async () => {
    const client = await fundedClient(100);
    expect(
      await errorCode(
        t.services.ledger.hold({
          idempotencyKey: key("hold"),
          userId: client.id,
          amountCents: 101,
          code: "booking_hold",
        }),
      ),
    ).toBe("INSUFFICIENT_FUNDS");
    expect(await t.services.ledger.balance(client.id)).toBe(100);
  });
});

describe("holds named by the caller", () => {
  it("store a new hold under the id given, and answer a replayed key with the first hold's id", async () => {
    const client = await fundedClient(1_000);
    const named = randomUUID();
    const input = {
      idempotencyKey: key("named-hold"),
      userId: client.id,
      amountCents: 150,
      code: "session_charge" as const,
    };
    const first = await t.database.db.transaction((tx) =>
      t.services.ledger.holdMany([{ ...input, holdId: named }], tx),
    );
    expect(first.get(input.idempotencyKey)).toBe(named);
    const again = await t.database.db.transaction((tx) =>
      t.services.ledger.holdMany([{ ...input, holdId: randomUUID() }], tx),
    );
    expect(again.get(input.idempotencyKey)).toBe(named);
    const stored = await t.database.pool.query("select id from ledger_holds where idempotency_key = $1", [
      input.idempotencyKey,
    ]);
    expect(stored.rows).toEqual([{ id: named }]);
    expect(await t.services.ledger.balance(client.id)).toBe(850);
  });
});

describe("stored references", () => {
  it("keep the key sessionId for a reading in transfers and holds, on every path, and read back as readingId", async () => {
    const client = await fundedClient(1_000);
    const reader = await t.createUser("reader");
    await t.services.ledger.ensureAccount(reader.id, "earnings");
    const readingId = randomUUID();
    const references = { readingId };
    const single = await t.services.ledger.hold({
      idempotencyKey: key("hold-one"),
      userId: client.id,
      amountCents: 100,
      code: "session_charge",
      references,
    });
    const batch = await t.database.db.transaction((tx) =>
      t.services.ledger.holdMany(
        [
          {
            idempotencyKey: key("hold-many"),
            userId: client.id,
            amountCents: 100,
            code: "session_charge",
            references,
          },
        ],
        tx,
      ),
    );
    await t.services.ledger.chargeWithSplit({
      idempotencyKey: key("tip"),
      code: "tip",
      payerUserId: client.id,
      readerUserId: reader.id,
      amountCents: 100,
      references,
    });
    const holds = await t.database.pool.query<{ references: Record<string, string> }>(
      `select "references" from ledger_holds where id = any($1::uuid[])`,
      [[single.id, ...batch.values()]],
    );
    const transfers = await t.database.pool.query<{ references: Record<string, string> }>(
      `select distinct t."references" from ledger_transfers t join ledger_entries e on e.transfer_id = t.id
       join ledger_accounts a on a.id = e.account_id where a.owner_user_id = $1`,
      [client.id],
    );
    expect(holds.rows.map((row) => row.references)).toEqual([
      { sessionId: readingId },
      { sessionId: readingId },
    ]);
    for (const row of transfers.rows) expect(Object.keys(row.references)).not.toContain("readingId");
    const history = await t.services.ledger.history(client.id, { code: "tip" });
    expect(history.items[0]?.references).toEqual({ readingId });
  });
});

describe("spending limits", () => {
  it("refuses a spend that would pass the daily limit, counting holds and giving back releases", async () => {
    const client = await fundedClient(10_000);
    const reader = await t.createUser("reader");
    await t.database.pool.query(
      "insert into spending_limits (user_id, period, limit_cents) values ($1, 'daily', 1000)",
      [client.id],
    );
    const charge = (amountCents: number) =>
      errorCode(
        t.services.ledger.chargeWithSplit({
          idempotencyKey: key("spend"),
          code: "gift",
          payerUserId: client.id,
          readerUserId: reader.id,
          amountCents,
        }),
      );
    expect(await charge(600)).toBeNull();
    const hold = await t.services.ledger.hold({
      idempotencyKey: key("hold"),
      userId: client.id,
      amountCents: 400,
      code: "booking_hold",
    });
    expect(await charge(1)).toBe("SPENDING_LIMIT_REACHED");
    await t.services.ledger.voidHold({ idempotencyKey: key("void"), holdId: hold.id });
    expect(await charge(400)).toBeNull();
    expect(await charge(1)).toBe("SPENDING_LIMIT_REACHED");
    // Top-ups and adjustments are not spending.
    await t.services.ledger.transfer({
      idempotencyKey: key("adjust"),
      code: "adjustment",
      legs: [{ from: { kind: "wallet", userId: client.id }, to: { kind: "promotions" }, amountCents: 50 }],
    });
    expect(await t.services.ledger.balance(client.id)).toBe(10_000 - 1_000 - 50);
  });
});

describe("ledger_post_many", () => {
  const NOW = new Date("2026-03-10T12:00:00.000Z");

  /** Three wallets (the first with a daily limit, the last frozen), earnings, and two house accounts. */
  async function world() {
    const clients = [await fundedClient(1_000), await fundedClient(600), await fundedClient(400)];
    const reader = await t.createUser("reader");
    await t.services.ledger.ensureAccount(reader.id, "earnings");
    const ids = await t.database.pool.query<{ id: string }>(
      `select id from ledger_accounts
       where (kind = 'wallet' and owner_user_id = any($1)) or (kind = 'earnings' and owner_user_id = $2)
       order by array_position($1, owner_user_id) nulls last`,
      [clients.map((client) => client.id), reader.id],
    );
    const house = await t.database.pool.query<{ id: string }>(
      `select id from ledger_accounts where owner_user_id is null and shard = 15
         and kind in ('promotions', 'holds') order by kind desc`,
    );
    const accounts = [...ids.rows, ...house.rows].map((row) => Number(row.id));
    await t.database.pool.query("update ledger_accounts set frozen_at = now() where id = $1", [accounts[2]]);
    await t.database.pool.query(
      "insert into spending_limits (user_id, period, limit_cents) values ($1, 'daily', 1200)",
      [clients[0]?.id],
    );
    return { accounts, wallets: accounts.slice(0, 3) };
  }

  const transferShape = fc.record({
    key: fc.nat(5),
    code: fc.constantFrom("adjustment", "gift", "refund", "hold"),
    legs: fc.array(fc.record({ from: fc.nat(5), to: fc.nat(5), cents: fc.integer({ min: 1, max: 700 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    spend: fc.option(
      fc.record({
        wallet: fc.nat(2),
        cents: fc.integer({ min: -400, max: 600 }).filter((cents) => cents !== 0),
        daysAgo: fc.nat(1),
      }),
      { nil: null },
    ),
    unbalanced: fc.boolean().map((flag) => flag && Math.random() < 0.1),
  });

  type Shape = typeof transferShape extends fc.Arbitrary<infer T> ? T : never;

  /** The `ledger_post` arguments of a shape; key 5 is a transfer that already exists. */
  function asPosting(
    shape: Shape,
    world: { accounts: number[]; wallets: number[] },
    run: string,
    existing: string,
  ) {
    const accountIds = shape.legs.flatMap((leg) => [world.accounts[leg.from], world.accounts[leg.to]]);
    const amounts = shape.legs.flatMap((leg) => [-leg.cents, leg.cents]);
    if (shape.unbalanced) amounts[0] = (amounts[0] ?? 0) + 1;
    const day = new Date(NOW.getTime() - (shape.spend?.daysAgo ?? 0) * 86_400_000).toISOString().slice(0, 10);
    return {
      idempotency_key: shape.key === 5 ? existing : `${run}-${shape.key}`,
      code: shape.code,
      refs: { run },
      account_ids: accountIds,
      amounts,
      spend_account_id: shape.spend ? world.wallets[shape.spend.wallet] : null,
      spend_cents: shape.spend?.cents ?? 0,
      spend_day: shape.spend ? day : null,
      now: NOW.toISOString(),
    };
  }

  /** Runs the postings one by one or all at once in a transaction, reads the books, rolls back. */
  async function outcome(
    postings: ReturnType<typeof asPosting>[],
    mode: "one by one" | "many",
    world: { accounts: number[]; wallets: number[] },
    run: string,
  ) {
    const client = await t.database.pool.connect();
    try {
      await client.query("begin");
      const created: boolean[] = [];
      if (mode === "one by one") {
        for (const p of postings) {
          const result = await client.query<{ created: boolean }>(
            `select created from ledger_post($1, $2, $3::jsonb, $4::bigint[], $5::bigint[], $6::bigint, $7::bigint,
               $8::date, $9::timestamptz)`,
            [
              p.idempotency_key,
              p.code,
              JSON.stringify(p.refs),
              p.account_ids,
              p.amounts,
              p.spend_account_id,
              p.spend_cents,
              p.spend_day,
              p.now,
            ],
          );
          created.push(result.rows[0]?.created ?? false);
        }
      } else {
        const result = await client.query<{ created: boolean }>(
          "select created from ledger_post_many($1::jsonb) order by ordinal",
          [JSON.stringify(postings)],
        );
        created.push(...result.rows.map((row) => row.created));
      }
      const balances = await client.query(
        "select id, balance_cents from ledger_accounts where id = any($1) order by id",
        [world.accounts],
      );
      const entries = await client.query(
        `select t.idempotency_key, t.code as transfer_code, t."references", e.account_id, e.amount_cents, e.code,
                e.created_at
         from ledger_entries e join ledger_transfers t on t.id = e.transfer_id
         where t.idempotency_key like $1 order by e.id`,
        [`${run}-%`],
      );
      const spend = await client.query(
        "select account_id, day, spent_cents from ledger_daily_spend where account_id = any($1) order by 1, 2",
        [world.wallets],
      );
      return { ok: true, created, balances: balances.rows, entries: entries.rows, spend: spend.rows };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    } finally {
      await client.query("rollback");
      client.release();
    }
  }

  it("posts exactly what ledger_post one by one posts: same refusals, balances, entries and spend", async () => {
    const books = await world();
    const existing = key("existing");
    await t.database.pool.query(
      `select ledger_post($1, 'adjustment', '{}'::jsonb, $2::bigint[], array[-5, 5]::bigint[], null, 0, null, now())`,
      [existing, [books.accounts[4], books.accounts[0]]],
    );
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(transferShape, { minLength: 1, maxLength: 12 }), async (shapes) => {
        const run = key("run");
        const postings = shapes.map((shape) => asPosting(shape, books, run, existing));
        const one = await outcome(postings, "one by one", books, run);
        const many = await outcome(postings, "many", books, run);
        expect(many.ok).toBe(one.ok);
        if (one.ok) expect(many).toEqual(one);
        else refused += 1;
      }),
      { numRuns: 150 },
    );
    // Both kinds of batch were tried. Most random batches hold a refused posting, so accepted ones
    // are few (9 in a run that failed when 11 were asked for): at least 3.
    expect(refused).toBeGreaterThan(10);
    expect(150 - refused).toBeGreaterThanOrEqual(3);
  });

  it("a repeated batch, and a key repeated inside one, move the money once", async () => {
    const client = await fundedClient(1_000);
    const reader = await t.createUser("reader");
    const first = key("first");
    const batch = [first, key("second"), first].map((idempotencyKey) => ({
      idempotencyKey,
      code: "gift" as const,
      legs: [
        {
          from: { kind: "wallet", userId: client.id } as const,
          to: { kind: "earnings", userId: reader.id } as const,
          amountCents: 100,
        },
      ],
    }));
    const once = await t.services.ledger.transferMany(batch);
    expect(once.map((result) => result.created)).toEqual([true, true, false]);
    expect(once[2]?.transferId).toBe(once[0]?.transferId);
    const again = await t.services.ledger.transferMany(batch);
    expect(again.map((result) => result.created)).toEqual([false, false, false]);
    expect(again.map((result) => result.transferId)).toEqual(once.map((result) => result.transferId));
    expect(await t.services.ledger.balance(client.id)).toBe(800);
    expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(200);
  });

  it.each([
    ["INSUFFICIENT_FUNDS", "overdraws the wallet"],
    ["ACCOUNT_FROZEN", "takes from a frozen wallet"],
    ["SPENDING_LIMIT_REACHED", "passes the daily limit"],
  ])("a refusal (%s) of the last transfer undoes the whole batch: %s", async (code) => {
    const payer = await fundedClient(1_000);
    const other = await fundedClient(1_000);
    const reader = await t.createUser("reader");
    if (code === "ACCOUNT_FROZEN")
      await t.database.pool.query(
        "update ledger_accounts set frozen_at = now() where kind = 'wallet' and owner_user_id = $1",
        [other.id],
      );
    if (code === "SPENDING_LIMIT_REACHED")
      await t.database.pool.query(
        "insert into spending_limits (user_id, period, limit_cents) values ($1, 'daily', 500)",
        [other.id],
      );
    const pay = (from: string, amountCents: number) => ({
      idempotencyKey: key("batch"),
      code: "gift" as const,
      legs: [
        {
          from: { kind: "wallet", userId: from } as const,
          to: { kind: "earnings", userId: reader.id } as const,
          amountCents,
        },
      ],
    });
    const last = code === "INSUFFICIENT_FUNDS" ? pay(other.id, 1_001) : pay(other.id, 600);
    const batch = [pay(payer.id, 300), pay(payer.id, 200), last];
    expect(await errorCode(t.services.ledger.transferMany(batch))).toBe(code);
    expect(await t.services.ledger.balance(payer.id)).toBe(1_000);
    expect(await t.services.ledger.balance(other.id)).toBe(1_000);
    expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(0);
    const keys = batch.map((transfer) => transfer.idempotencyKey);
    const stored = await t.database.pool.query(
      "select count(*)::int as n from ledger_transfers where idempotency_key = any($1)",
      [keys],
    );
    expect(stored.rows[0].n).toBe(0);
  });

  it("batches racing on the same accounts from parallel connections never deadlock and keep balances exact", async () => {
    const clients = await Promise.all(Array.from({ length: 6 }, () => fundedClient(1_000_000)));
    const expected = new Map(clients.map((client) => [client.id, 1_000_000]));
    const workers = 8;
    const batchesPerWorker = 12;
    const failures: unknown[] = [];
    await Promise.all(
      Array.from({ length: workers }, async (_, worker) => {
        for (let batch = 0; batch < batchesPerWorker; batch += 1) {
          const transfers = Array.from({ length: 30 }, (_, index) => {
            const from = clients[(worker + batch + index) % clients.length];
            const to = clients[(worker * 7 + index * 5 + 1) % clients.length];
            const toHouse = (worker + index) % 3 === 0;
            const amountCents = 1 + ((worker * 31 + batch * 17 + index) % 97);
            if (!from || !to) throw new Error("no client");
            expected.set(from.id, (expected.get(from.id) ?? 0) - amountCents);
            if (!toHouse) expected.set(to.id, (expected.get(to.id) ?? 0) + amountCents);
            return {
              idempotencyKey: key(`race-${worker}-${batch}-${index}`),
              code: "adjustment" as const,
              legs: [
                {
                  from: { kind: "wallet", userId: from.id } as const,
                  to: toHouse
                    ? ({ kind: "promotions" } as const)
                    : ({ kind: "wallet", userId: to.id } as const),
                  amountCents,
                },
              ],
            };
          });
          // Every other batch the other way round, so lock orders would cross if they were not sorted.
          if (batch % 2 === 1) transfers.reverse();
          await t.services.ledger.transferMany(transfers).catch((error: unknown) => failures.push(error));
        }
      }),
    );
    expect(failures).toEqual([]);
    for (const client of clients)
      expect(await t.services.ledger.balance(client.id)).toBe(expected.get(client.id));
  });
});

describe("ledger:verify", () => {
  it("keeps every account: deleting or truncating one is refused", async () => {
    const client = await fundedClient(100);
    const query = "delete from ledger_accounts where kind = 'wallet' and owner_user_id = $1";
    await expect(t.database.pool.query(query, [client.id])).rejects.toThrow(/LEDGER_IMMUTABLE/);
    await expect(t.database.pool.query("truncate ledger_accounts cascade")).rejects.toThrow(
      /LEDGER_IMMUTABLE/,
    );
    expect(await t.services.ledger.balance(client.id)).toBe(100);
  });

  it("passes on the books this file produced and fails on a corrupted copy", async () => {
    const clean = await t.services.ledger.verify();
    expect(clean.violations).toEqual([]);
    expect(clean.accounts).toBeGreaterThan(10);
    // Corrupt: drop a guarantee as a superuser could, then skew one balance.
    t.skipLedgerVerifyOnClose = true;
    await t.database.pool.query("alter table ledger_accounts drop constraint ledger_accounts_non_negative");
    await t.database.pool.query(
      "update ledger_accounts set balance_cents = balance_cents + 7 where id = (select min(id) from ledger_accounts where kind = 'wallet')",
    );
    // Entries written around the posting functions, naming a transfer and an account that do not exist.
    await t.database.pool.query(
      `insert into ledger_entries (transfer_id, account_id, amount_cents, code)
       values ($1, -1, 5, 'adjustment'), ($1, -2, -5, 'adjustment')`,
      [randomUUID()],
    );
    const corrupted = await t.services.ledger.verify();
    expect(corrupted.violations.map((violation) => violation.check)).toEqual(
      expect.arrayContaining(["sum_is_zero", "balance_matches_entries", "entries_belong"]),
    );
  });
});

describe("accounts made inside a transaction that rolls back", () => {
  it("are not remembered: the next transfer to that user makes the account again", async () => {
    const client = await fundedClient(1_000);
    const reader = await t.createUser("reader");
    const payReader = (idempotencyKey: string, db?: Parameters<typeof t.services.ledger.transfer>[1]) =>
      t.services.ledger.transfer(
        {
          idempotencyKey,
          code: "adjustment",
          legs: [
            {
              from: { kind: "wallet", userId: client.id },
              to: { kind: "earnings", userId: reader.id },
              amountCents: 100,
            },
          ],
        },
        db,
      );
    // The reader's first earnings account is created in a transaction that then fails.
    await expect(
      t.database.db.transaction(async (tx) => {
        await payReader(key("rolled-back"), tx);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await payReader(key("after"));
    expect(await t.services.ledger.balance(reader.id, "earnings")).toBe(100);
    expect(await t.services.ledger.balance(client.id)).toBe(900);
  });
});
