import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsSettled } from "../../../test/bus.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { seededRandom } from "../../../test/random.js";
import { readingKit } from "../../../test/readings-kit.js";
import { createTestClock } from "../../../test/test-clock.js";
import { createCalendarCache } from "./bookings.slot-cache.js";
import { slotInstants } from "./bookings.view.js";

/**
 * Slot lists computed from the calendars each node keeps: two nodes keep them for ten minutes (only
 * an event can make one fresh here), a third keeps none; the three must always answer alike.
 */
const NOW = new Date("2027-05-03T07:00:00.000Z");
const RATE = 150;
const KEEP = { SLOTS_CACHE_MS: "600000" };
let a: TestApp;
let b: TestApp;
let plain: TestApp;
beforeAll(async () => {
  a = await createTestApp(KEEP);
  b = await createTestApp(KEEP, { databaseUrl: a.url });
  plain = await createTestApp({ SLOTS_CACHE_MS: "0" }, { databaseUrl: a.url });
  for (const node of [a, b, plain]) node.clock.set(NOW);
});
afterAll(async () => {
  await plain?.close();
  await b?.close();
  await a?.close();
});

const nodes = () => [a, b, plain];
const settled = () => eventsSettled(nodes());
const kit = () => readingKit(a, "");

const HOURS = {
  timeZone: "America/New_York",
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "17:00" })),
  exceptions: [],
  lengthsMinutes: [15, 30, 60],
  modalities: ["chat", "voice"],
  bufferMinutes: 10,
  minNoticeMinutes: 120,
  horizonDays: 45,
};

async function bookableReader(hours: object = HOURS) {
  const { user } = await a.createReader({
    rates: { chat: 199, scheduled: RATE },
    timeZone: "America/New_York",
  });
  const cookie = await a.signIn(user.email);
  const saved = await kit().call("PUT", "/api/v1/readers/me/availability", cookie, hours);
  expect(saved.statusCode, saved.body).toBe(200);
  return { user, cookie };
}

async function slotsOn(node: TestApp, readerUserId: string, query = "modality=chat&lengthMinutes=30") {
  const response = await node.app.inject({
    method: "GET",
    url: `/api/v1/readers/${readerUserId}/slots?${query}`,
  });
  return { status: response.statusCode, body: response.body };
}

/** The list on each node, after every node has heard what was committed so far. */
async function everywhere(readerUserId: string, query?: string) {
  await settled();
  return Promise.all(nodes().map((node) => slotsOn(node, readerUserId, query)));
}

function book(cookie: string, readerUserId: string, startsAt: string, lengthMinutes = 30) {
  return kit().call("POST", "/api/v1/bookings", cookie, {
    readerUserId,
    modality: "chat",
    lengthMinutes,
    startsAt,
    expectedPriceCents: RATE * lengthMinutes,
    timeZone: "Europe/Paris",
  });
}

