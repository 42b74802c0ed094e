import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_PASSWORD, type TestApp, tokenFromEmail } from "../../../test/harness.js";
import { eventually } from "../../../test/live-client.js";
import { resolvedCaller } from "../../../test/principal.js";
import { type Live, READING_TEST_ENV, READING_TEST_RATE, readingKit } from "../../../test/readings-kit.js";
import { DomainError } from "../../platform/http/errors.js";
import { slotInstants } from "./bookings.view.js";

/**
 * Scheduled readings end to end on a real database: hours and slots, booking with a hold, the
 * slot held by the database under concurrent requests, each cancellation and no-show path with
 * exact cents, the booked reading on the reading engine at its flat price, the timed steps as
 * pg-boss jobs, and who may call each route.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 1 March 2027, 08:00 in London (GMT, so UTC too). */
const NOW = new Date("2027-03-01T08:00:00.000Z");
const SCHEDULED_RATE = 101;

let t: TestApp;
let kit: ReturnType<typeof readingKit>;
let baseUrl: string;
const sockets: Live[] = [];
beforeAll(async () => {
  t = await createTestApp({ ...READING_TEST_ENV, SESSION_GRACE_MS: String(60_000) });
  t.clock.set(NOW);
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  kit = readingKit(t, baseUrl);
});
afterAll(async () => {
  for (const socket of sockets) await socket.close();
  await t.close();
});

const call = (...args: Parameters<ReturnType<typeof readingKit>["call"]>) => kit.call(...args);
const at = (iso: string) => new Date(iso);

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "08:00", end: "20:00" }));
const HOURS = {
  timeZone: "Europe/London",
  weekly: EVERY_DAY,
  exceptions: [],
  lengthsMinutes: [15, 30, 45, 60],
  modalities: ["chat", "video"],
  bufferMinutes: 10,
  minNoticeMinutes: 60,
  horizonDays: 60,
};

async function bookableReader(hours: object = HOURS) {
  const { user } = await t.createReader({
    rates: { chat: READING_TEST_RATE, video: 499, scheduled: SCHEDULED_RATE },
    timeZone: "Europe/London",
  });
  const cookie = await t.signIn(user.email);
  const saved = await call("PUT", "/api/v1/readers/me/availability", cookie, hours);
  expect(saved.statusCode, saved.body).toBe(200);
  return { user, cookie };
}

function book(
  cookie: string,
  readerUserId: string,
  startsAt: Date,
  lengthMinutes = 15,
  extra: Record<string, unknown> = {},
) {
  return call("POST", "/api/v1/bookings", cookie, {
    readerUserId,
    modality: "chat",
    lengthMinutes,
    startsAt: startsAt.toISOString(),
    expectedPriceCents: SCHEDULED_RATE * lengthMinutes,
    timeZone: "America/Los_Angeles",
    ...extra,
  });
}

async function booked(startsAt: Date, lengthMinutes = 15, balanceCents = 10_000) {
  const reader = await bookableReader();
  const client = await kit.fundedClient(balanceCents);
  const response = await book(client.cookie, reader.user.id, startsAt, lengthMinutes);
  expect(response.statusCode, response.body).toBe(201);
  return { reader, client, booking: response.json().booking as { id: string; priceCents: number } };
}

const balance = (userId: string, kind: "wallet" | "earnings" = "wallet") =>
  t.services.ledger.balance(userId, kind);

async function bookingRow(id: string) {
  const result = await t.database.pool.query(
    `select status, refunded_cents::int as refunded, captured_cents::int as captured,
            reader_share_cents::int as reader_share, reading_id, cancelled_side as cancelled_by
       from bookings where id = $1`,
    [id],
  );
  return result.rows[0] as {
    status: string;
    refunded: number | null;
    captured: number | null;
    reader_share: number | null;
    reading_id: string | null;
    cancelled_by: string | null;
  };
}

async function noShowCount(readerUserId: string) {
  const result = await t.database.pool.query("select no_show_count from reader_profiles where user_id = $1", [
    readerUserId,
  ]);
  return result.rows[0]?.no_show_count as number;
}

/** Runs the timed steps due at the clock's time through their pg-boss jobs, and waits for them. */
async function runDueSteps() {
  await t.services.bookings.queueDueSteps();
  await eventually(
    async () =>
      Number(
        (
          await t.database.pool.query(
            `select count(*)::int as n from booking_steps where done_at is null and due_at <= $1`,
            [t.clock.now()],
          )
        ).rows[0].n,
      ),
    0,
    15_000,
  );
}

async function joinBooked(cookie: string, bookingId: string) {
  const joined = await call("POST", `/api/v1/bookings/${bookingId}/join`, cookie);
  expect(joined.statusCode, joined.body).toBe(200);
  const readingId = joined.json().readingId as string;
  const live = await kit.joinRoom(cookie, readingId);
  sockets.push(live);
  return { readingId, live };
}

