import { randomUUID } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type pg from "pg";
import type { DateException, WeeklyRange } from "../server/src/modules/bookings/bookings.slots.js";
import { slotInstants } from "../server/src/modules/bookings/bookings.view.js";
import { random } from "./browse-mix.js";
import { startProfile } from "./chat-window.js";
import { runLoadInChild } from "./http-load-child.js";
import { cpuSoFar, reportLoad } from "./http-load-report.js";
import { loadServer, startBenchNode } from "./server.js";
import type { SlotTarget } from "./slots-mix.js";
import { freshDatabase, inBatches, insertBenchUsers } from "./support.js";

const READERS = 10_000;
const BOOKINGS = 200_000;
const CLIENTS = 20_000;
/**
 * Clients racing for slots, taking turns: 20 attempts a second shared by 100 is 12 a minute each,
 * under the booking route's limit of 20 a minute per client (more would be answered 429).
 */
const RACING_CLIENTS = 100;
const CONNECTIONS = 50;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 20_000);
const WARM_UP_MS = Number(process.env.BENCH_WARM_UP_MS ?? 5_000);
const MAX_REQUESTS = 1_000_000;
const BOOKING_ATTEMPTS_PER_SECOND = 20;
/** Clients that ask for one popular start at the same moment (each for one of the lengths offered). */
const RACE_BURST = 4;
const POPULAR_READERS = 5;
const ORIGIN = "http://localhost:3000";
const DAY_MS = 24 * 60 * 60_000;

/** Zones readers live in, across every offset kind (DST north and south, half and quarter hours). */
const ZONES = [
  "America/New_York",
  "America/Los_Angeles",
  "America/Chicago",
  "America/Denver",
  "America/Sao_Paulo",
  "America/Mexico_City",
  "America/Toronto",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Africa/Lagos",
  "Africa/Johannesburg",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Tokyo",
  "Asia/Manila",
  "Asia/Dubai",
  "Australia/Sydney",
  "Australia/Adelaide",
  "Pacific/Auckland",
  "Pacific/Chatham",
  "UTC",
];

/**
 * Slot lists under load (issue 16): 10,000 readers with varied hours in zones around the world and
 * 200,000 future bookings; 50 keep-alive connections ask one random reader's slots for one of its
 * modalities and lengths over 30 days from a random moment of the next week, against the bare
 * GET /health of the same server, while 20 booking attempts a second race for a few readers'
 * popular slots. Afterwards: no reader has overlapping bookings, and only bookings made hold money.
 * BENCH_DURATION_MS (20 s) and BENCH_WARM_UP_MS (5 s) set the run; BENCH_CPU_PROFILE=file.cpuprofile
 * writes a V8 CPU profile of the server over the measured slots run.
 */
export async function runSlotsBench() {
  const { connectDatabase } = await loadServer();
  const database = await freshDatabase();
  const handle = connectDatabase(database.url);
  try {
    const targets = await seedSlotsData(handle.pool);
    const node = await startBenchNode({
      databaseUrl: database.url,
      database: handle,
      env: { PUBLIC_URL: ORIGIN, SIGN_IN_RATE_LIMIT_MAX: "1000" },
      startJobs: true,
    });
    try {
      const racers = await racingClients(node.built.services, node.port);
      return await measure(node.port, targets, racers, handle.pool, database.url);
    } finally {
      await node.close();
    }
  } finally {
    await handle.close();
    await database.stop();
  }
}

type Services = Awaited<ReturnType<typeof startBenchNode>>["built"]["services"];

/** Signed-in clients with money in their wallets, who will race for popular slots. */
async function racingClients(services: Services, port: number) {
  const cookies: string[] = [];
  await inBatches(RACING_CLIENTS, 4, async (index) => {
    const email = `racer-${index}-${randomUUID().slice(0, 6)}@bench.test`;
    const user = await services.auth.createVerifiedUser({
      email,
      password: "bench-password-12345",
      displayName: `Racer ${index}`,
      role: "client",
      dateOfBirth: "1990-01-01",
    });
    await services.ledger.transfer({
      idempotencyKey: `bench-fund-${user.id}`,
      code: "adjustment",
      legs: [
        { from: { kind: "promotions" }, to: { kind: "wallet", userId: user.id }, amountCents: 1_000_000 },
      ],
    });
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: {
        origin: ORIGIN,
        "content-type": "application/json",
        "x-forwarded-for": `198.51.100.${index}`,
      },
      body: JSON.stringify({ email, password: "bench-password-12345" }),
    });
    if (response.status !== 200)
      throw new Error(`racer sign-in failed: ${response.status} ${await response.text()}`);
    cookies.push(
      response.headers
        .getSetCookie()
        .map((cookie) => cookie.split(";")[0])
        .join("; "),
    );
  });
  return cookies;
}

