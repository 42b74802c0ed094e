import { createHash } from "node:crypto";
import type { Config } from "../../config.js";
import { type AppModule, defineJob, type Platform } from "../../platform/module.js";
import {
  createSandboxPayoutProvider,
  createStripePayoutProvider,
} from "../../platform/payments/payouts-provider.js";
import type { AuditService } from "../audit/audit.service.js";
import type { EmailService } from "../email/email.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { PaymentsService } from "../payments/payments.service.js";
import type { UsersService } from "../users/users.service.js";
import { createPayoutNotices } from "./payouts.notices.js";
import { payoutsPersonalData } from "./payouts.personal-data.js";
import { registerPayoutsRoutes } from "./payouts.routes.js";
import { createPayoutsService, type PayoutsService } from "./payouts.service.js";
import { utcDayOf } from "./payouts.state.js";

export const DAILY_PAYOUT_JOB = "payouts.daily";
/** How often each node checks whether today's payout run is due (it is queued once per day). */
const DUE_CHECK_EVERY_MS = 60_000;

/** pg-boss job ids are UUIDs: one per day, so a day's run is queued once whichever node asks. */
export function dailyJobId(day: string) {
  const hex = createHash("sha256").update(`payouts-daily:${day}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Reader payouts: Stripe Connect when Stripe takes the payments, otherwise the sandbox (same
 * onboarding and signed-event path). The daily run is a pg-boss job queued once a day at
 * PAYOUT_HOUR_UTC; it reconciles any payout a crash left in transit before paying anyone.
 */
export function createPayoutsModule(
  deps: Pick<Platform, "db" | "clock" | "logger" | "publicOrigin" | "jobs"> & {
    config: Config;
    ledger: LedgerService;
    audit: AuditService;
    users: UsersService;
    email: EmailService;
    payments: PaymentsService;
  },
): AppModule<PayoutsService> {
  const { config } = deps;
  const provider =
    config.PAYMENT_PROVIDER === "stripe" && config.STRIPE_SECRET_KEY
      ? createStripePayoutProvider({
          secretKey: config.STRIPE_SECRET_KEY,
          apiBaseUrl: config.STRIPE_API_BASE,
        })
      : createSandboxPayoutProvider({ publicOrigin: deps.publicOrigin });
  const service = createPayoutsService({
    ...deps,
    provider,
    settings: {
      hourUtc: config.PAYOUT_HOUR_UTC,
      minimumCents: config.PAYOUT_MIN_CENTS,
      pendingMs: config.PAYOUT_PENDING_HOURS * 3_600_000,
      ratePerSecond: config.PAYOUT_RATE_PER_SECOND,
      concurrency: config.PAYOUT_CONCURRENCY,
      retryBaseMs: config.PAYOUT_RETRY_BASE_MS,
    },
    deliverSandboxEvent: deps.payments.sandboxActive()
      ? (type, object) => deps.payments.deliverSandboxEvent(type, object)
      : null,
    notify: createPayoutNotices({ email: deps.email, users: deps.users, publicOrigin: deps.publicOrigin }),
  });
  deps.payments.onEvents(["account.updated", "transfer.reversed"], (tx, event, name) =>
    service.applyEvent(tx, event, name),
  );
  let queuedDay: string | null = null;
  const dueDay = () => {
    const now = deps.clock.now();
    return now.getUTCHours() >= config.PAYOUT_HOUR_UTC ? utcDayOf(now) : null;
  };

  return {
    name: "payouts",
    service,
    routes: (app) => registerPayoutsRoutes(app, service),
    personalData: payoutsPersonalData,
    jobs: [
      defineJob<{ day: string }>({
        name: DAILY_PAYOUT_JOB,
        retryLimit: 8,
        async handle(data) {
          const report = await service.run.daily(data.day);
          deps.logger.info({ report }, "daily payout run finished");
          // Payouts the provider did not answer stay in transit: the job's retry reconciles them.
          if (report.unfinished > 0) throw new Error(`${report.unfinished} payouts are still in transit`);
        },
      }),
    ],
    timers: [
      {
        name: "daily payout run",
        everyMs: DUE_CHECK_EVERY_MS,
        async run() {
          const day = dueDay();
          if (day === null || queuedDay === day) return;
          await deps.jobs.send(DAILY_PAYOUT_JOB, { day }, { id: dailyJobId(day) });
          queuedDay = day;
        },
      },
    ],
    // A node that starts after the payout hour resumes a day's run that did not finish (a crash
    // or a restart cut it short): in the background, so the node serves requests meanwhile.
    async start() {
      const day = dueDay();
      if (day === null || (await service.run.finished(day))) return;
      void service.run
        .daily(day)
        .then((report) => deps.logger.info({ report }, "resumed payout run finished"))
        .catch((error: unknown) => deps.logger.error({ err: error }, "resuming the payout run failed"));
    },
  };
}