describe("reader hours and slots", () => {
  it("stores hours in the reader's zone and lists slots as UTC instants", async () => {
    const reader = await bookableReader({
      ...HOURS,
      weekly: [{ weekday: 2, start: "09:00", end: "10:00" }],
      bufferMinutes: 0,
    });
    const mine = await call("GET", "/api/v1/readers/me/availability", reader.cookie);
    expect(mine.json()).toMatchObject({ saved: true, scheduledRateCents: SCHEDULED_RATE });
    const slots = await call(
      "GET",
      `/api/v1/readers/${reader.user.id}/slots?modality=chat&lengthMinutes=30&from=2027-03-01T00:00:00Z&to=2027-03-03T00:00:00Z`,
      null,
    );
    expect(slots.statusCode, slots.body).toBe(200);
    expect(slots.json()).toMatchObject({
      priceCents: SCHEDULED_RATE * 30,
      baseAt: "2027-03-01T00:00:00.000Z",
    });
    expect(slotInstants(slots.json())).toEqual([
      "2027-03-02T09:00:00.000Z",
      "2027-03-02T09:15:00.000Z",
      "2027-03-02T09:30:00.000Z",
    ]);
    // After the clocks go forward (28 March 2027), 09:00 in London is 08:00 UTC.
    const summer = await call(
      "GET",
      `/api/v1/readers/${reader.user.id}/slots?modality=chat&lengthMinutes=60&from=2027-03-29T00:00:00Z&to=2027-04-01T00:00:00Z`,
      null,
    );
    expect(slotInstants(summer.json())).toEqual(["2027-03-30T08:00:00.000Z"]);
  });

  it("refuses bad hours, unknown zones and unoffered lengths with a clear error", async () => {
    const reader = await bookableReader();
    const overlapping = await call("PUT", "/api/v1/readers/me/availability", reader.cookie, {
      ...HOURS,
      weekly: [
        { weekday: 1, start: "09:00", end: "12:00" },
        { weekday: 1, start: "11:00", end: "13:00" },
      ],
    });
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.json().error.code).toBe("VALIDATION_FAILED");
    const zone = await call("PUT", "/api/v1/readers/me/availability", reader.cookie, {
      ...HOURS,
      timeZone: "Mars/Olympus_Mons",
    });
    expect(zone.statusCode).toBe(400);
    const badTime = await call("PUT", "/api/v1/readers/me/availability", reader.cookie, {
      ...HOURS,
      weekly: [{ weekday: 1, start: "9am", end: "12:00" }],
    });
    expect(badTime.statusCode).toBe(400);
    const length = await call(
      "GET",
      `/api/v1/readers/${reader.user.id}/slots?modality=chat&lengthMinutes=20`,
      null,
    );
    expect(length.statusCode).toBe(400);
    const voice = await call(
      "GET",
      `/api/v1/readers/${reader.user.id}/slots?modality=voice&lengthMinutes=15`,
      null,
    );
    expect(voice.statusCode).toBe(400);
    // Nothing changed: the saved hours are the first ones.
    expect(
      (await call("GET", "/api/v1/readers/me/availability", reader.cookie)).json().availability.weekly,
    ).toEqual(EVERY_DAY);
  });
});