async function measure(
  port: number,
  targets: SlotTarget[],
  racers: string[],
  pool: pg.Pool,
  databaseUrl: string,
) {
  const load = (label: string, mix: "slots" | "bare", seed: number, durationMs = DURATION_MS) =>
    runLoadInChild(
      {
        port,
        connections: CONNECTIONS,
        durationMs,
        maxRequests: MAX_REQUESTS,
        mix,
        seed,
        slotTargets: targets,
      },
      (requests, seconds) => console.log(`  ${label}: ${requests} requests after ${seconds.toFixed(0)} s`),
    );
  // Warm up (JIT, query plans, the database's cache) before measuring.
  await load("warm-up", "slots", 7, WARM_UP_MS);
  let cpu = cpuSoFar(databaseUrl);
  const bare = await load("bare", "bare", 1);
  reportLoad("bare GET /health", bare, cpu, databaseUrl, CONNECTIONS);
  const popular = targets.filter((target) => target.lengths.length > 1).slice(0, POPULAR_READERS);
  const wanted = await popularStarts(port, popular);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const stopProfile = await startProfile(process.env.BENCH_CPU_PROFILE);
  cpu = cpuSoFar(databaseUrl);
  loopDelay.enable();
  const race = raceForSlots(port, wanted, racers, DURATION_MS);
  const slots = await load("slots", "slots", 42);
  const raced = await race;
  loopDelay.disable();
  reportLoad("GET /api/v1/readers/:id/slots (30 days) + booking race", slots, cpu, databaseUrl, CONNECTIONS);
  await stopProfile?.();
  console.log(
    `  server event loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
  );
  console.log(
    `  booking race: ${raced.attempts} attempts (${(raced.attempts / (DURATION_MS / 1000)).toFixed(1)}/s) in bursts of ${RACE_BURST} at once on ${wanted.length} popular starts of ${popular.length} readers (lengths mixed): ${raced.created} booked (201), ${raced.slotTaken} SLOT_TAKEN (409), ${raced.clientBusy} CONFLICT (the client's own booking at that time), ${raced.closed} SLOT_UNAVAILABLE (passed the minimum notice during the run), ${raced.other} other`,
  );
  const check = await pool.query<{ overlaps: number; holds: number; bookings: number }>(
    `select (select count(*)::int from bookings a join bookings b
               on a.reader_user_id = b.reader_user_id and a.id < b.id
              and a.status = 'confirmed' and b.status = 'confirmed'
              and tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until)) as overlaps,
            (select count(*)::int from ledger_holds where code = 'booking_hold') as holds,
            (select count(*)::int from bookings where client_user_id not like 'bench-client-%') as bookings`,
  );
  const row = check.rows[0];
  const holds = row?.holds ?? -1;
  console.log(
    `  after the run: ${row?.overlaps} overlapping confirmed bookings of one reader; ${holds} booking holds in the ledger for ${raced.created} answers 201 (${row?.bookings} bookings made through the API)${holds === raced.created ? "" : " — MISMATCH: a failed attempt left a hold or a booking has none"}`,
  );
  const result = {
    bench: "slots",
    p50Ms: round(slots.p50Ms),
    p99Ms: round(slots.p99Ms),
    requestsPerSecond: Math.round(slots.perSecond),
    bareRequestsPerSecond: Math.round(bare.perSecond),
    ratio: Number((slots.perSecond / bare.perSecond).toFixed(3)),
    errors: slots.errors + bare.errors,
    bookingAttempts: raced.attempts,
    bookingsCreated: raced.created,
    slotTaken: raced.slotTaken,
    clientBusy: raced.clientBusy,
    slotClosed: raced.closed,
    otherErrors: raced.other,
    overlaps: row?.overlaps ?? -1,
    bookingHolds: holds,
    holdsMatchCreated: holds === raced.created,
    connections: CONNECTIONS,
    durationMs: DURATION_MS,
    readers: READERS,
    bookings: BOOKINGS,
  };
  console.log(JSON.stringify(result));
  return result;
}

/** One start of a popular reader, with each length it is open for then (and that length's price). */
interface PopularStart {
  readerUserId: string;
  modality: string;
  startsAt: string;
  lengths: { lengthMinutes: number; priceCents: number }[];
}

/** The first open starts of a few readers (their modality, every length they offer), as their page shows them now. */
async function popularStarts(port: number, popular: SlotTarget[]) {
  const byStart = new Map<string, PopularStart>();
  for (const reader of popular) {
    const modality = reader.modalities[0] ?? "chat";
    for (const lengthMinutes of reader.lengths) {
      const answer = await fetch(
        `http://127.0.0.1:${port}/api/v1/readers/${reader.id}/slots?modality=${modality}&lengthMinutes=${lengthMinutes}`,
      );
      const body = (await answer.json()) as { baseAt: string; startMinutes: number[]; priceCents: number };
      for (const startsAt of slotInstants(body).slice(0, 16)) {
        const key = `${reader.id} ${startsAt}`;
        const start = byStart.get(key) ?? { readerUserId: reader.id, modality, startsAt, lengths: [] };
        start.lengths.push({ lengthMinutes, priceCents: body.priceCents });
        byStart.set(key, start);
      }
    }
  }
  return [...byStart.values()];
}

/**
 * 20 booking attempts a second, for `durationMs`: every 1/5 s, RACE_BURST signed-in clients ask
 * at the same moment for one popular start (each for one of the lengths open there, so overlapping
 * slots of different lengths race too), as a popular reader's page opening its week would see.
 */
async function raceForSlots(port: number, wanted: PopularStart[], racers: string[], durationMs: number) {
  const next = random(99);
  const counts = { attempts: 0, created: 0, slotTaken: 0, clientBusy: 0, closed: 0, other: 0 };
  const attempt = async (start: PopularStart, cookie: string) => {
    const length = start.lengths[Math.floor(next() * start.lengths.length)];
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/bookings`, {
        method: "POST",
        headers: { origin: ORIGIN, cookie, "content-type": "application/json" },
        body: JSON.stringify({
          readerUserId: start.readerUserId,
          modality: start.modality,
          lengthMinutes: length?.lengthMinutes,
          startsAt: start.startsAt,
          expectedPriceCents: length?.priceCents,
          timeZone: "America/Chicago",
        }),
      });
      const body = (await response.json()) as { error?: { code: string; message: string } };
      if (response.status === 201) counts.created += 1;
      else if (response.status === 409 && body.error?.code === "SLOT_TAKEN") counts.slotTaken += 1;
      // The client's own booking at that time (another reader's): a right answer, not an error.
      else if (response.status === 409 && /already have a booking/.test(body.error?.message ?? ""))
        counts.clientBusy += 1;
      // The earliest starts were listed before the run; one that passed the reader's minimum notice
      // while the run went on is closed now: a right answer too.
      else if (response.status === 409 && body.error?.code === "SLOT_UNAVAILABLE") counts.closed += 1;
      else {
        counts.other += 1;
        if (counts.other <= 3)
          console.log(
            `  booking answered ${response.status}: ${JSON.stringify(body)} (BENCH_LOG_LEVEL=error shows the server's cause)`,
          );
      }
    } catch (error) {
      counts.other += 1;
      if (counts.other <= 3) console.log(`  booking failed: ${(error as Error).message}`);
    }
  };
  const inFlight: Promise<void>[] = [];
  const burstEveryMs = (1000 * RACE_BURST) / BOOKING_ATTEMPTS_PER_SECOND;
  const started = performance.now();
  for (let burst = 0; burst < 1_000 && wanted.length > 0; burst += 1) {
    const wait = started + burst * burstEveryMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (performance.now() - started >= durationMs) break;
    const start = wanted[Math.floor(next() * wanted.length)] as PopularStart;
    for (let racer = 0; racer < RACE_BURST; racer += 1) {
      inFlight.push(attempt(start, racers[counts.attempts % racers.length] as string));
      counts.attempts += 1;
    }
  }
  await Promise.all(inFlight);
  return counts;
}

