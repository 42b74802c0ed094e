import { monitorEventLoopDelay } from "node:perf_hooks";
import type pg from "pg";
import { SPECIALTIES } from "../server/src/modules/readers/readers.schemas.js";
import { LANGUAGES } from "./browse-mix.js";
import { startProfile } from "./chat-window.js";
import { type ChildLoadResult, runLoadInChild } from "./http-load-child.js";
import { cpuBetween, cpuSoFar, mergeLoads, reportLoadUsage } from "./http-load-report.js";
import { loadServer, startBenchNode } from "./server.js";
import { freshDatabase, percentile } from "./support.js";

const READERS = 10_000;
const RATINGS = 200_000;
const CONNECTIONS = 50;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 15_000);
const MAX_REQUESTS = 1_000_000;

/**
 * Browse/search under load: 10,000 readers and 200,000 ratings, 50 keep-alive connections over
 * loopback driving GET /api/v1/readers with a mix of filters, sorts and cursors, against the
 * bare GET /health route of the same server (same hooks, no database); then the same mix while
 * readers change status. Each of the three loads runs BENCH_DURATION_MS (15 s) in all, in three
 * slices taking turns.
 */
export async function runBrowseBench() {
  const { connectDatabase } = await loadServer();
  const database = await freshDatabase();
  const handle = connectDatabase(database.url);
  try {
    await seedBrowseData(handle.pool);
    // Run as a node does: listening for cross-node events (browse pages are cached only while
    // it does) and its timers.
    const node = await startBenchNode({
      databaseUrl: database.url,
      database: handle,
      env: {
        // The seeded online readers have no live connection, so the absent-reader sweep that runs
        // after each presence heartbeat would take them offline, 500 a heartbeat, in the middle of
        // the measurement: reader changes the bench does not mean to make. The sweep still runs
        // (its query is part of a node's load); it just finds no one absent for this long.
        PRESENCE_OFFLINE_DELAY_MS: String(10 * 60_000),
      },
    });
    try {
      return await measure(node.port, node.built.services.browse, handle.pool, database.url);
    } finally {
      await node.close();
    }
  } finally {
    await handle.close();
    await database.stop();
  }
}

type CacheStats = {
  hits: number;
  misses: number;
  cursorHits: number;
  cursorMisses: number;
  unservable: number;
  pages: number;
  cards: number;
};