describe("booking", () => {
  it("holds the full price, sends both a calendar file and takes the slot off the list", async () => {
    const startsAt = at("2027-03-02T10:00:00Z");
    const { reader, client, booking } = await booked(startsAt, 30);
    expect(booking.priceCents).toBe(SCHEDULED_RATE * 30);
    expect(await balance(client.user.id)).toBe(10_000 - SCHEDULED_RATE * 30);
    const slots = await call(
      "GET",
      `/api/v1/readers/${reader.user.id}/slots?modality=chat&lengthMinutes=15&from=2027-03-02T09:00:00Z&to=2027-03-02T12:00:00Z`,
      null,
    );
    // 10:00–10:30 is taken, with a 10-minute buffer on each side.
    expect(slotInstants(slots.json())).toEqual([
      "2027-03-02T09:00:00.000Z",
      "2027-03-02T09:15:00.000Z",
      "2027-03-02T09:30:00.000Z",
      "2027-03-02T10:45:00.000Z",
      "2027-03-02T11:00:00.000Z",
      "2027-03-02T11:15:00.000Z",
      "2027-03-02T11:30:00.000Z",
      "2027-03-02T11:45:00.000Z",
    ]);
    const ics = await call("GET", `/api/v1/bookings/${booking.id}/calendar.ics`, client.cookie);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers["content-type"]).toContain("text/calendar");
    expect(ics.body).toContain(`UID:booking-${booking.id}@soulseer`);
    expect(ics.body).toContain("DTSTART:20270302T100000Z");
    const mail = await t.database.pool.query(
      "select subject, attachments from email_outbox where to_address = $1 and kind = 'booking-confirmed'",
      [client.user.email],
    );
    expect(mail.rows[0].attachments[0].content).toContain(`UID:booking-${booking.id}@soulseer`);
    const note = await t.database.pool.query(
      "select title from notifications where user_id = $1 and kind = 'booking-new'",
      [reader.user.id],
    );
    expect(note.rows).toHaveLength(1);
    const list = await call("GET", "/api/v1/bookings", client.cookie);
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([booking.id]);
    const readerList = await call("GET", "/api/v1/readers/me/bookings", reader.cookie);
    expect(readerList.json().items[0]).toMatchObject({
      id: booking.id,
      role: "reader",
      clientTimeZone: "America/Los_Angeles",
    });
  });

  it("refuses a changed price, a time outside the slots, a short wallet and a suspended client, holding nothing", async () => {
    const reader = await bookableReader();
    const client = await kit.fundedClient(1000);
    const startsAt = at("2027-03-02T10:00:00Z");
    const price = await book(client.cookie, reader.user.id, startsAt, 15, { expectedPriceCents: 1 });
    expect(price.statusCode).toBe(409);
    expect(price.json().error).toMatchObject({
      code: "PRICE_CHANGED",
      current: { priceCents: SCHEDULED_RATE * 15 },
    });
    for (const time of [
      "2027-03-02T10:05:00Z",
      "2027-03-02T21:00:00Z",
      "2027-03-01T08:30:00Z",
      "2027-06-01T10:00:00Z",
    ]) {
      const outside = await book(client.cookie, reader.user.id, at(time));
      expect(outside.statusCode, time).toBe(409);
      expect(outside.json().error.code, time).toBe("SLOT_UNAVAILABLE");
    }
    const short = await book(client.cookie, reader.user.id, startsAt, 60);
    expect(short.statusCode).toBe(402);
    expect(short.json().error.code).toBe("INSUFFICIENT_FUNDS");
    const typed = await call("POST", "/api/v1/bookings", client.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      lengthMinutes: "15",
      startsAt: startsAt.toISOString(),
      expectedPriceCents: SCHEDULED_RATE * 15,
      timeZone: "UTC",
    });
    expect(typed.statusCode).toBe(400);
    const zone = await book(client.cookie, reader.user.id, startsAt, 15, { timeZone: "Nowhere/Land" });
    expect(zone.statusCode).toBe(400);
    expect(await balance(client.user.id)).toBe(1000);
    const rows = await t.database.pool.query(
      "select count(*)::int as n from bookings where client_user_id = $1",
      [client.user.id],
    );
    expect(rows.rows[0].n).toBe(0);
  });

  it("gives one of 20 concurrent requests for a slot the slot, and the others SLOT_TAKEN with no hold left", async () => {
    const reader = await bookableReader();
    const clients = await Promise.all(Array.from({ length: 20 }, () => kit.fundedClient(5000)));
    const startsAt = at("2027-03-03T10:00:00Z");
    const answers = await Promise.all(clients.map((client) => book(client.cookie, reader.user.id, startsAt)));
    const codes = answers.map((answer) => answer.statusCode).sort();
    expect(
      answers
        .filter((answer) => answer.statusCode !== 201 && answer.statusCode !== 409)
        .map((answer) => answer.body),
    ).toEqual([]);
    expect(codes.filter((code) => code === 201)).toHaveLength(1);
    expect(
      answers.filter((answer) => answer.statusCode === 409).map((answer) => answer.json().error.code),
    ).toEqual(Array(19).fill("SLOT_TAKEN"));
    const balances = await Promise.all(clients.map((client) => balance(client.user.id)));
    expect(balances.filter((cents) => cents === 5000)).toHaveLength(19);
    // Every hold of the 20 was either rolled back with its refused booking or is the one booking's.
    const holds = await t.database.pool.query(
      `select count(*)::int as n from ledger_holds h join ledger_accounts a on a.id = h.wallet_account_id
        where a.owner_user_id = any($1)`,
      [clients.map((client) => client.user.id)],
    );
    expect(holds.rows[0].n).toBe(1);
  });

  it("lets only one of overlapping slots of different lengths through under concurrency", async () => {
    const reader = await bookableReader();
    const clients = await Promise.all(Array.from({ length: 12 }, () => kit.fundedClient(10_000)));
    const tries = [
      ["2027-03-04T10:00:00Z", 60],
      ["2027-03-04T10:30:00Z", 30],
      ["2027-03-04T10:15:00Z", 15],
      ["2027-03-04T09:45:00Z", 45],
    ] as const;
    const answers = await Promise.all(
      clients.map((client, index) => {
        const [time, length] = tries[index % tries.length] as (typeof tries)[number];
        return book(client.cookie, reader.user.id, at(time), length);
      }),
    );
    expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(1);
    expect(new Set(answers.filter((a) => a.statusCode !== 201).map((a) => a.json().error.code))).toEqual(
      new Set(["SLOT_TAKEN"]),
    );
    const confirmed = await t.database.pool.query(
      "select count(*)::int as n from bookings where reader_user_id = $1 and status = 'confirmed'",
      [reader.user.id],
    );
    expect(confirmed.rows[0].n).toBe(1);
    const total = (await Promise.all(clients.map((client) => balance(client.user.id)))).reduce(
      (a, b) => a + b,
      0,
    );
    const price = answers.find((answer) => answer.statusCode === 201)?.json().booking.priceCents as number;
    expect(total).toBe(12 * 10_000 - price);
  });
  it("never deadlocks when many race for one reader and several readers at one time", async () => {
    // Straight to the service (no HTTP between), so the inserts meet in PostgreSQL at once: two
    // inserts into one exclusion constraint can each wait for the other ("deadlock detected", a
    // 500) unless bookings of one person are taken in turn. Each client also asks every reader for
    // the same start, so the readers' and the clients' no-overlap rules cross too.
    const readers = await Promise.all(Array.from({ length: 3 }, () => bookableReader()));
    const clients = await Promise.all(Array.from({ length: 8 }, () => kit.fundedClient(100_000)));
    const principal = (user: { id: string; email: string }) => resolvedCaller(user.id, "client", user.email);
    for (let round = 0; round < 8; round += 1) {
      const when = new Date(at("2027-03-05T08:00:00Z").getTime() + round * 75 * 60_000);
      const tries = clients.flatMap((client, index) =>
        readers.map((reader, offset) => ({
          client,
          reader,
          length: ([15, 30, 45, 60] as const)[(index + offset) % 4] ?? 15,
        })),
      );
      const answers = await Promise.allSettled(
        tries.map(({ client, reader, length }) =>
          t.services.bookings.book(principal(client.user), {
            readerUserId: reader.user.id,
            modality: "chat",
            lengthMinutes: length,
            startsAt: when.toISOString(),
            expectedPriceCents: SCHEDULED_RATE * length,
            timeZone: "Asia/Kolkata",
          }),
        ),
      );
      const refused = answers.flatMap((answer) => (answer.status === "rejected" ? [answer.reason] : []));
      expect(
        refused
          .filter(
            (error) => !(error instanceof DomainError && ["SLOT_TAKEN", "CONFLICT"].includes(error.code)),
          )
          .map((error) => String((error as { cause?: unknown }).cause ?? error).slice(0, 120)),
      ).toEqual([]);
      const created = answers.length - refused.length;
      expect(created).toBeGreaterThanOrEqual(1);
      expect(created).toBeLessThanOrEqual(readers.length);
    }
    const perSide = await t.database.pool.query(
      `select count(*)::int as n,
              count(distinct (reader_user_id, starts_at))::int as readers,
              count(distinct (client_user_id, starts_at))::int as clients
         from bookings where status = 'confirmed' and reader_user_id = any($1)`,
      [readers.map((reader) => reader.user.id)],
    );
    const row = perSide.rows[0] as { n: number; readers: number; clients: number };
    expect(row.readers).toBe(row.n);
    expect(row.clients).toBe(row.n);
    const holds = await t.database.pool.query(
      `select count(*)::int as n from ledger_holds h join ledger_accounts a on a.id = h.wallet_account_id
        where a.owner_user_id = any($1)`,
      [clients.map((client) => client.user.id)],
    );
    expect(holds.rows[0].n).toBe(row.n);
  });
});

