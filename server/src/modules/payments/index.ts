import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import { createSandboxProvider, createStripeProvider } from "../../platform/payments/provider.js";
import { deriveSecret } from "../../platform/secrets.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { LimitsService } from "../limits/limits.service.js";
import type { UsersService } from "../users/users.service.js";
import { CARD_REFUND_RETRY_AFTER_MS } from "./payments.card-refunds.js";
import { paymentsPersonalData } from "./payments.personal-data.js";
import { registerPaymentRoutes } from "./payments.routes.js";
import { createPaymentsService, type PaymentsService } from "./payments.service.js";

/** How often each node looks for clients whose balance fell below their auto-reload floor. */
const FLOOR_SWEEP_EVERY_MS = 30_000;

/**
 * Wallet top-ups through the provider's hosted checkout: Stripe (PAYMENT_PROVIDER=stripe, the
 * default in a deployment), or the sandbox, whose events go through the same signed-webhook path.
 */
export function createPaymentsModule(
  deps: Pick<Platform, "db" | "clock" | "logger" | "publicOrigin"> & {
    config: Config;
    authSecret: string;
    ledger: LedgerService;
    limits: Pick<LimitsService, "consume">;
    users: Pick<UsersService, "statusOf">;
  },
): AppModule<PaymentsService> {
  const { config } = deps;
  const sandbox = createSandboxProvider({
    webhookSecret: deriveSecret(deps.authSecret, "sandbox-webhook"),
    publicOrigin: deps.publicOrigin,
  });
  // The config refuses PAYMENT_PROVIDER=stripe without both keys.
  const stripe =
    config.PAYMENT_PROVIDER === "stripe" && config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET
      ? createStripeProvider({
          secretKey: config.STRIPE_SECRET_KEY,
          webhookSecret: config.STRIPE_WEBHOOK_SECRET,
          connectWebhookSecret: config.STRIPE_CONNECT_WEBHOOK_SECRET,
          apiBaseUrl: config.STRIPE_API_BASE,
        })
      : null;
  const service = createPaymentsService({
    db: deps.db,
    ledger: deps.ledger,
    provider: stripe ?? sandbox,
    sandbox: stripe ? null : sandbox,
    clock: deps.clock,
    logger: deps.logger,
    publicOrigin: deps.publicOrigin,
    limits: deps.limits,
    users: deps.users,
    autoReloadLimits: {
      minIntervalMs: config.AUTO_RELOAD_MIN_INTERVAL_MINUTES * 60_000,
      maxPerDay: config.AUTO_RELOAD_MAX_PER_DAY,
    },
  });
  return {
    name: "payments",
    service,
    routes: (app) => registerPaymentRoutes(app, service),
    personalData: paymentsPersonalData,
    timers: [
      { name: "card refunds", everyMs: CARD_REFUND_RETRY_AFTER_MS, run: () => service.sweepCardRefunds() },
      {
        name: "auto-reload floors and unanswered charges",
        everyMs: FLOOR_SWEEP_EVERY_MS,
        run: async () => {
          await service.autoReload.resumeUnanswered();
          await service.autoReload.sweepFloors();
        },
      },
    ],
  };
}
