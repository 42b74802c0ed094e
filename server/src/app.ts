import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyBaseLogger } from "fastify";
import { type Config, publicClientConfig } from "./config.js";
import { registerAccountsRoutes } from "./modules/accounts/accounts.routes.js";
import { createAccountsService } from "./modules/accounts/accounts.service.js";
import { createAuth, MIN_PASSWORD_LENGTH } from "./modules/accounts/auth.js";
import { registerAuditRoutes } from "./modules/audit/audit.routes.js";
import { createAuditService } from "./modules/audit/audit.service.js";
import { registerEmailRoutes } from "./modules/email/email.routes.js";
import { createEmailService } from "./modules/email/email.service.js";
import { createLedgerService } from "./modules/ledger/ledger.service.js";
import { registerPaymentRoutes } from "./modules/payments/payments.routes.js";
import { createPaymentsService } from "./modules/payments/payments.service.js";
import { registerReaderRoutes } from "./modules/readers/readers.routes.js";
import { createReadersService } from "./modules/readers/readers.service.js";
import { registerSystemRoutes } from "./modules/system/system.routes.js";
import { createSystemService } from "./modules/system/system.service.js";
import { registerWalletAdminRoutes, registerWalletRoutes } from "./modules/wallets/wallets.routes.js";
import { createWalletsService } from "./modules/wallets/wallets.service.js";
import type { Clock } from "./platform/clock.js";
import type { DatabaseHandle } from "./platform/db/database.js";
import type { Mailer } from "./platform/email/mailer.js";
import { registerAccessGuard } from "./platform/http/access.js";
import { registerCsrfGuard } from "./platform/http/csrf.js";
import { registerApiDocs } from "./platform/http/docs.js";
import { createHttpServer } from "./platform/http/server.js";
import { registerWebApp } from "./platform/http/web-app.js";
import { toWebHeaders } from "./platform/http/web-request.js";
import type { Jobs } from "./platform/jobs/jobs.js";
import { createSandboxProvider, createStripeProvider } from "./platform/payments/provider.js";
import { deriveSecret } from "./platform/secrets.js";

export const API_VERSION = "1.0.0";
export const WEB_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  jobs: Jobs;
  mailer: Mailer;
  clock: Clock;
  logger: FastifyBaseLogger;
  authSecret: string;
}

/** Builds the whole application: platform plugins, then each module, one line each. */
export async function buildApp(deps: AppDeps) {
  const { config, database, clock } = deps;
  const app = await createHttpServer({
    logger: deps.logger,
    publicUrl: config.publicUrl,
    trustProxy: config.TRUST_PROXY,
    apiVersion: API_VERSION,
  });

  const email = createEmailService({
    db: database.db,
    jobs: deps.jobs,
    mailer: deps.mailer,
    clock,
    logger: deps.logger,
  });
  const audit = createAuditService({ db: database.db });
  const ledger = createLedgerService({ db: database.db, clock });
  const sandbox = createSandboxProvider({
    webhookSecret: deriveSecret(deps.authSecret, "sandbox-webhook"),
    publicOrigin: config.publicUrl.origin,
  });
  const payments = createPaymentsService({
    db: database.db,
    ledger,
    provider:
      config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET
        ? createStripeProvider({
            secretKey: config.STRIPE_SECRET_KEY,
            webhookSecret: config.STRIPE_WEBHOOK_SECRET,
            apiBaseUrl: config.STRIPE_API_BASE,
          })
        : sandbox,
    sandbox: config.STRIPE_SECRET_KEY ? null : sandbox,
    clock,
    logger: deps.logger,
    publicOrigin: config.publicUrl.origin,
  });
  const auth = createAuth({ db: database.db, config, secret: deps.authSecret, email });
  const accounts = createAccountsService({
    db: database.db,
    auth,
    audit,
    clock,
    adminIdleTimeoutMs: config.ADMIN_IDLE_TIMEOUT_MINUTES * 60_000,
  });

  registerCsrfGuard(app, { allowedOrigin: config.publicUrl.origin, prefix: "/api/v1/" });
  registerAccessGuard(app, (request) => accounts.resolvePrincipal(toWebHeaders(request)), {
    publicPrefixes: ["/api/docs"],
  });
  await registerApiDocs(app);

  const system = createSystemService({ db: database.db, pool: database.pool });
  registerSystemRoutes(app, {
    system,
    publicConfig: publicClientConfig(config, MIN_PASSWORD_LENGTH),
  });
  registerAccountsRoutes(app, { accounts, auth, config });
  registerAuditRoutes(app, audit);
  registerEmailRoutes(app, email);
  registerWalletRoutes(app, { ledger, payments });
  registerWalletAdminRoutes(
    app,
    createWalletsService({ db: database.db, ledger, payments, audit, accounts, clock }),
  );
  await registerPaymentRoutes(app, payments);
  const readers = createReadersService({
    db: database.db,
    accounts,
    audit,
    email,
    clock,
    publicOrigin: config.publicUrl.origin,
  });
  registerReaderRoutes(app, readers);

  if (config.SERVE_WEB) await registerWebApp(app, WEB_DIST_DIR);

  return { app, services: { accounts, audit, email, auth, system, ledger, payments, sandbox, readers } };
}

export type BuiltApp = Awaited<ReturnType<typeof buildApp>>;