describe("spending limits", () => {
  it("counts a booking on the day it is booked, and a cancellation gives the room back", async () => {
    const reader = await bookableReader();
    const client = await kit.fundedClient(10_000);
    const limit = await call("PUT", "/api/v1/wallet/limits/daily", client.cookie, { limitCents: 2000 });
    expect(limit.statusCode, limit.body).toBe(200);
    const first = await book(client.cookie, reader.user.id, at("2027-03-06T10:00:00Z"), 15);
    expect(first.statusCode, first.body).toBe(201);
    // 1515 spent today: another 1515 would pass the 2000 limit, whatever day it is booked for.
    const second = await book(client.cookie, reader.user.id, at("2027-03-07T10:00:00Z"), 15);
    expect(second.statusCode).toBe(403);
    expect(second.json().error.code).toBe("SPENDING_LIMIT_REACHED");
    const cancelled = await call(
      "POST",
      `/api/v1/bookings/${first.json().booking.id}/cancel`,
      client.cookie,
      {},
    );
    expect(cancelled.statusCode).toBe(200);
    const again = await book(client.cookie, reader.user.id, at("2027-03-07T10:00:00Z"), 15);
    expect(again.statusCode, again.body).toBe(201);
  });
});

describe("cancelling", () => {
  it("gives everything back 24 hours or more ahead", async () => {
    const { reader, client, booking } = await booked(at("2027-03-03T12:00:00Z"), 15);
    t.clock.set(new Date(NOW.getTime() + 20 * MINUTE));
    try {
      const quote = await call("GET", `/api/v1/bookings/${booking.id}/cancellation`, client.cookie);
      expect(quote.json()).toMatchObject({ refundCents: 1515, capturedCents: 0 });
      const cancelled = await call("POST", `/api/v1/bookings/${booking.id}/cancel`, client.cookie, {
        reason: "Plans changed",
      });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json().booking).toMatchObject({
        status: "cancelled",
        cancelledBy: "client",
        refundedCents: 1515,
      });
      expect(await balance(client.user.id)).toBe(10_000);
      expect(await balance(reader.user.id, "earnings")).toBe(0);
      expect(await noShowCount(reader.user.id)).toBe(0);
      const again = await call("POST", `/api/v1/bookings/${booking.id}/cancel`, client.cookie, {});
      expect(again.statusCode).toBe(409);
      expect(await balance(client.user.id)).toBe(10_000);
    } finally {
      t.clock.set(NOW);
    }
  });

  it("gives half back under 24 hours (the client's half rounded up) and pays the reader 70 % of the rest", async () => {
    const { reader, client, booking } = await booked(at("2027-03-01T14:00:00Z"), 15);
    t.clock.set(new Date(NOW.getTime() + 11 * MINUTE));
    try {
      const cancelled = await call("POST", `/api/v1/bookings/${booking.id}/cancel`, client.cookie, {});
      expect(cancelled.json().booking).toMatchObject({ refundedCents: 758, capturedCents: 757 });
      expect(await balance(client.user.id)).toBe(10_000 - 757);
      expect(await balance(reader.user.id, "earnings")).toBe(529);
      expect((await bookingRow(booking.id)).reader_share).toBe(529);
      // An admin refunds part of the late-cancellation fee: 70/30 of it back, never more than it.
      // (Through the service: admin sessions here would lapse for inactivity on the moved clock;
      // the route and its roles are tested in refunds.test.ts.)
      const admin = await t.createUser("admin");
      const actor = resolvedCaller(admin.id, "admin", admin.email);
      const refund = async (amountCents: number, idempotencyKey = randomUUID()) => {
        try {
          const body = await t.services.refunds.refundBooking(
            actor,
            booking.id,
            { amountCents, reason: "The reader agreed to waive the fee", idempotencyKey },
            randomUUID(),
          );
          return { statusCode: 200, body: JSON.stringify(body), json: () => body };
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          return { statusCode: 400, body: error.code, json: () => ({ code: error.code }) };
        }
      };
      const partial = await refund(500);
      expect(partial.statusCode, partial.body).toBe(200);
      // 500 × 529 / 757 = 349.4…: the reader gives back 349, the platform 151.
      expect(partial.json()).toMatchObject({
        refundOf: "booking",
        readerCents: 349,
        platformCents: 151,
        refundableCents: 257,
      });
      const twice = await Promise.all([refund(257), refund(257)]);
      expect(twice.map((answer) => answer.statusCode).sort()).toEqual([200, 400]);
      expect(await balance(client.user.id)).toBe(10_000);
      expect(await balance(reader.user.id, "earnings")).toBe(529 - 349 - Math.floor((257 * 529) / 757));
      expect((await t.services.ledger.verify()).violations).toEqual([]);
    } finally {
      t.clock.set(NOW);
    }
  });

  it("gives everything back within 10 minutes of booking, even under 24 hours", async () => {
    const { client, booking } = await booked(at("2027-03-01T14:00:00Z"), 15);
    t.clock.set(new Date(NOW.getTime() + 9 * MINUTE));
    try {
      const cancelled = await call("POST", `/api/v1/bookings/${booking.id}/cancel`, client.cookie, {});
      expect(cancelled.json().booking).toMatchObject({ refundedCents: 1515, capturedCents: 0 });
      expect(await balance(client.user.id)).toBe(10_000);
    } finally {
      t.clock.set(NOW);
    }
  });

  it("gives everything back when the reader cancels, and marks the reader", async () => {
    const { reader, client, booking } = await booked(at("2027-03-01T14:00:00Z"), 15);
    t.clock.set(new Date(NOW.getTime() + 2 * HOUR));
    try {
      const cancelled = await call("POST", `/api/v1/bookings/${booking.id}/cancel`, reader.cookie, {
        reason: "Unwell",
      });
      expect(cancelled.json().booking).toMatchObject({
        status: "cancelled",
        cancelledBy: "reader",
        refundedCents: 1515,
      });
      expect(await balance(client.user.id)).toBe(10_000);
      expect(await noShowCount(reader.user.id)).toBe(1);
    } finally {
      t.clock.set(NOW);
    }
  });

  it("moves once for free at least 24 hours ahead, and not onto a taken time", async () => {
    const { reader, client, booking } = await booked(at("2027-03-05T10:00:00Z"), 30);
    const other = await kit.fundedClient(10_000);
    expect((await book(other.cookie, reader.user.id, at("2027-03-05T14:00:00Z"), 30)).statusCode).toBe(201);
    const onto = await call("POST", `/api/v1/bookings/${booking.id}/reschedule`, client.cookie, {
      startsAt: "2027-03-05T14:15:00Z",
    });
    expect(onto.statusCode).toBe(409);
    expect(onto.json().error.code).toBe("SLOT_TAKEN");
    const moved = await call("POST", `/api/v1/bookings/${booking.id}/reschedule`, client.cookie, {
      startsAt: "2027-03-06T11:00:00Z",
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().booking).toMatchObject({
      startsAt: "2027-03-06T11:00:00.000Z",
      canReschedule: false,
    });
    expect(await balance(client.user.id)).toBe(10_000 - 3030);
    const ics = await call("GET", `/api/v1/bookings/${booking.id}/calendar.ics`, client.cookie);
    expect(ics.body).toContain("SEQUENCE:1");
    const twice = await call("POST", `/api/v1/bookings/${booking.id}/reschedule`, client.cookie, {
      startsAt: "2027-03-07T11:00:00Z",
    });
    expect(twice.statusCode).toBe(409);
  });
});

