import pino from "pino";
import { startProfile } from "./chat-window.js";
import { runMessagesLoad } from "./messages-load.js";
import { seedMessages } from "./messages-seed.js";
import { loadServer } from "./server.js";
import { freshDatabase, percentile, postgresCpuMs } from "./support.js";

const CLIENTS = 1_600;
const READERS = 400;
const CONVERSATIONS = 5_000;
const MESSAGES_PER_SECOND = Number(process.env.BENCH_MESSAGES_PER_SECOND ?? 500);
const UNLOCKS_PER_SECOND = 50;
/** At most 50 s: every sender stays inside one minute's limit (clients 10, readers 60). */
const DURATION_MS = Math.min(50_000, Math.max(5_000, Number(process.env.BENCH_DURATION_MS ?? 30_000)));
const WARM_UP_MS = 5_000;
const DOUBLE_SHARE = 0.1;
const FUND_CENTS = 10_000;
const TARGET_P99_MS = 100;
const AUTH_SECRET = "bench-secret-that-is-long-enough-0123456789";

/**
 * Messaging under load: 5,000 conversations between 1,600 clients and 400 readers, all 2,000
 * connected on the live socket; 500 messages a second (half from clients, half from readers, varied
 * typed text in five languages, some with contact details to hide) POSTed for a fixed time, timed
 * from the send to the `message.new` event at the recipient's socket (same process, same clock);
 * 50 unlocks a second of seeded paid replies, one in ten sent twice at once. Afterwards each
 * unlocked reply must have exactly one charge of its price, and the ledger must verify clean.
 */