const round = (value: number) => Number(value.toFixed(2));

/** 0–3 date exceptions in the next 55 days: mostly a day off, sometimes extra hours on a date. */
function dateExceptions(next: () => number, now: Date): DateException[] {
  const byDate = new Map<string, DateException>();
  const count = Math.floor(next() * 4);
  for (let index = 0; index < count; index += 1) {
    const date = new Date(now.getTime() + (2 + Math.floor(next() * 54)) * DAY_MS).toISOString().slice(0, 10);
    const hour = 8 + Math.floor(next() * 10);
    const end = hour + 2 + Math.floor(next() * 4);
    const at = (value: number) => `${String(value).padStart(2, "0")}:00`;
    byDate.set(
      date,
      next() < 0.65
        ? { date, kind: "off", ranges: [] }
        : { date, kind: "extra", ranges: [{ start: at(hour), end: at(end) }] },
    );
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * 10,000 listed readers in zones around the world with varied weekly hours (1–3 ranges a day,
 * some days off, 0–3 date exceptions: days off or extra hours), rates, lengths, modalities,
 * buffers and notices, and 200,000 bookings over the next 60 days placed in their open slots
 * (never overlapping one another or a client's own). Seeded rows are written directly: the seeded
 * bookings have no ledger holds.
 */
async function seedSlotsData(pool: pg.Pool): Promise<SlotTarget[]> {
  const { generateSlots } = await loadServer();
  const started = performance.now();
  const next = random(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const readerIds = Array.from({ length: READERS }, (_, index) => `bench-reader-${index + 1}`);
  const clientIds = Array.from({ length: CLIENTS }, (_, index) => `bench-client-${index + 1}`);
  await insertBenchUsers(pool, readerIds, "reader");
  await insertBenchUsers(pool, clientIds, "client");
  const now = new Date();
  const readers = readerIds.map((id) => {
    const zone = pick(ZONES);
    const weekly: WeeklyRange[] = [];
    for (let weekday = 1; weekday <= 7; weekday += 1) {
      if (next() < (weekday >= 6 ? 0.6 : 0.15)) continue;
      let hour = 6 + Math.floor(next() * 5);
      const ranges = 1 + Math.floor(next() * 3);
      for (let range = 0; range < ranges && hour < 22; range += 1) {
        const length = 1 + Math.floor(next() * 5);
        const end = Math.min(24, hour + length);
        weekly.push({
          weekday,
          start: `${String(hour).padStart(2, "0")}:${pick(["00", "30"])}`,
          end: end === 24 ? "24:00" : `${String(end).padStart(2, "0")}:00`,
        });
        hour = end + 1;
      }
    }
    const modalities = ["chat", "voice", "video"].filter(() => next() < 0.6);
    const lengths = [15, 30, 45, 60].filter(() => next() < 0.6);
    return {
      id,
      zone,
      weekly,
      exceptions: dateExceptions(next, now),
      modalities: modalities.length > 0 ? modalities : ["chat"],
      lengths: lengths.length > 0 ? lengths : [30],
      bufferMinutes: pick([0, 5, 10, 10, 15, 30]),
      minNoticeMinutes: pick([60, 240, 720, 720, 1440]),
      rateCents: 99 + Math.floor(next() * 4901),
    };
  });
  await pool.query(
    `insert into reader_profiles (user_id, slug, display_name, headline, bio, specialties, tools, languages,
       years_of_experience, time_zone, chat_rate_cents, scheduled_rate_cents, status, listed)
     select r.id, r.id, 'Bench ' || r.id, 'Readings by appointment', 'A reader who takes bookings.',
            '["tarot"]'::jsonb, '[]'::jsonb, '["en"]'::jsonb, 5, r.zone, 199, r.rate, 'offline', 'listed'
     from jsonb_to_recordset($1::jsonb) as r(id text, zone text, rate int)`,
    [JSON.stringify(readers.map((reader) => ({ id: reader.id, zone: reader.zone, rate: reader.rateCents })))],
  );
  await pool.query(
    `insert into reader_availability (reader_user_id, time_zone, weekly, exceptions, lengths_minutes, modalities,
       buffer_minutes, min_notice_minutes, horizon_days, updated_at)
     select r.id, r.zone, r.weekly, r.exceptions, array(select jsonb_array_elements_text(r.lengths)::int),
            array(select jsonb_array_elements_text(r.modalities)), r.buffer, r.notice, 60, now()
     from jsonb_to_recordset($1::jsonb)
       as r(id text, zone text, weekly jsonb, exceptions jsonb, lengths jsonb, modalities jsonb, buffer int, notice int)`,
    [
      JSON.stringify(
        readers.map((reader) => ({
          id: reader.id,
          zone: reader.zone,
          weekly: reader.weekly,
          exceptions: reader.exceptions,
          lengths: reader.lengths,
          modalities: reader.modalities,
          buffer: reader.bufferMinutes,
          notice: reader.minNoticeMinutes,
        })),
      ),
    ],
  );
  // Bookings: for each reader, open slots of its hours over 60 days, taken at random without
  // overlapping its other bookings (with the buffer) or the client's.
  const clientBusy = new Map<string, [number, number][]>();
  const rows: object[] = [];
  const perReader = BOOKINGS / READERS;
  for (const reader of readers) {
    const taken: [number, number][] = [];
    for (let attempt = 0; taken.length < perReader && attempt < perReader * 4; attempt += 1) {
      const lengthMinutes = pick(reader.lengths);
      const day = new Date(now.getTime() + (1 + Math.floor(next() * 59)) * DAY_MS);
      const slots = generateSlots(
        {
          timeZone: reader.zone,
          weekly: reader.weekly,
          exceptions: reader.exceptions,
          lengthMinutes,
          bufferMinutes: reader.bufferMinutes,
          minNoticeMinutes: reader.minNoticeMinutes,
          horizonDays: 60,
        },
        taken.map(([start, end]) => ({ startsAt: new Date(start), endsAt: new Date(end) })),
        { now, from: day, to: new Date(day.getTime() + DAY_MS) },
      );
      const slot = slots.length > 0 ? pick(slots) : null;
      if (!slot) continue;
      const start = slot.getTime();
      const end = start + lengthMinutes * 60_000;
      const client = pick(clientIds);
      const own = clientBusy.get(client) ?? [];
      if (own.some(([from, to]) => start < to && from < end)) continue;
      own.push([start, end]);
      clientBusy.set(client, own);
      taken.push([start, end]);
      rows.push({
        client,
        reader: reader.id,
        modality: pick(reader.modalities),
        length: lengthMinutes,
        starts: new Date(start).toISOString(),
        ends: new Date(end).toISOString(),
        blocked: new Date(end + reader.bufferMinutes * 60_000).toISOString(),
        rate: reader.rateCents,
      });
    }
  }
  for (let offset = 0; offset < rows.length; offset += 20_000) {
    await pool.query(
      `insert into bookings (client_user_id, reader_user_id, modality, length_minutes, starts_at, ends_at, blocked_until,
         rate_per_minute_cents, price_cents, reader_share_basis_points, status, hold_id, client_time_zone,
         reader_time_zone, created_at, updated_at)
       select b.client, b.reader, b.modality, b.length, b.starts, b.ends, b.blocked, b.rate, b.rate * b.length, 7000,
              'confirmed', gen_random_uuid(), 'UTC', 'UTC', now(), now()
       from jsonb_to_recordset($1::jsonb)
         as b(client text, reader text, modality text, length int, starts timestamptz, ends timestamptz,
              blocked timestamptz, rate int)
       on conflict do nothing`,
      [JSON.stringify(rows.slice(offset, offset + 20_000))],
    );
  }
  await pool.query("vacuum analyze");
  const count = await pool.query<{ n: number }>("select count(*)::int as n from bookings");
  console.log(
    `seeded ${READERS} readers with hours in ${ZONES.length} zones and ${count.rows[0]?.n} future bookings in ${((performance.now() - started) / 1000).toFixed(1)} s (seeded bookings have no ledger holds; the raced ones do)`,
  );
  return readers.map((reader) => ({ id: reader.id, modalities: reader.modalities, lengths: reader.lengths }));
}
