import Type, { type Static } from "typebox";
import Value from "typebox/value";

/**
 * Every environment variable the server reads, in one schema. Parsed once at boot
 * (`loadConfig`); nothing else in the server reads `process.env`.
 * Each entry's `description` is the documentation shown in `.env.example` and the README.
 */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3000, description: "HTTP port." }),
  HOST: Type.String({
    minLength: 1,
    default: "127.0.0.1",
    description: "Interface to listen on. Use 0.0.0.0 inside a container.",
  }),
  PUBLIC_URL: Type.Optional(
    Type.String({
      pattern: "^https?://[^/]+$",
      description:
        "Origin users reach the site at (scheme://host[:port], no path). Default http://localhost:PORT. Links in emails, OAuth callbacks and the CSRF origin check use it; https turns on HSTS.",
    }),
  ),
  LOG_LEVEL: Type.Enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
    default: "info",
    description: "Log level (structured JSON logs on stdout).",
  }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: "^postgres(ql)?://",
      description:
        "PostgreSQL (15 or newer) connection string. When set, it is used and no embedded database starts.",
    }),
  ),
  EMBEDDED_DB_DIR: Type.String({
    minLength: 1,
    default: ".data/postgres",
    description: "Data folder of the embedded PostgreSQL (used only without DATABASE_URL).",
  }),
  EMBEDDED_DB_PORT: Type.Integer({
    minimum: 1,
    maximum: 65535,
    default: 5433,
    description: "Port of the embedded PostgreSQL on 127.0.0.1.",
  }),
  AUTH_SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      description:
        "Secret that signs session cookies and tokens (32+ characters). Required with DATABASE_URL; in embedded mode one is generated and kept in the data folder.",
    }),
  ),
  SEED_DEMO_DATA: Type.Boolean({
    default: true,
    description: "Seed the demo admin, readers and clients on the first start of an empty database.",
  }),
  SERVE_WEB: Type.Boolean({
    default: true,
    description:
      "Serve the built web app (web/dist) from this server. `npm run dev` turns it off and uses Vite.",
  }),
  TRUST_PROXY: Type.Boolean({
    default: false,
    description: "Trust X-Forwarded-* headers (set behind a reverse proxy) for client IPs and protocol.",
  }),
  SESSION_TTL_HOURS: Type.Integer({
    minimum: 1,
    maximum: 24 * 90,
    default: 24 * 7,
    description: "Lifetime of a sign-in session for clients and readers.",
  }),
  ADMIN_IDLE_TIMEOUT_MINUTES: Type.Integer({
    minimum: 1,
    maximum: 24 * 60,
    default: 30,
    description: "An admin session ends after this many idle minutes.",
  }),
  PRESENCE_OFFLINE_DELAY_MS: Type.Integer({
    minimum: 50,
    maximum: 10 * 60_000,
    default: 30_000,
    description:
      "A reader whose last live connection closes goes offline after this many milliseconds (a reconnect inside it changes nothing).",
  }),
  PRESENCE_HEARTBEAT_MS: Type.Integer({
    minimum: 50,
    maximum: 60_000,
    default: 10_000,
    description:
      "How often each app node refreshes its live connections in the database; a node silent for 3 heartbeats counts as gone.",
  }),
  LIVE_PING_INTERVAL_MS: Type.Integer({
    minimum: 50,
    maximum: 120_000,
    default: 25_000,
    description: "WebSocket ping interval; a socket that misses a whole interval is closed as dropped.",
  }),
  SIGN_IN_RATE_LIMIT_MAX: Type.Integer({
    minimum: 1,
    maximum: 1000,
    default: 5,
    description: "Sign-in attempts allowed per IP in each rate-limit window.",
  }),
  SIGN_IN_RATE_LIMIT_WINDOW_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 86_400,
    default: 300,
    description: "Length of the sign-in rate-limit window.",
  }),
  SMTP_URL: Type.Optional(
    Type.String({
      pattern: "^smtps?://",
      description:
        "SMTP server (smtp://user:pass@host:587 or smtps://…). When unset, mail goes to the outbox admins read in the app and to the log.",
    }),
  ),
  MAIL_FROM: Type.String({
    minLength: 3,
    default: "SoulSeer <no-reply@soulseer.local>",
    description: "From address of outgoing mail.",
  }),
  STRIPE_SECRET_KEY: Type.Optional(
    Type.String({
      pattern: "^(sk|rk)_",
      description:
        "Stripe secret key. With STRIPE_WEBHOOK_SECRET it switches top-ups from the sandbox to Stripe Checkout.",
    }),
  ),
  STRIPE_WEBHOOK_SECRET: Type.Optional(
    Type.String({
      pattern: "^whsec_",
      description: "Signing secret of the Stripe webhook endpoint /api/v1/payments/webhook.",
    }),
  ),
  STRIPE_API_BASE: Type.Optional(
    Type.String({
      pattern: "^https?://[^/]+$",
      description:
        "Where the Stripe SDK sends requests (scheme://host:port). Only for tests against a local fake Stripe.",
    }),
  ),
  AUTH0_DOMAIN: Type.Optional(
    Type.String({
      minLength: 3,
      description:
        "Auth0 tenant domain (example.eu.auth0.com) or an issuer URL. With the client id and secret it turns on “Continue with Auth0”.",
    }),
  ),
  AUTH0_CLIENT_ID: Type.Optional(Type.String({ minLength: 1, description: "Auth0 application client id." })),
  AUTH0_CLIENT_SECRET: Type.Optional(
    Type.String({ minLength: 1, description: "Auth0 application client secret." }),
  ),
  AUTH0_AUDIENCE: Type.Optional(
    Type.String({
      minLength: 1,
      description: "Auth0 API audience requested at sign-in; access tokens for another audience are refused.",
    }),
  ),
});