async function measure(
  port: number,
  readers: { browseCacheStats: () => CacheStats },
  pool: pg.Pool,
  databaseUrl: string,
) {
  // The load client runs in its own process, so it does not share the server's event loop.
  const load = (label: string, mix: "browse" | "bare", seed: number, durationMs: number) =>
    runLoadInChild(
      { port, connections: CONNECTIONS, durationMs, maxRequests: MAX_REQUESTS, mix, seed },
      (requests, seconds) => console.log(`  ${label}: ${requests} requests after ${seconds.toFixed(0)} s`),
    );
  // Warm up (JIT, query plans, caches) before measuring.
  await load("warm-up", "browse", 7, 2_000);

  // The three loads take turns, in ROUNDS slices each, so that the machine's drift over the
  // minute (its speed varies by 10-20 % here) weighs on the bare route and browse alike.
  const phases = {
    bare: createPhase("bare"),
    browse: createPhase("browse"),
    churn: createPhase("churn"),
  };
  const sliceMs = Math.round(DURATION_MS / ROUNDS);
  // The server's event loop delay over each browse slice (a monitor per slice: one left paused
  // between slices would count the pause as a delay).
  const loopDelays: { p99Ms: number; maxMs: number }[] = [];
  let changes = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const slice = async (phase: Phase, run: () => Promise<ChildLoadResult>) => {
      const cpu = cpuSoFar(databaseUrl);
      const stats = readers.browseCacheStats();
      const stopProfile = await startProfile(profileFile(`${phase.name}.${round + 1}`));
      const result = await run();
      await stopProfile?.();
      phase.add(result, cpuBetween(cpu, cpuSoFar(databaseUrl)), stats, readers.browseCacheStats());
    };
    await slice(phases.bare, () => load(`bare ${round + 1}`, "bare", 1 + round, sliceMs));
    const sliceDelay = monitorEventLoopDelay({ resolution: 10 });
    sliceDelay.enable();
    await slice(phases.browse, () => load(`browse ${round + 1}`, "browse", 42 + round, sliceMs));
    sliceDelay.disable();
    loopDelays.push({ p99Ms: sliceDelay.percentile(99) / 1e6, maxMs: sliceDelay.max / 1e6 });
    // The same load while readers go online and offline, each change invalidating cached pages.
    await slice(phases.churn, async () => {
      const churn = await withStatusChurn(pool, () =>
        load(`browse + status churn ${round + 1}`, "browse", 142 + round, sliceMs),
      );
      changes += churn.changes;
      return churn.result;
    });
  }
  const bare = phases.bare.merged();
  const browse = phases.browse.merged();
  const churn = phases.churn.merged();
  reportLoadUsage("bare GET /health", bare, phases.bare.used, CONNECTIONS);
  reportLoadUsage("GET /api/v1/readers (mix)", browse, phases.browse.used, CONNECTIONS);
  const hitRate = phases.browse.hitRate();
  const kept = readers.browseCacheStats();
  console.log(
    `  page cache hit rate ${(100 * hitRate).toFixed(1)}% (no reader changes; following pages ${(
      100 * phases.browse.cursorHitRate()
    ).toFixed(
      1,
    )}%, ${phases.browse.unservable} kept starts not servable); ${kept.pages} page starts and ${kept.cards} cards kept`,
  );
  console.log(
    `  server event loop delay p99 ${loopDelays.map((delay) => delay.p99Ms.toFixed(1)).join(" / ")} ms by slice, max ${Math.max(...loopDelays.map((delay) => delay.maxMs)).toFixed(1)} ms`,
  );
  printByLabel(browse);
  reportLoadUsage(
    `GET /api/v1/readers (mix) + ${CHURN_PER_SECOND} status changes/s`,
    churn,
    phases.churn.used,
    CONNECTIONS,
  );
  const churnHitRate = phases.churn.hitRate();
  console.log(
    `  page cache hit rate ${(100 * churnHitRate).toFixed(1)}%, ${changes} reader status changes (${(changes / churn.seconds).toFixed(1)}/s)`,
  );
  const perRound = (phase: Phase) =>
    phase.runs
      .map(
        (run, index) =>
          `${(run.perSecond / (phases.bare.runs[index]?.perSecond ?? 1)).toFixed(3)} (hits ${(100 * (phase.hitRates[index] ?? 0)).toFixed(0)}%)`,
      )
      .join(" / ");
  console.log(`  by round, browse/bare: ${perRound(phases.browse)}; under churn: ${perRound(phases.churn)}`);

  const result = {
    bench: "browse",
    p50Ms: round(browse.p50Ms),
    p99Ms: round(browse.p99Ms),
    requestsPerSecond: Math.round(browse.perSecond),
    bareRequestsPerSecond: Math.round(bare.perSecond),
    ratio: Number((browse.perSecond / bare.perSecond).toFixed(3)),
    bareP99Ms: round(bare.p99Ms),
    hitRate: Number(hitRate.toFixed(3)),
    churnStatusChangesPerSecond: Number((changes / churn.seconds).toFixed(1)),
    churnP50Ms: round(churn.p50Ms),
    churnP99Ms: round(churn.p99Ms),
    churnRequestsPerSecond: Math.round(churn.perSecond),
    churnRatio: Number((churn.perSecond / bare.perSecond).toFixed(3)),
    churnHitRate: Number(churnHitRate.toFixed(3)),
    connections: CONNECTIONS,
    durationMs: DURATION_MS,
    errors: browse.errors + bare.errors + churn.errors,
    readers: READERS,
    ratings: RATINGS,
  };
  console.log(JSON.stringify(result));
  return result;
}

const CHURN_PER_SECOND = 10;
/** How many slices each load is measured in (taking turns). */
const ROUNDS = 3;

type Phase = ReturnType<typeof createPhase>;

