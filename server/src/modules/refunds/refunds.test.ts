import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { sandboxReader } from "../../../test/payouts-kit.js";
import { READING_TEST_ENV, readingKit } from "../../../test/readings-kit.js";

let t: TestApp;
let kit: ReturnType<typeof readingKit>;
beforeAll(async () => {
  // Earnings are available at once, so a refund can find them already paid out.
  t = await createTestApp({ ...READING_TEST_ENV, PAYOUT_PENDING_HOURS: "0", PAYOUT_MIN_CENTS: "100" });
  kit = readingKit(t, await t.app.listen({ port: 0, host: "127.0.0.1" }));
});
afterAll(async () => {
  await t.close();
});

/** A reading of 150 s at $1.99 a minute, ended: 497 charged, 347 to the reader, 150 to the platform. */
async function endedReading() {
  const reading = await kit.activeReading(2_000);
  t.clock.advance(150_000);
  const ended = await kit.call("POST", `/api/v1/readings/${reading.readingId}/end`, reading.client.cookie);
  expect(ended.json().reading).toMatchObject({ chargedCents: 497 });
  reading.clientLive.close();
  reading.readerLive.close();
  return reading;
}

const refund = (cookie: string, readingId: string, amountCents: number, key: string = randomUUID()) =>
  kit.call("POST", `/api/v1/admin/readings/${readingId}/refunds`, cookie, {
    amountCents,
    reason: "The connection kept dropping",
    idempotencyKey: key,
  });