describe("slot lists from the calendars a node keeps", () => {
  it("reads a reader's calendar once and computes later lists from it", async () => {
    const reader = await bookableReader();
    // The saved hours' event reaches b first: heard between the two lists, it would drop the
    // calendar just read and the second list would read it again.
    await settled();
    const before = b.services.bookings.slotsCacheStats();
    const first = await slotsOn(b, reader.user.id);
    const second = await slotsOn(b, reader.user.id, "modality=voice&lengthMinutes=60");
    const after = b.services.bookings.slotsCacheStats();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(after.loads - before.loads).toBe(1);
    expect(after.hits - before.hits).toBe(1);
    expect(slotInstants(JSON.parse(first.body)).length).toBeGreaterThan(100);
  });

  it("keeps every bookable reader from one load, so a list needs no read of its own", async () => {
    const readers = await Promise.all([bookableReader(), bookableReader(), bookableReader()]);
    await settled();
    // A node that has heard nothing of them yet, with the clock moved on so its load is due.
    for (const node of nodes()) node.clock.set(new Date(NOW.getTime() + 60_000));
    expect(await b.services.bookings.refreshCalendars()).toBe(true);
    const before = b.services.bookings.slotsCacheStats();
    for (const reader of readers) {
      const [onB, onPlain] = await Promise.all([slotsOn(b, reader.user.id), slotsOn(plain, reader.user.id)]);
      expect(onB.body).toBe(onPlain.body);
    }
    const after = b.services.bookings.slotsCacheStats();
    expect(after.loads - before.loads).toBe(0);
    expect(after.hits - before.hits).toBe(readers.length);
    for (const node of nodes()) node.clock.set(NOW);
  });

  it("follows bookings, cancellations, moves, hours and rates made on any node or in SQL, on every node", async () => {
    const reader = await bookableReader();
    const client = await kit().fundedClient(50_000);
    const [start] = await everywhere(reader.user.id);
    const slots = slotInstants(JSON.parse(start?.body ?? "{}"));
    const taken = slots[5] as string;
    const same = async (expectSlot: boolean, note: string) => {
      const lists = await everywhere(reader.user.id);
      for (const list of lists) expect(list.body, note).toBe(lists[2]?.body);
      expect(slotInstants(JSON.parse(lists[1]?.body ?? "{}")).includes(taken), note).toBe(expectSlot);
    };

    const booked = await book(client.cookie, reader.user.id, taken);
    expect(booked.statusCode, booked.body).toBe(201);
    const bookingId = booked.json().booking.id as string;
    await same(false, "booked on node a");

    const cancelled = await kit().call("POST", `/api/v1/bookings/${bookingId}/cancel`, client.cookie, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await same(true, "cancelled on node a");

    // Another booking, then moved in SQL (as an operator or the journeys do): the trigger tells all.
    const again = await book(client.cookie, reader.user.id, taken);
    expect(again.statusCode, again.body).toBe(201);
    await same(false, "booked again");
    await a.database.pool.query(
      `update bookings set starts_at = starts_at + interval '7 days', ends_at = ends_at + interval '7 days',
              blocked_until = blocked_until + interval '7 days' where id = $1`,
      [again.json().booking.id],
    );
    await same(true, "moved a week on in SQL");

    // New hours saved on node a; then a new rate (a reader profile change).
    const shorter = await kit().call("PUT", "/api/v1/readers/me/availability", reader.cookie, {
      ...HOURS,
      weekly: HOURS.weekly.map((range) => ({ ...range, end: "12:00" })),
    });
    expect(shorter.statusCode, shorter.body).toBe(200);
    const lists = await everywhere(reader.user.id);
    for (const list of lists) expect(list.body).toBe(lists[2]?.body);
    expect(slotInstants(JSON.parse(lists[1]?.body ?? "{}")).length).toBeLessThan(slots.length);
    await a.database.pool.query("update reader_profiles set scheduled_rate_cents = 175 where user_id = $1", [
      reader.user.id,
    ]);
    const repriced = await everywhere(reader.user.id);
    for (const list of repriced) expect(JSON.parse(list.body).priceCents).toBe(175 * 30);
  });

  it("answers exactly as the database would, over random readers, bookings, windows and clocks", async () => {
    const { next } = seededRandom(20_270_503);
    const zones = [
      "America/New_York",
      "Europe/London",
      "Australia/Sydney",
      "Asia/Kathmandu",
      "Pacific/Chatham",
    ];
    const readers = [];
    for (let index = 0; index < 6; index += 1) {
      const weekly = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
        next() < 0.3
          ? []
          : [
              {
                weekday,
                start: `0${6 + Math.floor(next() * 4)}:00`,
                end: `${14 + Math.floor(next() * 9)}:30`,
              },
            ],
      );
      readers.push(
        await bookableReader({
          ...HOURS,
          timeZone: zones[index % zones.length],
          weekly,
          lengthsMinutes: [15, 30, 45, 60],
          bufferMinutes: [0, 5, 10, 30][index % 4],
          minNoticeMinutes: [0, 60, 720][index % 3],
        }),
      );
    }
    const clients = await Promise.all(Array.from({ length: 4 }, () => kit().fundedClient(200_000)));
    for (let round = 0; round < 12; round += 1) {
      // Someone books a random open slot of a random reader (on node a).
      const reader = readers[Math.floor(next() * readers.length)] ?? readers[0];
      const client = clients[round % clients.length] ?? clients[0];
      if (!reader || !client) throw new Error("no reader or client");
      const length = [15, 30, 45, 60][Math.floor(next() * 4)] ?? 30;
      const open = slotInstants(
        JSON.parse((await slotsOn(plain, reader.user.id, `modality=chat&lengthMinutes=${length}`)).body),
      );
      const pick = open[Math.floor(next() * open.length)];
      if (pick) expect((await book(client.cookie, reader.user.id, pick, length)).statusCode).toBe(201);
      // Time moves on a little (as it does between requests), within what a node may keep.
      const at = new Date(NOW.getTime() + round * 7 * 60_000);
      for (const node of nodes()) node.clock.set(at);
      for (const each of readers) {
        const fromMs = at.getTime() + Math.floor((next() - 0.2) * 10 * 86_400_000);
        const query = `modality=chat&lengthMinutes=${[15, 30, 45, 60][Math.floor(next() * 4)]}&from=${new Date(
          fromMs,
        ).toISOString()}&to=${new Date(fromMs + (1 + Math.floor(next() * 61)) * 86_400_000).toISOString()}`;
        const lists = await everywhere(each.user.id, query);
        expect(lists[0]?.status, lists[0]?.body).toBe(200);
        expect(lists[0]?.body, query).toBe(lists[2]?.body);
        expect(lists[1]?.body, query).toBe(lists[2]?.body);
      }
    }
  });
});

