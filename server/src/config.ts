/*
 * Nearly 500 lines on purpose: every environment variable in one schema (name, type, default,
 * description), parsed once at boot; the README table and .env.example are generated from it.
 */
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
  BROWSE_CACHE_MS: Type.Integer({
    minimum: 0,
    maximum: 600_000,
    default: 30_000,
    description:
      "The longest each app node may serve a reader browse/search page, or its in-memory reader index, from memory (0 turns both off); both follow changes at once (database triggers tell every node), so this only bounds a missed notification.",
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
    default: 250,
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

export type Config = RawConfig & {
  publicUrl: URL;
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
  if ((input.STRIPE_SECRET_KEY === undefined) !== (input.STRIPE_WEBHOOK_SECRET === undefined)) {
    problems.push(
      "STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: set both to use Stripe, or neither for the sandbox",
    );
  }
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
  if (problems.length > 0) throw new ConfigError(problems);
  const raw = parsed as RawConfig;
  return {
    ...raw,
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
    paymentProvider: config.STRIPE_SECRET_KEY ? ("stripe" as const) : ("sandbox" as const),
    iceServers: config.iceServers,
    media: config.agora
      ? { provider: "agora" as const, appId: config.agora.appId }
      : { provider: "webrtc" as const },
  };
}