export type RawConfig = Static<typeof ConfigSchema>;

export type Config = RawConfig & {
  publicUrl: URL;
  auth0: { issuerUrl: string; clientId: string; clientSecret: string; audience: string | undefined } | null;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const AUTH0_KEYS = ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"] as const;

/** Parses and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const known = Object.keys(ConfigSchema.properties);
  const input: Record<string, unknown> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== "") input[key] = value;
  }
  const parsed = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, input)) as Record<string, unknown>;
  const problems = [
    ...new Set(
      [...Value.Errors(ConfigSchema, parsed)].map((error) => {
        const key = error.instancePath.replace(/^\//, "") || "(root)";
        return `${key}: ${error.message} (got ${JSON.stringify(input[key] ?? null)})`;
      }),
    ),
  ];
  const auth0Set = AUTH0_KEYS.filter((key) => input[key] !== undefined);
  if (auth0Set.length > 0 && auth0Set.length < AUTH0_KEYS.length) {
    const missing = AUTH0_KEYS.filter((key) => input[key] === undefined);
    problems.push(`${missing.join(", ")}: required when ${auth0Set.join(", ")} is set`);
  }
  if ((input.STRIPE_SECRET_KEY === undefined) !== (input.STRIPE_WEBHOOK_SECRET === undefined)) {
    problems.push(
      "STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: set both to use Stripe, or neither for the sandbox",
    );
  }
  if (input.DATABASE_URL !== undefined && input.AUTH_SECRET === undefined) {
    problems.push("AUTH_SECRET: required when DATABASE_URL is set (32+ random characters)");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const raw = parsed as RawConfig;
  return {
    ...raw,
    publicUrl: new URL(raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`),
    auth0: auth0FromRaw(raw),
  };
}

function auth0FromRaw(raw: RawConfig): Config["auth0"] {
  if (!raw.AUTH0_DOMAIN || !raw.AUTH0_CLIENT_ID || !raw.AUTH0_CLIENT_SECRET) return null;
  const issuerUrl = /^https?:\/\//.test(raw.AUTH0_DOMAIN)
    ? raw.AUTH0_DOMAIN.replace(/\/$/, "")
    : `https://${raw.AUTH0_DOMAIN}`;
  return {
    issuerUrl,
    clientId: raw.AUTH0_CLIENT_ID,
    clientSecret: raw.AUTH0_CLIENT_SECRET,
    audience: raw.AUTH0_AUDIENCE,
  };
}

/** Variables safe to show to browsers: an explicit allow-list. */
export function publicClientConfig(config: Config, minPasswordLength: number) {
  return {
    appName: "SoulSeer",
    auth0Enabled: config.auth0 !== null,
    minPasswordLength,
    paymentProvider: config.STRIPE_SECRET_KEY ? ("stripe" as const) : ("sandbox" as const),
  };
}
