import { type AppDeps, buildApp } from "../app.js";
import type { Specialty } from "../modules/readers/readers.schemas.js";
import type { UserRole } from "../modules/users/users.schemas.js";
import type { Clock } from "../platform/clock.js";
import type { Jobs } from "../platform/jobs/jobs.js";

/**
 * The demo seed runs on a second, temporary instance of the app on the same database, with a
 * clock of its own (weeks back for the demo history). Everything the seed needs of the app is
 * here: the HTTP API (as a browser calls it) and the few service calls that have no route
 * (creating the demo accounts, a node's heartbeat, room joins as the live socket reports them,
 * the ledger check). This is the only seed file that knows the services' names.
 */

/** The longest offline delay the config allows: no reader is taken offline while the seed runs. */
const PRESENCE_OFFLINE_DELAY_MS = 600_000;

/**
 * A clock the seed moves by hand. Its timers never run: the seeding instance runs nothing on a
 * timer (the seed drives the biller itself, and no delay of the instance may act meanwhile).
 */
export function createManualClock(start: Date) {
  let nowMs = start.getTime();
  const never = { cancel() {} };
  return {
    now: () => new Date(nowMs),
    setTimeout: () => never,
    setInterval: () => never,
    set(date: Date) {
      nowMs = date.getTime();
    },
    advance(ms: number) {
      nowMs += ms;
    },
  };
}
export type ManualClock = ReturnType<typeof createManualClock>;

/** The seeding instance sends no mail: a job would be queued for a node that is gone. */
const NO_JOBS: Jobs = {
  register() {},
  async send(name) {
    throw new Error(`the demo seed does not send mail (job ${name})`);
  },
  async start() {},
  async stop() {},
  async queueDepths() {
    return [];
  },
};

export interface SeedingHttpResponse {
  status: number;
  body: Record<string, unknown>;
}

export async function openSeedingApp(deps: AppDeps, clock: Clock) {
  const config = {
    ...deps.config,
    SERVE_WEB: false,
    // Past readings were billed by the minute; the payment sandbox stands in for the card processor.
    SESSION_BILLING_UNIT_MS: 60_000,
    PAYMENT_PROVIDER: "sandbox" as const,
    STRIPE_SECRET_KEY: undefined,
    STRIPE_WEBHOOK_SECRET: undefined,
    // This instance's timers never start (the seed runs the biller itself); no reader may be taken
    // offline by the presence check while the seed runs.
    PRESENCE_OFFLINE_DELAY_MS,
    SIGN_IN_RATE_LIMIT_MAX: 10_000,
  };
  const built = await buildApp({
    ...deps,
    config,
    jobs: NO_JOBS,
    clock,
    logger: deps.logger.child({ seed: "demo" }, { level: "warn" }),
  });
  await built.app.ready();
  const { services } = built;
  const origin = config.publicUrl.origin;

  return {
    origin,
    /** Calls the API as a browser would (the site's origin, the user's cookie and address). */
    async http(
      method: "GET" | "POST" | "PUT",
      url: string,
      as: { cookie?: string; ip: string },
      payload?: object | Buffer,
      contentType = "application/json",
    ): Promise<SeedingHttpResponse> {
      const response = await built.app.inject({
        method,
        url,
        headers: {
          origin,
          ...(as.cookie ? { cookie: as.cookie } : {}),
          ...(payload ? { "content-type": contentType } : {}),
        },
        remoteAddress: as.ip,
        ...(payload ? { payload: Buffer.isBuffer(payload) ? payload : JSON.stringify(payload) } : {}),
      });
      if (response.statusCode >= 300)
        throw new Error(`demo seed: ${method} ${url} → ${response.statusCode} ${response.body}`);
      const body = response.body ? (response.json() as Record<string, unknown>) : {};
      return { status: response.statusCode, body };
    },
    async signIn(email: string, password: string, ip: string) {
      const response = await built.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        headers: { origin, "content-type": "application/json" },
        remoteAddress: ip,
        payload: JSON.stringify({ email, password }),
      });
      if (response.statusCode !== 200) throw new Error(`demo seed: sign-in as ${email} failed`);
      const setCookie = response.headers["set-cookie"];
      const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
      return lines.map((line) => line.split(";")[0]).join("; ");
    },

    createUser: (input: {
      email: string;
      password: string;
      displayName: string;
      role: UserRole;
      dateOfBirth: string;
      bio?: string;
      timeZone?: string;
      twoFactor?: { secret: string; backupCodes: string[] };
    }) => services.auth.createVerifiedUser(input),
    createReaderProfile: (
      userId: string,
      input: {
        displayName: string;
        headline: string;
        bio: string;
        specialties: Specialty[];
        tools: string[];
        languages: string[];
        yearsOfExperience: number;
        timeZone: string;
        rates: { chat?: number; voice?: number; video?: number; scheduled?: number };
        automaticDemo?: boolean;
      },
    ) => services.readers.createProfileForReader(userId, input),
    /** A reader's bookable hours, as the reader's availability page saves them. */
    setAvailability: (userId: string, input: Parameters<typeof services.bookings.setAvailabilityOf>[1]) =>
      services.bookings.setAvailabilityOf(userId, input),
    /** This instance is a live node (its room connections count), as its heartbeat timer would say. */
    heartbeat: () => services.readings.heartbeat(),
    /** One run of the reading biller, as its timer runs it on a live node. */
    runBiller: () => services.readings.drainDue(),
    /** A participant's live socket joined or left the reading's room, as the socket hub reports it. */
    joinRoom: (userId: string, readingId: string) => services.readings.joined(userId, readingId),
    leaveRoom: (userId: string, readingId: string) => services.readings.left(userId, readingId, clock.now()),
    /** Every ledger invariant (what `npm run ledger:verify` checks), payments included. */
    async ledgerViolations() {
      return [...(await services.ledger.verify()).violations, ...(await services.payments.verify())];
    },
    close: () => built.app.close(),
  };
}

export type SeedingApp = Awaited<ReturnType<typeof openSeedingApp>>;