describe("the booked reading", () => {
  it("runs its length on the engine and charges the flat price, split 70/30", async () => {
    const startsAt = at("2027-03-01T10:00:00Z");
    const { reader, client, booking } = await booked(startsAt, 15);
    t.clock.set(new Date(startsAt.getTime() - 4 * MINUTE));
    try {
      const readerRoom = await joinBooked(reader.cookie, booking.id);
      const clientRoom = await joinBooked(client.cookie, booking.id);
      expect(clientRoom.readingId).toBe(readerRoom.readingId);
      // Both are in the room before the start: it waits for its slot.
      expect(await kit.state(readerRoom.readingId)).toBe("waiting");
      t.clock.set(startsAt);
      await kit.keepalive(readerRoom.live, clientRoom.live);
      await t.services.readings.tick();
      expect(await kit.state(readerRoom.readingId)).toBe("active");
      for (let minute = 1; minute <= 15; minute += 1) {
        t.clock.set(new Date(startsAt.getTime() + minute * MINUTE));
        await kit.keepalive(readerRoom.live, clientRoom.live);
        await t.services.readings.tick();
      }
      const reading = await kit.reading(readerRoom.readingId);
      expect(reading).toMatchObject({ state: "finalized", end_cause: "time_up", charged_cents: 1515 });
      expect(await bookingRow(booking.id)).toMatchObject({
        status: "completed",
        captured: 1515,
        refunded: 0,
        reader_share: 1060,
      });
      expect(await balance(client.user.id)).toBe(10_000 - 1515);
      expect(await balance(reader.user.id, "earnings")).toBe(1060);
      // Refunding the booking refunds the reading it became.
      const admin = await t.createUser("admin");
      const refunded = await t.services.refunds.refundBooking(
        resolvedCaller(admin.id, "admin", admin.email),
        booking.id,
        { amountCents: 1515, reason: "The client could not hear the reader", idempotencyKey: randomUUID() },
        randomUUID(),
      );
      expect(refunded).toMatchObject({ refundOf: "reading", readerCents: 1060, refundableCents: 0 });
      expect(await balance(client.user.id)).toBe(10_000);
      // A booked reading of 15 minutes may be reviewed (3 billed minutes, not 3 booked lengths).
      const after = await call("GET", `/api/v1/readings/${readerRoom.readingId}/after`, client.cookie);
      expect(after.json()).toMatchObject({ canReview: true, reviewMinimumBilledMs: 180_000 });
    } finally {
      t.clock.set(NOW);
    }
  });

  it("charges only the connected share when the reader ends it early", async () => {
    const startsAt = at("2027-03-01T11:00:00Z");
    const { reader, client, booking } = await booked(startsAt, 15);
    t.clock.set(startsAt);
    try {
      const readerRoom = await joinBooked(reader.cookie, booking.id);
      const clientRoom = await joinBooked(client.cookie, booking.id);
      expect(await kit.state(readerRoom.readingId)).toBe("active");
      t.clock.set(new Date(startsAt.getTime() + 5 * MINUTE + 30_000));
      await kit.keepalive(readerRoom.live, clientRoom.live);
      const ended = await call("POST", `/api/v1/readings/${readerRoom.readingId}/end`, reader.cookie);
      expect(ended.statusCode, ended.body).toBe(200);
      // 330 of 900 seconds: floor(1515 × 330 / 900) = 555.
      expect(await bookingRow(booking.id)).toMatchObject({
        status: "completed",
        captured: 555,
        refunded: 960,
      });
      expect(await balance(client.user.id)).toBe(10_000 - 555);
    } finally {
      t.clock.set(NOW);
    }
  });

  it("charges the full price when the client ends it early", async () => {
    const startsAt = at("2027-03-01T12:00:00Z");
    const { client, reader, booking } = await booked(startsAt, 15);
    t.clock.set(startsAt);
    try {
      const readerRoom = await joinBooked(reader.cookie, booking.id);
      const clientRoom = await joinBooked(client.cookie, booking.id);
      t.clock.set(new Date(startsAt.getTime() + 2 * MINUTE));
      await kit.keepalive(readerRoom.live, clientRoom.live);
      const ended = await call("POST", `/api/v1/readings/${clientRoom.readingId}/end`, client.cookie);
      expect(ended.statusCode).toBe(200);
      expect(await bookingRow(booking.id)).toMatchObject({
        status: "completed",
        captured: 1515,
        refunded: 0,
      });
    } finally {
      t.clock.set(NOW);
    }
  });

  it("pays the reader in full when the client does not come", async () => {
    const startsAt = at("2027-03-01T13:00:00Z");
    const { reader, client, booking } = await booked(startsAt, 15);
    t.clock.set(new Date(startsAt.getTime() - 2 * MINUTE));
    try {
      const readerRoom = await joinBooked(reader.cookie, booking.id);
      t.clock.set(new Date(startsAt.getTime() + 10 * MINUTE + 1000));
      await kit.keepalive(readerRoom.live);
      await t.services.readings.tick();
      expect(await kit.reading(readerRoom.readingId)).toMatchObject({
        end_cause: "join_timeout",
        charged_cents: 1515,
      });
      expect(await bookingRow(booking.id)).toMatchObject({
        status: "client_no_show",
        captured: 1515,
        reader_share: 1060,
      });
      expect(await balance(client.user.id)).toBe(10_000 - 1515);
      expect(await noShowCount(reader.user.id)).toBe(0);
    } finally {
      t.clock.set(NOW);
    }
  });

  it("gives the client everything back and marks the reader when the reader does not come", async () => {
    const startsAt = at("2027-03-01T14:00:00Z");
    const { reader, client, booking } = await booked(startsAt, 15);
    t.clock.set(new Date(startsAt.getTime() + 1 * MINUTE));
    try {
      const clientRoom = await joinBooked(client.cookie, booking.id);
      t.clock.set(new Date(startsAt.getTime() + 11 * MINUTE));
      await kit.keepalive(clientRoom.live);
      await t.services.readings.tick();
      expect(await bookingRow(booking.id)).toMatchObject({
        status: "reader_no_show",
        captured: 0,
        refunded: 1515,
      });
      expect(await balance(client.user.id)).toBe(10_000);
      expect(await noShowCount(reader.user.id)).toBe(1);
    } finally {
      t.clock.set(NOW);
    }
  });

  it("treats nobody coming as the reader's no-show, through the no-show job", async () => {
    const startsAt = at("2027-03-01T15:00:00Z");
    const { reader, client, booking } = await booked(startsAt, 30);
    t.clock.set(new Date(startsAt.getTime() + 10 * MINUTE));
    try {
      await runDueSteps();
      expect(await bookingRow(booking.id)).toMatchObject({
        status: "reader_no_show",
        refunded: 3030,
        reading_id: null,
      });
      expect(await balance(client.user.id)).toBe(10_000);
      expect(await noShowCount(reader.user.id)).toBe(1);
      const late = await call("POST", `/api/v1/bookings/${booking.id}/join`, client.cookie);
      expect(late.statusCode).toBe(409);
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe("timed steps and on-demand readings", () => {
  it("sends the reminders once, to both, in the app and by email", async () => {
    const startsAt = at("2027-03-02T16:00:00Z");
    const { reader, client } = await booked(startsAt, 15);
    const reminders = async (userId: string) =>
      (
        await t.database.pool.query(
          "select title from notifications where user_id = $1 and kind = 'booking-reminder'",
          [userId],
        )
      ).rows.map((row) => row.title);
    t.clock.set(new Date(startsAt.getTime() - 24 * HOUR));
    try {
      await runDueSteps();
      await runDueSteps();
      expect(await reminders(client.user.id)).toEqual(["Your booked reading starts tomorrow"]);
      expect(await reminders(reader.user.id)).toEqual(["Your booked reading starts tomorrow"]);
      t.clock.set(new Date(startsAt.getTime() - 15 * MINUTE));
      await runDueSteps();
      expect(await reminders(client.user.id)).toHaveLength(2);
      // The emails are queued once the step's transaction has committed, after the step is done.
      const mailCount = async () =>
        (
          await t.database.pool.query(
            "select count(*)::int as n from email_outbox where to_address = $1 and kind = 'booking-reminder'",
            [client.user.email],
          )
        ).rows[0].n as number;
      await eventually(mailCount, 2);
      await runDueSteps();
      expect(await mailCount()).toBe(2);
    } finally {
      t.clock.set(NOW);
    }
  });

  it("shows the reader as booked soon, refuses on-demand requests then, and ends one in progress 5 minutes before", async () => {
    const startsAt = at("2027-03-01T17:00:00Z");
    const { reader, booking } = await booked(startsAt, 15);
    const onDemandClient = await kit.fundedClient(5000);
    // 30 minutes before: on-demand readings are still taken.
    t.clock.set(new Date(startsAt.getTime() - 30 * MINUTE));
    try {
      const online = await call("PUT", "/api/v1/readers/me/status", reader.cookie, { status: "online" });
      expect(online.statusCode, online.body).toBe(200);
      const requested = await call("POST", "/api/v1/readings", onDemandClient.cookie, {
        readerUserId: reader.user.id,
        modality: "chat",
        expectedRatePerUnitCents: READING_TEST_RATE,
      });
      expect(requested.statusCode, requested.body).toBe(201);
      const readingId = requested.json().reading.id as string;
      expect((await call("POST", `/api/v1/readings/${readingId}/accept`, reader.cookie)).statusCode).toBe(
        200,
      );
      const clientLive = await kit.joinRoom(onDemandClient.cookie, readingId);
      const readerLive = await kit.joinRoom(reader.cookie, readingId);
      sockets.push(clientLive, readerLive);
      expect(await kit.state(readingId)).toBe("active");
      const options = await call("GET", `/api/v1/readers/${reader.user.id}/booking-options`, null);
      expect(options.json()).toMatchObject({ bookable: true, bookedSoon: false });
      t.clock.set(new Date(startsAt.getTime() - 19 * MINUTE));
      expect(
        (await call("GET", `/api/v1/readers/${reader.user.id}/booking-options`, null)).json().bookedSoon,
      ).toBe(true);
      const another = await kit.fundedClient(5000);
      const refused = await call("POST", "/api/v1/readings", another.cookie, {
        readerUserId: reader.user.id,
        modality: "chat",
        expectedRatePerUnitCents: READING_TEST_RATE,
      });
      expect(refused.statusCode).toBe(409);
      t.clock.set(new Date(startsAt.getTime() - 10 * MINUTE));
      await kit.keepalive(clientLive, readerLive);
      await runDueSteps();
      const warned = await t.database.pool.query(
        "select count(*)::int as n from notifications where user_id = $1 and kind = 'booking-ending-on-demand'",
        [onDemandClient.user.id],
      );
      expect(warned.rows[0].n).toBe(1);
      t.clock.set(new Date(startsAt.getTime() - 5 * MINUTE));
      await kit.keepalive(clientLive, readerLive);
      await runDueSteps();
      expect(await kit.reading(readingId)).toMatchObject({ state: "finalized", end_cause: "booking_due" });
      // 25 minutes at the per-minute rate, billed to the second.
      expect((await kit.reading(readingId)).charged_cents).toBe(25 * READING_TEST_RATE);
      expect((await bookingRow(booking.id)).status).toBe("confirmed");
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe("standing and accounts", () => {
  it("cancels a suspended reader's bookings ahead with a full refund", async () => {
    const { reader, client, booking } = await booked(at("2027-03-02T12:00:00Z"), 15);
    // Admin sign-ins expire by the real time of their last use: act at the real time.
    t.clock.set(new Date());
    const admin = await t.signedIn("admin");
    const suspended = await call("POST", `/api/v1/admin/users/${reader.user.id}/suspend`, admin.cookie, {
      reason: "Complaints under review",
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(await bookingRow(booking.id)).toMatchObject({
      status: "cancelled",
      cancelled_by: "admin",
      refunded: 1515,
    });
    expect(await balance(client.user.id)).toBe(10_000);
    t.clock.set(NOW);
    const blocked = await book(
      (await kit.fundedClient(5000)).cookie,
      reader.user.id,
      at("2027-03-02T15:00:00Z"),
    );
    expect(blocked.statusCode).toBe(404);
  });

  it("cancels a deleted reader's bookings ahead with a full refund, and keeps the booking without the name", async () => {
    const { reader, client, booking } = await booked(at("2027-03-03T09:00:00Z"), 15);
    const asked = await call("POST", "/api/v1/me/deletion-request", reader.cookie, {
      password: TEST_PASSWORD,
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const mail = await t.latestEmail(reader.user.email, "account-deletion");
    const confirmed = await call("POST", "/api/v1/account-deletion/confirm", null, {
      token: tokenFromEmail(mail?.text_body ?? ""),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await bookingRow(booking.id)).toMatchObject({
      status: "cancelled",
      cancelled_by: "admin",
      refunded: 1515,
    });
    expect(await balance(client.user.id)).toBe(10_000);
    const view = await call("GET", `/api/v1/bookings/${booking.id}`, client.cookie);
    expect(view.json().booking.readerName).toBe("Deleted reader");
  });

  it("refuses a suspended client a booking", async () => {
    const reader = await bookableReader();
    const client = await kit.fundedClient(5000);
    t.clock.set(new Date());
    const admin = await t.signedIn("admin");
    const suspended = await call("POST", `/api/v1/admin/users/${client.user.id}/suspend`, admin.cookie, {
      reason: "Chargebacks",
    });
    expect(suspended.statusCode).toBe(200);
    t.clock.set(NOW);
    const refused = await book(client.cookie, reader.user.id, at("2027-03-02T10:00:00Z"));
    expect(refused.statusCode).toBe(403);
    expect(await balance(client.user.id)).toBe(5000);
  });
});

describe("who may call each route", () => {
  it("answers each role as it should, and a stranger with 401", async () => {
    const { reader, client, booking } = await booked(at("2027-03-08T10:00:00Z"), 15);
    const otherClient = await t.signedIn("client");
    const otherReader = await bookableReader();
    const id = booking.id;
    const cases: [string, string, string | null, number, object?][] = [
      ["GET", "/api/v1/readers/me/availability", null, 401],
      ["GET", "/api/v1/readers/me/availability", client.cookie, 403],
      ["PUT", "/api/v1/readers/me/availability", client.cookie, 403, HOURS],
      ["GET", `/api/v1/readers/${reader.user.id}/booking-options`, null, 200],
      ["POST", "/api/v1/bookings", null, 401, {}],
      ["POST", "/api/v1/bookings", reader.cookie, 403, {}],
      ["GET", "/api/v1/bookings", null, 401],
      ["GET", "/api/v1/bookings", reader.cookie, 403],
      ["GET", "/api/v1/readers/me/bookings", client.cookie, 403],
      ["GET", `/api/v1/bookings/${id}`, null, 401],
      ["GET", `/api/v1/bookings/${id}`, otherClient.cookie, 404],
      ["GET", `/api/v1/bookings/${id}`, otherReader.cookie, 404],
      ["GET", `/api/v1/bookings/${id}`, reader.cookie, 200],
      ["GET", `/api/v1/bookings/${id}/cancellation`, otherClient.cookie, 404],
      ["GET", `/api/v1/bookings/${id}/calendar.ics`, otherClient.cookie, 404],
      ["GET", `/api/v1/bookings/${id}/calendar.ics`, null, 401],
      ["POST", `/api/v1/bookings/${id}/cancel`, otherClient.cookie, 404, {}],
      ["POST", `/api/v1/bookings/${id}/reschedule`, reader.cookie, 403, { startsAt: "2027-03-09T10:00:00Z" }],
      [
        "POST",
        `/api/v1/bookings/${id}/reschedule`,
        otherClient.cookie,
        404,
        { startsAt: "2027-03-09T10:00:00Z" },
      ],
      ["POST", `/api/v1/bookings/${id}/join`, otherReader.cookie, 404],
      ["POST", `/api/v1/bookings/${id}/join`, null, 401],
      ["POST", `/api/v1/bookings/${randomUUID()}/join`, client.cookie, 404],
      ["GET", "/api/v1/bookings/not-a-uuid", client.cookie, 400],
    ];
    for (const [method, url, cookie, status, body] of cases) {
      const response = await call(method as "GET", url, cookie, body);
      expect(response.statusCode, `${method} ${url} ${response.body}`).toBe(status);
    }
    // Admins (whose sign-ins expire by the real time of their last use) may read, not act.
    t.clock.set(new Date());
    try {
      const admin = await t.signedIn("admin");
      const adminCases: [string, string, number, object?][] = [
        ["PUT", "/api/v1/readers/me/availability", 403, HOURS],
        ["GET", `/api/v1/bookings/${id}`, 200],
        ["POST", `/api/v1/bookings/${id}/cancel`, 403, {}],
        ["POST", "/api/v1/bookings", 403, {}],
      ];
      for (const [method, url, status, body] of adminCases) {
        const response = await call(method as "GET", url, admin.cookie, body);
        expect(response.statusCode, `admin ${method} ${url} ${response.body}`).toBe(status);
      }
    } finally {
      t.clock.set(NOW);
    }
    // The room opens 5 minutes before the start, not earlier.
    const early = await call("POST", `/api/v1/bookings/${id}/join`, client.cookie);
    expect(early.statusCode).toBe(409);
    expect((await bookingRow(id)).status).toBe("confirmed");
  });
});