/** One load's slices: their results, the CPU they used and the page cache's counts over them. */
function createPhase(name: string) {
  const runs: ChildLoadResult[] = [];
  const used = { nodeMs: 0, postgresMs: 0 };
  const counts = { hits: 0, misses: 0, cursorHits: 0, cursorMisses: 0, unservable: 0 };
  const hitRates: number[] = [];
  return {
    name,
    runs,
    used,
    hitRates,
    get unservable() {
      return counts.unservable;
    },
    add(
      result: ChildLoadResult,
      cpu: { nodeMs: number; postgresMs: number },
      before: CacheStats,
      after: CacheStats,
    ) {
      runs.push(result);
      hitRates.push(hitRateSince(before, after));
      used.nodeMs += cpu.nodeMs;
      used.postgresMs += cpu.postgresMs;
      for (const key of Object.keys(counts) as (keyof typeof counts)[])
        counts[key] += after[key] - before[key];
    },
    merged: () => mergeLoads(runs),
    hitRate: () => hitRateSince({ hits: 0, misses: 0 }, counts),
    cursorHitRate: () =>
      hitRateSince({ hits: 0, misses: 0 }, { hits: counts.cursorHits, misses: counts.cursorMisses }),
  };
}

/** BENCH_CPU_PROFILE=file.cpuprofile: the server's CPU profile of each slice, to file.<phase>.<round>.cpuprofile. */
const profileFile = (phase: string) =>
  process.env.BENCH_CPU_PROFILE?.replace(/(\.cpuprofile)?$/, `.${phase}.cpuprofile`);

const hitRateSince = (
  before: Pick<CacheStats, "hits" | "misses">,
  after: Pick<CacheStats, "hits" | "misses">,
) => {
  const hits = after.hits - before.hits;
  const total = hits + after.misses - before.misses;
  return total === 0 ? 0 : hits / total;
};

function printByLabel(result: ChildLoadResult) {
  for (const [label, values] of [...result.byLabel].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = Float64Array.from(values).sort();
    console.log(
      `    ${label.padEnd(34)} n=${String(sorted.length).padStart(6)}  p50 ${percentile(sorted, 0.5).toFixed(1)} ms  p99 ${percentile(sorted, 0.99).toFixed(1)} ms`,
    );
  }
}

/** The reader the status churn changed last (each run goes on from there). */
let churnReader = 1;

/**
 * Runs `load` while, CHURN_PER_SECOND times a second, a random listed reader goes online or
 * offline: an UPDATE of the status as the readers service writes it, which fires the same
 * database trigger (and so the same invalidation on every node).
 */
async function withStatusChurn<T>(pool: pg.Pool, load: () => Promise<T>) {
  let changes = 0;
  let stopped = false;
  const churn = (async () => {
    const started = performance.now();
    while (!stopped) {
      const due = started + (changes * 1000) / CHURN_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (stopped) break;
      churnReader = (churnReader * 7919) % READERS || 1;
      await pool.query(
        `update reader_profiles set status = case when status = 'online' then 'offline' else 'online' end,
           updated_at = now() where user_id = $1`,
        [`bench-reader-${churnReader}`],
      );
      changes += 1;
    }
  })();
  try {
    const result = await load();
    return { result, changes };
  } finally {
    stopped = true;
    await churn;
  }
}

const round = (value: number) => Number(value.toFixed(2));

/**
 * 10,000 reader accounts with profiles (varied specialties, languages, rates, statuses, ages;
 * a few suspended or demoted) and 200,000 ratings. Reviews have no table yet, so the ratings
 * are rows of a bench-only table, aggregated into rating_average / rating_count.
 */