export async function runMessagesBench() {
  const { buildApp, loadConfig, systemClock, connectDatabase, createMailer, createJobs } = await loadServer();
  const database = await freshDatabase();
  const handle = connectDatabase(database.url);
  const logged: string[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => void logged.push(line.slice(0, 300)) });
  try {
    const config = loadConfig({
      DATABASE_URL: database.url,
      PAYMENT_PROVIDER: "sandbox",
      AUTH_SECRET,
      SERVE_WEB: "false",
      LOG_LEVEL: "warn",
    });
    const jobs = createJobs({ connectionString: database.url, logger });
    const built = await buildApp({
      config,
      database: handle,
      jobs,
      mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger }),
      clock: systemClock,
      logger,
      authSecret: AUTH_SECRET,
    });
    await built.app.listen({ host: "127.0.0.1", port: 0 });
    await jobs.start();
    await built.start();
    const address = built.app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const seeded = performance.now();
      const plan = await seedMessages({
        pool: handle.pool,
        ledger: built.services.ledger,
        clients: CLIENTS,
        readers: READERS,
        conversations: CONVERSATIONS,
        paidReplies: Math.ceil((UNLOCKS_PER_SECOND * DURATION_MS) / 1000) + 100,
        fundCents: FUND_CENTS,
        cookieName: await built.services.auth.sessionCookieName(),
        authSecret: AUTH_SECRET,
        random: Math.random,
      });
      console.log(
        `messages bench: ${CONVERSATIONS} conversations, ${CLIENTS + READERS} connected users, ${MESSAGES_PER_SECOND} messages/s and ${UNLOCKS_PER_SECOND} unlocks/s for ${DURATION_MS / 1000} s after ${WARM_UP_MS / 1000} s warm-up; seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
      );
      const serverCpu = process.cpuUsage();
      const postgresBefore = postgresCpuMs(database.url);
      const stopProfile = await startProfile(process.env.BENCH_CPU_PROFILE);
      const result = await runMessagesLoad({
        port,
        origin: config.publicUrl.origin,
        plan,
        warmUpMs: WARM_UP_MS,
        durationMs: DURATION_MS,
        messagesPerSecond: MESSAGES_PER_SECOND,
        unlocksPerSecond: UNLOCKS_PER_SECOND,
        doubleShare: DOUBLE_SHARE,
        seed: Date.now() % 1_000_000,
      });
      const used = process.cpuUsage(serverCpu);
      await stopProfile?.();
      const wallMs = WARM_UP_MS + DURATION_MS;
      const postgresMs = postgresCpuMs(database.url) - postgresBefore;
      await database.printStatements();

      // Exactly once: each unlocked reply has one charge, of its price, from its client.
      const prices = new Map(plan.paidReplies.map((reply) => [reply.messageId, reply.priceCents]));
      const charges = await handle.pool.query<{ key: string; count: number; cents: number }>(
        `select t.idempotency_key as key, count(distinct t.id)::int as count,
                coalesce(sum(l.amount_cents) filter (where l.amount_cents > 0), 0)::int as cents
         from ledger_transfers t join ledger_entries l on l.transfer_id = t.id
         where t.code = 'paid_reply' group by t.idempotency_key`,
      );
      const byKey = new Map(charges.rows.map((row) => [row.key, row]));
      let wrong = 0;
      for (const messageId of result.unlocked) {
        const charge = byKey.get(`paid-reply:${messageId}`);
        if (charge?.count !== 1 || charge.cents !== prices.get(messageId)) wrong += 1;
      }
      const extra = charges.rows.length - result.unlocked.length;
      const unlockedCents = result.unlocked.reduce((sum, id) => sum + (prices.get(id) ?? 0), 0);
      const wallets = await handle.pool.query<{ spent: number }>(
        `select ($1::bigint - coalesce(sum(balance_cents), 0))::int as spent from ledger_accounts
         where kind = 'wallet' and owner_user_id like 'bench-msg-client-%'`,
        [FUND_CENTS * CLIENTS],
      );
      const verify = await built.services.ledger.verify();
      const sorted = Float64Array.from(result.deliveryMs).sort();
      const p = (q: number) => Number(percentile(sorted, q).toFixed(1));
      const answers = Float64Array.from(result.answerMs).sort();
      const exactlyOnce = wrong === 0 && extra === 0 && wallets.rows[0]?.spent === unlockedCents;
      const passed =
        p(0.99) < TARGET_P99_MS && result.missing === 0 && exactlyOnce && verify.violations.length === 0;
      console.log(
        `sockets open ${result.socketsOpen}/${CLIENTS + READERS}; messages sent ${result.sent}, accepted ${result.accepted}, refused ${JSON.stringify(result.refused)}`,
      );
      console.log(
        `send → message.new at the recipient (${result.deliveryMs.length} of ${result.measuredAccepted} measured): p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms; ${result.missing} not delivered after the drain; send → 201 answer p50 ${percentile(answers, 0.5).toFixed(1)} ms, p99 ${percentile(answers, 0.99).toFixed(1)} ms`,
      );
      // p99 of each measured second (by when its messages were sent): a backlog or a stall shows here.
      const bySecond = new Map<number, number[]>();
      result.deliveryMs.forEach((ms, index) => {
        const second = result.deliverySecond[index] ?? 0;
        const list = bySecond.get(second) ?? [];
        list.push(ms);
        bySecond.set(second, list);
      });
      const perSecond = [...bySecond.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, list]) => percentile(Float64Array.from(list).sort(), 0.99).toFixed(0));
      console.log(`delivery p99 per measured second (ms): ${perSecond.join(" ")}`);
      console.log(
        `unlocks: ${result.unlocked.length} replies unlocked (${result.doubles} sent twice at once), answers ${JSON.stringify(result.unlockAnswers)}; charges: ${charges.rows.length}, wrong count ${wrong}, without an unlock ${extra}; wallets spent ${wallets.rows[0]?.spent} cents for ${unlockedCents} cents of replies; ledger verify: ${verify.violations.length} violations`,
      );
      console.log(
        `CPU over the run (% of one core): server ${Math.round(((used.user + used.system) / 1000 / wallMs) * 100)}, PostgreSQL ${Math.round((postgresMs / wallMs) * 100)}, load process ${Math.round((result.clientCpuMs / wallMs) * 100)}; the server logged ${logged.length} warnings or errors${logged[0] ? `, the first: ${logged[0]}` : ""}`,
      );
      console.log(
        passed ? `PASS: p99 under ${TARGET_P99_MS} ms, unlocks exactly once, ledger clean` : "FAIL",
      );
      const report = {
        bench: "messages",
        p99Ms: p(0.99),
        p50Ms: p(0.5),
        p95Ms: p(0.95),
        maxMs: p(1),
        offeredPerSecond: MESSAGES_PER_SECOND,
        messagesPerSecond: Number((result.accepted / result.answeringSeconds).toFixed(1)),
        unlocksPerSecond: Number((result.unlocked.length / result.seconds).toFixed(1)),
        accepted: result.accepted,
        refused: result.refused,
        missingDeliveries: result.missing,
        unlocksExactlyOnce: exactlyOnce,
        ledgerViolations: verify.violations.length,
        passed,
      };
      await built.app.close();
      await jobs.stop();
      console.log(JSON.stringify(report));
      return report;
    } catch (error) {
      await built.app.close();
      throw error;
    }
  } finally {
    await handle.close();
    await database.stop();
  }
}