describe("the calendar cache", () => {
  const deferred = <T>() => {
    let resolve: (value: T) => void = () => undefined;
    const promise = new Promise<T>((done) => {
      resolve = done;
    });
    return { promise, resolve };
  };

  it("shares one load, keeps it, and never keeps a load that an event overtook", async () => {
    const clock = createTestClock(NOW);
    const cache = createCalendarCache<number>({
      clock,
      maxAgeMs: 60_000,
      maxReaders: 10,
      listening: () => true,
    });
    let loads = 0;
    const slow = deferred<number>();
    const load = () => {
      loads += 1;
      return slow.promise;
    };
    const both = Promise.all([cache.get("r", load), cache.get("r", load)]);
    cache.forget(["r"]);
    slow.resolve(1);
    expect(await both).toEqual([1, 1]);
    expect(loads).toBe(1);
    // Overtaken by the event: read again.
    expect(await cache.get("r", async () => 2)).toBe(2);
    expect(await cache.get("r", async () => 3)).toBe(2);
    // Too old, or the clock went back: read again.
    clock.set(new Date(NOW.getTime() + 60_001));
    expect(await cache.get("r", async () => 4)).toBe(4);
    clock.set(NOW);
    expect(await cache.get("r", async () => 5)).toBe(5);
    // Everything changed.
    cache.clear();
    expect(await cache.get("r", async () => 6)).toBe(6);
  });

  it("loads every reader at once at half the age limit, leaving readers an event named to their own read", async () => {
    const clock = createTestClock(NOW);
    const cache = createCalendarCache<string>({
      clock,
      maxAgeMs: 60_000,
      maxReaders: 10,
      listening: () => true,
    });
    const slow = deferred<Map<string, string>>();
    const bulk = cache.refreshAll(async () => slow.promise);
    cache.forget(["b"]);
    slow.resolve(
      new Map([
        ["a", "a1"],
        ["b", "b1"],
      ]),
    );
    expect(await bulk).toBe(true);
    expect(await cache.get("a", async () => "read")).toBe("a1");
    expect(await cache.get("b", async () => "b2")).toBe("b2");
    // Not due again before half the age limit; due after it.
    expect(await cache.refreshAll(async () => new Map([["a", "a2"]]))).toBe(false);
    clock.set(new Date(NOW.getTime() + 30_000));
    expect(await cache.refreshAll(async () => new Map([["a", "a3"]]))).toBe(true);
    expect(await cache.get("a", async () => "read")).toBe("a3");
    // A load that a clear overtook keeps nothing.
    clock.set(new Date(NOW.getTime() + 60_000));
    const cleared = cache.refreshAll(async () => {
      cache.clear();
      return new Map([["a", "a4"]]);
    });
    expect(await cleared).toBe(false);
    expect(await cache.get("a", async () => "read")).toBe("read");
  });

  it("keeps nothing while events are not heard, and at most maxReaders", async () => {
    let listening = false;
    const cache = createCalendarCache<string>({
      clock: createTestClock(NOW),
      maxAgeMs: 60_000,
      maxReaders: 2,
      listening: () => listening,
    });
    expect(await cache.get("r", async () => "a")).toBe("a");
    expect(await cache.get("r", async () => "b")).toBe("b");
    listening = true;
    for (const id of ["x", "y", "z"]) await cache.get(id, async () => id);
    expect(cache.stats().kept).toBe(2);
    expect(await cache.get("x", async () => "again")).toBe("again");
    expect(await cache.get("z", async () => "again")).toBe("z");
  });
});
