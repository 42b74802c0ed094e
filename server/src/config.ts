/*
 * About 560 lines on purpose: every environment variable in one schema (name, type, default,
 * description), parsed once at boot; the README table and .env.example are generated from it.
 */
import { isIP } from "node:net";
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
  SEED_DEMO_DATA: Type.Optional(
    Type.Boolean({
      description:
        "Seed the demo admin, readers and clients (one known password) on the first start of an empty database. Default true on the embedded database, false with DATABASE_URL.",
    }),
  ),
  DEMO_ACTIVITY: Type.Boolean({
    default: true,
    description:
      "With SEED_DEMO_DATA: the first start also seeds reader portraits and a few weeks of past readings, reviews, tips and top-ups, and every start runs two automatic demo readers that answer chat readings. false gives bare demo accounts.",
  }),
  SERVE_WEB: Type.Boolean({
    default: true,
    description:
      "Serve the built web app (web/dist) from this server. `npm run dev` turns it off and uses Vite.",
  }),
  TRUST_PROXY: Type.String({
    default: "false",
    description:
      "Which reverse proxies' X-Forwarded-* headers to believe for client addresses (rate limits) and protocol: false (none), a hop count (1 = the nearest proxy), or a comma-separated list of proxy addresses and CIDRs (10.0.0.0/8, loopback, uniquelocal). Headers from any other peer are ignored.",
  }),
  REDIS_URL: Type.Optional(
    Type.String({
      pattern: "^rediss?://",
      description:
        "Redis for the rate-limit counters shared by every node (redis://host:6379 or rediss://…). Unset: they live in PostgreSQL.",
    }),
  ),
  METRICS_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      description:
        "Bearer token for GET /metrics (Prometheus text format). Unset: /metrics does not exist (404).",
    }),
  ),
  SENTRY_DSN: Type.Optional(
    Type.String({
      pattern: "^https?://[^@/]+@[^/]+/.+$",
      description:
        "Sentry DSN. When set, unexpected server errors (500s) are reported with their request id and route, scrubbed of emails, IP addresses, cookies and request bodies.",
    }),
  ),
  SENTRY_ENVIRONMENT: Type.String({
    minLength: 1,
    default: "production",
    description: "Environment name on Sentry events.",
  }),
  LEDGER_CHECK_INTERVAL_MINUTES: Type.Integer({
    minimum: 0,
    maximum: 7 * 24 * 60,
    default: 60,
    description:
      "How often each app node runs the ledger check (ledger:verify) and reports its result in /metrics; 0 turns the periodic check off.",
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
  BROWSE_CACHE_MS: Type.Integer({
    minimum: 0,
    maximum: 600_000,
    default: 30_000,
    description:
      "The longest each app node may serve a reader browse/search page, or its in-memory reader index, from memory (0 turns both off); both follow changes at once (database triggers tell every node), so this only bounds a missed notification.",
  }),
  MESSAGE_EMAIL_CHECK_MS: Type.Integer({
    minimum: 1_000,
    maximum: 86_400_000,
    default: 30_000,
    description:
      "How often each app node looks for people to email about unread messages (they are emailed once they have been offline for 10 minutes, at most once an hour per conversation).",
  }),
  SLOTS_CACHE_MS: Type.Integer({
    minimum: 0,
    maximum: 600_000,
    default: 120_000,
    description:
      "The longest each app node may compute readers' slot lists from their hours and bookings kept in memory (0 turns it off; all readers are read again at half this); it follows changes at once (database triggers tell every node), so this only bounds a missed notification. A booking itself is always checked against the database.",
  }),
  SESSION_BILLING_UNIT_MS: Type.Integer({
    minimum: 1000,
    maximum: 60_000,
    multipleOf: 1000,
    default: 60_000,
    description:
      "The billing unit of on-demand readings (a minute). Tests and demos may use a few seconds; rates stay per unit.",
  }),
  SESSION_GRACE_MS: Type.Integer({
    minimum: 1000,
    maximum: 30 * 60_000,
    default: 5 * 60_000,
    description:
      "How long a dropped or unfunded reading waits (unbilled) for a reconnect or a top-up before it ends.",
  }),
  SESSION_RING_MS: Type.Integer({
    minimum: 1000,
    maximum: 5 * 60_000,
    default: 60_000,
    description: "How long a reading request rings the reader before it counts as missed.",
  }),
  CALLBACK_OFFER_MS: Type.Integer({
    minimum: 5000,
    maximum: 30 * 60_000,
    default: 2 * 60_000,
    description:
      "When a reader is free, the first client in their waitlist has this long to start; nobody else may start meanwhile.",
  }),
  CALLBACK_TTL_MS: Type.Integer({
    minimum: 60_000,
    maximum: 7 * 24 * 60 * 60_000,
    default: 24 * 60 * 60_000,
    description: "How long a place in a reader's waitlist lasts.",
  }),
  SESSION_JOIN_TIMEOUT_MS: Type.Integer({
    minimum: 1000,
    maximum: 30 * 60_000,
    default: 2 * 60_000,
    description: "How long an accepted reading waits for both sides to join before it is cancelled.",
  }),
  SESSION_BILLER_INTERVAL_MS: Type.Integer({
    minimum: 50,
    maximum: 60 * 60_000,
    default: 500,
    description: "How often each app node runs the reading biller (idempotent; every node may run it).",
  }),
  CHAT_SHED_LAG_MS: Type.Integer({
    minimum: 0,
    maximum: 60_000,
    default: 60,
    description:
      "Load shedding: while a node's own delivery lag (event-loop delay, or the wait of its oldest queued chat message) is over this, it refuses new chat messages with RETRY_LATER and a retry-after, and the app sends them again then. 0 turns it off.",
  }),
  NODE_HEARTBEAT_MS: Type.Integer({
    minimum: 50,
    maximum: 60_000,
    default: 1000,
    description:
      "How often an app node marks itself alive; billing never counts past a node's last heartbeat, and a node silent for 3 heartbeats drops its readings' connections.",
  }),
  READER_SHARE_BASIS_POINTS: Type.Integer({
    minimum: 0,
    maximum: 10_000,
    default: 7000,
    description: "The reader's share of every paid cent, in basis points (7000 = 70%).",
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
        "SMTP server (smtp://user:pass@host:587 or smtps://…). When unset, mail goes to the outbox admins read in the app (links included), to the log (link tokens redacted) and, with the payment sandbox, to the sandbox mailbox of the browser that signed up.",
    }),
  ),
  MAIL_FROM: Type.String({
    minLength: 3,
    default: "SoulSeer <no-reply@soulseer.local>",
    description: "From address of outgoing mail.",
  }),
  PAYMENT_PROVIDER: Type.Optional(
    Type.Enum(["stripe", "sandbox"], {
      description:
        "Who takes card payments for wallet top-ups: stripe (needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET) or sandbox (no real money: any signed-in user can add funds; every page shows a ribbon). Default stripe with DATABASE_URL or a Stripe key, otherwise (embedded database) sandbox.",
    }),
  ),
  STRIPE_SECRET_KEY: Type.Optional(
    Type.String({
      pattern: "^(sk|rk)_",
      description: "Stripe secret key (with PAYMENT_PROVIDER=stripe, the default with DATABASE_URL).",
    }),
  ),
  STRIPE_WEBHOOK_SECRET: Type.Optional(
    Type.String({
      pattern: "^whsec_",
      description: "Signing secret of the Stripe webhook endpoint /api/v1/payments/webhook.",
    }),
  ),
  STRIPE_CONNECT_WEBHOOK_SECRET: Type.Optional(
    Type.String({
      pattern: "^whsec_",
      description:
        "Signing secret of a second Stripe endpoint at the same address that listens to connected accounts (Connect: account.updated for readers' payout accounts); events signed with either secret are accepted.",
    }),
  ),
  WEBRTC_ICE_SERVERS: Type.Optional(
    Type.String({
      description:
        'STUN/TURN servers for voice and video as JSON, e.g. [{"urls":"turn:turn.example.com:3478","username":"u","credential":"c"}]. Unset: none (direct connections only).',
    }),
  ),
  AGORA_APP_ID: Type.Optional(
    Type.String({
      pattern: "^[0-9a-fA-F]{32}$",
      description:
        "Agora project App ID (32 hex characters). With AGORA_APP_CERTIFICATE it moves voice and video readings from the built-in WebRTC to Agora RTC.",
    }),
  ),
  AGORA_APP_CERTIFICATE: Type.Optional(
    Type.String({
      pattern: "^[0-9a-fA-F]{32}$",
      description:
        "Agora App Certificate (32 hex characters). Signs the short-lived RTC tokens; never sent to browsers.",
    }),
  ),
  AGORA_TOKEN_TTL_SECONDS: Type.Integer({
    minimum: 120,
    maximum: 86_400,
    default: 1200,
    description:
      "Lifetime of an Agora RTC token and its join/publish privileges; the web app renews it before it expires.",
  }),
  STRIPE_API_BASE: Type.Optional(
    Type.String({
      pattern: "^https?://[^/]+$",
      description:
        "Where the Stripe SDK sends requests (scheme://host:port). Only for tests against a local fake Stripe.",
    }),
  ),
  PAYOUT_HOUR_UTC: Type.Integer({
    minimum: 0,
    maximum: 23,
    default: 2,
    description: "The hour (UTC) of the daily payout run that pays every ready reader's available earnings.",
  }),
  PAYOUT_MIN_CENTS: Type.Integer({
    minimum: 100,
    maximum: 1_000_000,
    default: 1500,
    description: "The least a daily payout pays out; a reader may set a higher threshold of their own.",
  }),
  PAYOUT_PENDING_HOURS: Type.Integer({
    minimum: 0,
    maximum: 24 * 30,
    default: 24,
    description:
      "Hours an earning stays pending (inside the refund window) before it counts as available for payout.",
  }),
  PAYOUT_RATE_PER_SECOND: Type.Integer({
    minimum: 0,
    maximum: 10_000,
    default: 20,
    description:
      "Most provider calls per second the payout run makes (Stripe allows about 25/s in test mode, 100/s live); 0 turns the limiter off.",
  }),
  PAYOUT_CONCURRENCY: Type.Integer({
    minimum: 1,
    maximum: 64,
    default: 8,
    description: "Provider calls the payout run keeps in flight at once.",
  }),
  PAYOUT_RETRY_BASE_MS: Type.Integer({
    minimum: 1,
    maximum: 60_000,
    default: 500,
    description:
      "First wait before retrying a provider call that was rate limited or failed for a passing reason; doubles on each attempt (5 attempts).",
  }),
  AUTO_RELOAD_MIN_INTERVAL_MINUTES: Type.Integer({
    minimum: 1,
    maximum: 24 * 60,
    default: 10,
    description: "An auto-reload charges a client's saved card at most once in this many minutes.",
  }),
  AUTO_RELOAD_MAX_PER_DAY: Type.Integer({
    minimum: 1,
    maximum: 50,
    default: 5,
    description: "An auto-reload charges a client's saved card at most this many times per UTC day.",
  }),
  FILES_DIR: Type.String({
    minLength: 1,
    default: ".data/files",
    description:
      "Folder of uploaded files (reader photos) when no S3 bucket is configured; served through signed, expiring URLs.",
  }),
  FILES_URL_TTL_SECONDS: Type.Integer({
    minimum: 60,
    maximum: 7 * 86_400,
    default: 3600,
    description: "Lifetime of a signed (local) or presigned (S3/R2) file URL.",
  }),
  S3_ENDPOINT: Type.Optional(
    Type.String({
      pattern: "^https?://[^/]+$",
      description:
        "S3-compatible endpoint (scheme://host[:port]), e.g. https://<account>.r2.cloudflarestorage.com for R2. Unset for AWS S3 (then S3_REGION is needed).",
    }),
  ),
  S3_REGION: Type.Optional(
    Type.String({
      pattern: "^[a-z0-9-]{2,32}$",
      description: "Region of the bucket (R2: auto, the default when S3_ENDPOINT is set).",
    }),
  ),
  S3_BUCKET: Type.Optional(
    Type.String({
      pattern: "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
      description:
        "Bucket for uploaded files. With S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY it moves file storage from FILES_DIR to S3/R2 (presigned URLs).",
    }),
  ),
  S3_ACCESS_KEY_ID: Type.Optional(
    Type.String({ minLength: 1, description: "Access key id for the bucket." }),
  ),
  S3_SECRET_ACCESS_KEY: Type.Optional(
    Type.String({ minLength: 1, description: "Secret access key for the bucket." }),
  ),
  S3_FORCE_PATH_STYLE: Type.Optional(
    Type.Boolean({
      description:
        "Address the bucket as endpoint/bucket instead of bucket.endpoint (most self-hosted S3-compatible servers need it). Default false.",
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

export type PaymentProvider = "stripe" | "sandbox";

export type Config = Omit<RawConfig, "SEED_DEMO_DATA" | "PAYMENT_PROVIDER"> & {
  /** Resolved default: true on the embedded database, false with DATABASE_URL. */
  SEED_DEMO_DATA: boolean;
  /** Resolved default: sandbox on the embedded database, stripe with DATABASE_URL. */
  PAYMENT_PROVIDER: PaymentProvider;
  /** The sandbox mailbox is on: no SMTP server and the payment sandbox (never a real deployment). */
  sandboxMailbox: boolean;
  publicUrl: URL;
  /** TRUST_PROXY parsed: trust none, the nearest N hops, or these proxy addresses/CIDRs. */
  trustProxy: TrustProxy;
  auth0: { issuerUrl: string; clientId: string; clientSecret: string; audience: string | undefined } | null;
  s3: S3Config | null;
  /** STUN/TURN servers for WebRTC (empty: host candidates only). */
  iceServers: IceServer[];
  /** Agora RTC for voice and video (null: the built-in WebRTC). */
  agora: AgoraConfig | null;
};

export interface AgoraConfig {
  appId: string;
  appCertificate: string;
  tokenTtlSeconds: number;
}

export interface S3Config {
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const AUTH0_KEYS = ["AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET"] as const;
const S3_REQUIRED_KEYS = ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;
const S3_KEYS = [...S3_REQUIRED_KEYS, "S3_ENDPOINT", "S3_REGION", "S3_FORCE_PATH_STYLE"] as const;

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
  problems.push(...paymentProblems(input));
  problems.push(...s3Problems(input));
  if (typeof input.WEBRTC_ICE_SERVERS === "string" && parseIceServers(input.WEBRTC_ICE_SERVERS) === null) {
    problems.push(
      'WEBRTC_ICE_SERVERS: a JSON array of {"urls": string | string[], "username"?, "credential"?}',
    );
  }
  if ((input.AGORA_APP_ID === undefined) !== (input.AGORA_APP_CERTIFICATE === undefined)) {
    problems.push(
      "AGORA_APP_ID, AGORA_APP_CERTIFICATE: set both to use Agora for voice and video, or neither for the built-in WebRTC",
    );
  }
  if (input.DATABASE_URL !== undefined && input.AUTH_SECRET === undefined) {
    problems.push("AUTH_SECRET: required when DATABASE_URL is set (32+ random characters)");
  }
  const trustProxy = parseTrustProxy(String(parsed.TRUST_PROXY ?? "false"));
  if (trustProxy === null) {
    problems.push(
      `TRUST_PROXY: false, a hop count (1-10), or a comma-separated list of proxy addresses/CIDRs (got ${JSON.stringify(input.TRUST_PROXY ?? null)}); "true" (trust every peer) is not allowed`,
    );
  }
  if (problems.length > 0 || trustProxy === null) throw new ConfigError(problems);
  const raw = parsed as RawConfig;
  const deployed = raw.DATABASE_URL !== undefined;
  return {
    ...raw,
    SEED_DEMO_DATA: raw.SEED_DEMO_DATA ?? !deployed,
    PAYMENT_PROVIDER: paymentProviderOf(raw),
    sandboxMailbox: raw.SMTP_URL === undefined && paymentProviderOf(raw) === "sandbox",
    trustProxy,
    publicUrl: new URL(raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`),
    auth0: auth0FromRaw(raw),
    s3: s3FromRaw(raw),
    iceServers: raw.WEBRTC_ICE_SERVERS ? (parseIceServers(raw.WEBRTC_ICE_SERVERS) ?? []) : [],
    agora:
      raw.AGORA_APP_ID && raw.AGORA_APP_CERTIFICATE
        ? {
            appId: raw.AGORA_APP_ID,
            appCertificate: raw.AGORA_APP_CERTIFICATE,
            tokenTtlSeconds: raw.AGORA_TOKEN_TTL_SECONDS,
          }
        : null,
  };
}

export type TrustProxy = false | number | string[];

const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** TRUST_PROXY as Fastify takes it; null when it is not valid. */
export function parseTrustProxy(text: string): TrustProxy | null {
  const value = text.trim();
  if (value === "" || value === "false" || value === "0") return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? hops : null;
  }
  const entries = value.split(",").map((entry) => entry.trim());
  return entries.every((entry) => PROXY_RANGE_NAMES.has(entry) || isAddressOrCidr(entry)) ? entries : null;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split("/");
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** The ICE server list, or null when it is not a valid list. */
function parseIceServers(json: string): IceServer[] | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length > 10) return null;
  const servers: IceServer[] = [];
  for (const entry of value) {
    if (!entry || typeof entry !== "object") return null;
    const { urls, username, credential } = entry as Record<string, unknown>;
    const list = Array.isArray(urls) ? urls : [urls];
    if (
      list.length === 0 ||
      !list.every((url) => typeof url === "string" && /^(stun|stuns|turn|turns):/.test(url))
    )
      return null;
    if (username !== undefined && typeof username !== "string") return null;
    if (credential !== undefined && typeof credential !== "string") return null;
    servers.push({ urls: urls as string | string[], username, credential });
  }
  return servers;
}

/**
 * PAYMENT_PROVIDER when named; otherwise Stripe in a deployment (DATABASE_URL) or wherever a Stripe
 * key is set, and the sandbox only on the embedded database without Stripe keys.
 */
function paymentProviderOf(input: {
  PAYMENT_PROVIDER?: unknown;
  DATABASE_URL?: unknown;
  STRIPE_SECRET_KEY?: unknown;
  STRIPE_WEBHOOK_SECRET?: unknown;
}): PaymentProvider {
  if (input.PAYMENT_PROVIDER === "stripe" || input.PAYMENT_PROVIDER === "sandbox")
    return input.PAYMENT_PROVIDER;
  const stripeKeySet = input.STRIPE_SECRET_KEY !== undefined || input.STRIPE_WEBHOOK_SECRET !== undefined;
  return input.DATABASE_URL === undefined && !stripeKeySet ? "sandbox" : "stripe";
}

/** Stripe needs both of its keys; the sandbox takes none (keys set beside it are a mistake). */
function paymentProblems(input: Record<string, unknown>): string[] {
  if (
    input.PAYMENT_PROVIDER !== undefined &&
    input.PAYMENT_PROVIDER !== "stripe" &&
    input.PAYMENT_PROVIDER !== "sandbox"
  )
    return [];
  const keys = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const;
  const set = keys.filter((key) => input[key] !== undefined);
  if (paymentProviderOf(input) === "stripe") {
    if (set.length === keys.length) return [];
    const missing = keys.filter((key) => input[key] === undefined);
    const why =
      input.PAYMENT_PROVIDER === "stripe"
        ? "PAYMENT_PROVIDER is stripe"
        : input.DATABASE_URL !== undefined
          ? "DATABASE_URL is set (a deployment takes real payments through Stripe by default)"
          : `${set.join(", ")} is set`;
    return [
      `${missing.join(", ")}: required because ${why}; set PAYMENT_PROVIDER=sandbox only for a demo where no real money moves`,
    ];
  }
  if (set.length > 0)
    return [
      `${set.join(", ")}: set, but PAYMENT_PROVIDER is sandbox; set PAYMENT_PROVIDER=stripe to use Stripe, or remove them`,
    ];
  return [];
}

/** S3/R2 is all or nothing: any S3_* variable asks for the bucket, both keys, and an endpoint or region. */
function s3Problems(input: Record<string, unknown>): string[] {
  const set = S3_KEYS.filter((key) => input[key] !== undefined);
  if (set.length === 0) return [];
  const missing: string[] = S3_REQUIRED_KEYS.filter((key) => input[key] === undefined);
  if (input.S3_ENDPOINT === undefined && input.S3_REGION === undefined)
    missing.push("S3_ENDPOINT or S3_REGION");
  return missing.length > 0
    ? [
        `${missing.join(", ")}: required when ${set.join(", ")} is set (set all of S3 storage, or none for local files)`,
      ]
    : [];
}

function s3FromRaw(raw: RawConfig): S3Config | null {
  if (!raw.S3_BUCKET || !raw.S3_ACCESS_KEY_ID || !raw.S3_SECRET_ACCESS_KEY) return null;
  return {
    endpoint: raw.S3_ENDPOINT,
    region: raw.S3_REGION ?? "auto",
    bucket: raw.S3_BUCKET,
    accessKeyId: raw.S3_ACCESS_KEY_ID,
    secretAccessKey: raw.S3_SECRET_ACCESS_KEY,
    forcePathStyle: raw.S3_FORCE_PATH_STYLE ?? false,
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
    paymentProvider: config.PAYMENT_PROVIDER,
    /** The sandbox mailbox (no SMTP server and the payment sandbox): "Check your email" links to it. */
    sandboxMailbox: config.sandboxMailbox,
    iceServers: config.iceServers,
    media: config.agora
      ? { provider: "agora" as const, appId: config.agora.appId }
      : { provider: "webrtc" as const },
  };
}