describe("refunds of readings", () => {
  it("takes a part back from reader and platform 70/30, in exact cents, once per key", async () => {
    const { readingId, client, reader } = await endedReading();
    const admin = await t.signedIn("admin");
    const walletBefore = await t.services.ledger.balance(client.user.id);
    const key = `partial-${randomUUID()}`;
    const first = await refund(admin.cookie, readingId, 200, key);
    expect(first.statusCode, first.body).toBe(200);
    // 200 × 347 / 497 = 139.6…: the reader gives back 139, the platform 61; together exactly 200.
    expect(first.json()).toMatchObject({
      created: true,
      refundedCents: 200,
      readerCents: 139,
      platformCents: 61,
      owedCents: 0,
      refundableCents: 297,
    });
    const again = await refund(admin.cookie, readingId, 200, key);
    expect(again.json()).toMatchObject({ created: false, transferId: first.json().transferId });
    expect(await t.services.ledger.balance(client.user.id)).toBe(walletBefore + 200);
    expect(await t.services.ledger.balance(reader.user.id, "earnings")).toBe(347 - 139);
    // The rest, then the same request again: answered with the first result, nothing moves.
    const restKey = `rest-${randomUUID()}`;
    const rest = await refund(admin.cookie, readingId, 297, restKey);
    expect(rest.json()).toMatchObject({ created: true, refundableCents: 0 });
    const replay = await refund(admin.cookie, readingId, 297, restKey);
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toMatchObject({
      created: false,
      transferId: rest.json().transferId,
      readerCents: rest.json().readerCents,
    });
    expect(await t.services.ledger.balance(client.user.id)).toBe(walletBefore + 497);
    const tooMuch = await refund(admin.cookie, readingId, 1);
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.code).toBe("INVALID_AMOUNT");
    const audit = await t.database.pool.query(
      "select details->>'reason' as reason from audit_log where action = 'reading.refunded' and object_id = $1",
      [readingId],
    );
    // One entry per refund made; the replay made none.
    expect(audit.rows).toEqual([
      { reason: "The connection kept dropping" },
      { reason: "The connection kept dropping" },
    ]);
  });

  it("never refunds more than was charged when admins refund at once", async () => {
    const { readingId, client } = await endedReading();
    const admins = await Promise.all([t.signedIn("admin"), t.signedIn("admin")]);
    const walletBefore = await t.services.ledger.balance(client.user.id);
    // Six refunds of 100 race on real parallel connections: at most 4 fit into 497.
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        refund((admins[index % 2] ?? admins[0]).cookie, readingId, 100),
      ),
    );
    const accepted = answers.filter((answer) => answer.statusCode === 200);
    expect(accepted).toHaveLength(4);
    expect(answers.filter((answer) => answer.statusCode === 400)).toHaveLength(2);
    expect(await t.services.ledger.balance(client.user.id)).toBe(walletBefore + 400);
  });

  it("books what was already paid out to the reader's receivable and nets it from the next payout", async () => {
    const { readingId, reader } = await endedReading();
    await sandboxReader(t).then(() => undefined); // another reader: not involved
    const cookie = reader.cookie;
    const started = await kit.call("POST", "/api/v1/readers/me/payouts/account", cookie);
    const accountId = new URL(started.json().url).pathname.split("/").at(-1) as string;
    await kit.call("POST", `/api/v1/sandbox/connect/${accountId}/complete`, cookie);
    const day = t.clock.now().toISOString().slice(0, 10);
    await t.services.payouts.run.daily(day);
    expect(await t.services.ledger.balance(reader.user.id, "earnings")).toBe(0);
    const admin = await t.signedIn("admin");
    const refunded = await refund(admin.cookie, readingId, 497);
    expect(refunded.json()).toMatchObject({ readerCents: 347, platformCents: 150, owedCents: 347 });
    expect(await t.services.ledger.balance(reader.user.id, "earnings")).toBe(0);
    expect(await t.services.ledger.balance(reader.user.id, "receivable")).toBe(-347);
    // New earnings pay the debt back first; only the rest is paid out.
    const client = await kit.fundedClient(1_000);
    await t.services.ledger.chargeWithSplit({
      idempotencyKey: `tip-${randomUUID()}`,
      code: "tip",
      payerUserId: client.user.id,
      readerUserId: reader.user.id,
      amountCents: 1_000,
    });
    const payout = await kit.call(
      "POST",
      `/api/v1/admin/payouts/readers/${reader.user.id}/pay-now`,
      admin.cookie,
      {
        reason: "Net the refund",
        idempotencyKey: `net-${randomUUID()}`,
      },
    );
    expect(payout.statusCode, payout.body).toBe(200);
    expect(payout.json().payout.amountCents).toBe(700 - 347);
    expect(await t.services.ledger.balance(reader.user.id, "receivable")).toBe(0);
    expect(await t.services.ledger.balance(reader.user.id, "earnings")).toBe(0);
  });

  it("is for admins only, and answers unknown readings and wrong input clearly", async () => {
    const { readingId, client, reader } = await endedReading();
    expect((await refund("", readingId, 100)).statusCode).toBe(401);
    expect((await refund(client.cookie, readingId, 100)).statusCode).toBe(403);
    expect((await refund(reader.cookie, readingId, 100)).statusCode).toBe(403);
    const admin = await t.signedIn("admin");
    expect((await refund(admin.cookie, randomUUID(), 100)).statusCode).toBe(404);
    const typed = await kit.call("POST", `/api/v1/admin/readings/${readingId}/refunds`, admin.cookie, {
      amountCents: "100",
      reason: "typed as text",
      idempotencyKey: randomUUID(),
    });
    expect(typed.statusCode).toBe(400);
    // A unit's hold in the client's history is not a charge: refunding it by transfer is refused.
    const history = await t.services.ledger.history(client.user.id, {});
    const hold = history.items.find(
      (item) => item.amountCents < 0 && item.references.readingId === readingId,
    );
    expect(hold).toBeDefined();
    const byTransfer = await kit.call("POST", "/api/v1/admin/refunds", admin.cookie, {
      transferId: hold?.transferId,
      amountCents: 100,
      reason: "Refund the hold",
      idempotencyKey: randomUUID(),
    });
    expect(byTransfer.statusCode).toBe(404);
    expect(await t.services.ledger.balance(client.user.id)).toBe(2_000 - 497);
  });

  it("refunds bookings for admins only, and answers unknown bookings and wrong input clearly", async () => {
    const { client, reader } = await endedReading();
    const admin = await t.signedIn("admin");
    const url = (bookingId: string) => `/api/v1/admin/bookings/${bookingId}/refunds`;
    const body = { amountCents: 100, reason: "Booking refund", idempotencyKey: randomUUID() };
    expect((await kit.call("POST", url(randomUUID()), null, body)).statusCode).toBe(401);
    expect((await kit.call("POST", url(randomUUID()), client.cookie, body)).statusCode).toBe(403);
    expect((await kit.call("POST", url(randomUUID()), reader.cookie, body)).statusCode).toBe(403);
    expect((await kit.call("POST", url(randomUUID()), admin.cookie, body)).statusCode).toBe(404);
    expect((await kit.call("POST", url("not-a-uuid"), admin.cookie, body)).statusCode).toBe(400);
    expect(
      (await kit.call("POST", url(randomUUID()), admin.cookie, { ...body, amountCents: 0 })).statusCode,
    ).toBe(400);
  });
});