export async function seedBrowseData(pool: pg.Pool) {
  const started = performance.now();
  const client = await pool.connect();
  try {
    await client.query("select setseed(0.42)");
    await client.query(
      `insert into users (id, display_name, email, email_verified, role, status, created_at, updated_at)
       select 'bench-reader-' || g, 'Bench reader ' || g, 'bench-reader-' || g || '@bench.test', true,
              case when g % 199 = 0 then 'client' else 'reader' end,
              case when g % 151 = 0 then 'suspended' else 'active' end,
              now() - g * interval '2 hours', now()
       from generate_series(1, $1::int) g`,
      [READERS],
    );
    await client.query(
      `insert into reader_profiles (user_id, slug, display_name, headline, bio, specialties, tools, languages,
         years_of_experience, time_zone, chat_rate_cents, voice_rate_cents, video_rate_cents, scheduled_rate_cents,
         status, listed, created_at, updated_at)
       select 'bench-reader-' || g, 'bench-reader-' || g,
              (array['Luna','Marisol','Aurora','Sage','Willow','Orion','Celeste','Jasper','Iris','Rowan','Nova','Ember',
                     'Grace','Soren','Maya','Elias','Freya','Kai','Lyra','Theo'])[1 + floor(random() * 20)::int]
                || ' ' || (array['Vega','Moon','Rivers','Stone','Hart','Bell','Frost','Lake','Reyes','Okafor','Tanaka',
                     'Silva','Novak','Quinn','Ashby','Delacroix'])[1 + floor(random() * 16)::int],
              (array['Tarot for clarity and calm','Messages from your ancestors','Astrology charts and timing',
                     'Gentle energy healing','Love and relationship guidance','Career crossroads with the cards',
                     'Dream work and symbols','Oracle cards for your path'])[1 + floor(random() * 8)::int],
              'I have practised for many years and read with honesty and care. '
                || (array['Sessions focus on clarity about love, work and family.',
                          'I connect with spirit guides and loved ones who have passed.',
                          'Your birth chart shows the moon and the planets shaping this season.',
                          'Expect practical guidance, compassion and grace.'])[1 + floor(random() * 4)::int],
              (select jsonb_agg(distinct s) from unnest(array[($2::text[])[s1], ($2::text[])[s2], ($2::text[])[s3]]) s),
              '["Rider-Waite"]'::jsonb,
              (select jsonb_agg(distinct l) from unnest(array[($3::text[])[l1], ($3::text[])[l2]]) l),
              floor(random() * 40)::int, 'UTC',
              case when random() < 0.9 then 99 + floor(random() * random() * 4900)::int end,
              case when random() < 0.6 then 99 + floor(random() * random() * 4900)::int end,
              case when random() < 0.5 then 99 + floor(random() * random() * 4900)::int end,
              case when random() < 0.3 then 99 + floor(random() * 4900)::int end,
              (array['online','online','away','busy','offline','offline','offline','offline','offline','offline'])[1 + floor(random() * 10)::int],
              case when random() < 0.03 then 'suspended' else 'listed' end,
              now() - random() * interval '1000 days', now()
       from (select g, 1 + floor(random() * 12)::int as s1, 1 + floor(random() * 12)::int as s2,
                    1 + floor(random() * 12)::int as s3, 1 + floor(random() * 8)::int as l2,
                    case when random() < 0.75 then 1 else 1 + floor(random() * 8)::int end as l1
             from generate_series(1, $1::int) g) picks`,
      [READERS, SPECIALTIES, LANGUAGES],
    );
    await client.query(
      `create table bench_ratings (reader_user_id text not null, stars smallint not null, created_at timestamptz not null);
       insert into bench_ratings
       select 'bench-reader-' || (1 + floor(power(random(), 1.6) * ${READERS * 0.9})::int),
              least(5, 1 + floor(random() * 4.6 + random() * 1.2)::int), now() - random() * interval '900 days'
       from generate_series(1, ${RATINGS});
       update reader_profiles p set rating_average = round(a.average, 2)::real, rating_count = a.count
       from (select reader_user_id, avg(stars) as average, count(*)::int as count from bench_ratings group by 1) a
       where p.user_id = a.reader_user_id;`,
    );
    // As after autovacuum: statistics gathered, GIN pending lists merged.
    await client.query("vacuum analyze");
  } finally {
    client.release();
  }
  const summary = await pool.query<{ listed: number; rated: number; ratings: number }>(
    `select count(*) filter (where p.listed = 'listed' and u.role = 'reader' and u.status = 'active')::int as listed,
            count(*) filter (where p.rating_count > 0)::int as rated, (select count(*)::int from bench_ratings) as ratings
     from reader_profiles p join users u on u.id = p.user_id`,
  );
  const row = summary.rows[0];
  console.log(
    `seeded ${READERS} readers (${row?.listed} listed) and ${row?.ratings} ratings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    `ratings: no reviews table yet, so the ${row?.ratings} ratings are rows of the bench-only table bench_ratings, aggregated into reader_profiles.rating_average / rating_count (${row?.rated} readers rated)`,
  );
}
