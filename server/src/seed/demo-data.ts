import type { AppDeps } from "../app.js";
import type { Specialty } from "../modules/readers/readers.schemas.js";
import { slugify } from "../modules/readers/readers.service.js";
import type { SystemService } from "../modules/system/system.service.js";
import type { UserRole } from "../modules/users/users.schemas.js";
import type { UsersService } from "../modules/users/users.service.js";
import { type DemoUser, seedDemoHistory } from "./demo-history.js";
import { HISTORY_DAYS } from "./demo-history-plan.js";
import { createManualClock, type ManualClock, openSeedingApp, type SeedingApp } from "./demo-seed-app.js";

export const DEMO_PASSWORD = "SoulSeer-demo-2026";
/**
 * The demo admin's authenticator secret (base32): admins sign in with a TOTP code, so the
 * demo admin has two-factor sign-in on with this published secret (printed at start, in the
 * README, and used by the e2e journeys). Demo data only; a real admin sets up their own.
 */
export const DEMO_ADMIN_TOTP_SECRET = "SOULSEERDEMOADMINTOTPKEY234567AB";

interface DemoAccount {
  email: string;
  displayName: string;
  role: UserRole;
  dateOfBirth: string;
  timeZone: string;
  bio?: string;
  reader?: {
    headline: string;
    specialties: Specialty[];
    tools: string[];
    languages: string[];
    yearsOfExperience: number;
    rates: { chat?: number; voice?: number; video?: number; scheduled?: number };
    /** Answered by the demo reader client with canned messages (seeded with DEMO_ACTIVITY only). */
    automaticDemo?: boolean;
  };
}

const AUTOMATIC_BIO =
  "An automatic demo reader, not a person: software that accepts chat readings on its own, greets you, answers each message with a short tarot card meaning and ends the reading after a few minutes. Here so you can try a paid chat reading from start to finish.";

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "admin@soulseer.test",
    displayName: "Avery Admin",
    role: "admin",
    dateOfBirth: "1986-04-12",
    timeZone: "America/New_York",
  },
  {
    email: "luna@soulseer.test",
    displayName: "Luna Marisol",
    role: "reader",
    dateOfBirth: "1984-07-21",
    timeZone: "America/Los_Angeles",
    bio: "Third-generation tarot reader from Santa Fe. Love and relationship readings with the Rider–Waite and Thoth decks; gentle, direct, and practical about next steps.",
    reader: {
      headline: "Tarot for love and the next right step",
      specialties: ["tarot", "love-and-relationships"],
      tools: ["Rider–Waite", "Thoth"],
      languages: ["en", "es"],
      yearsOfExperience: 18,
      rates: { chat: 199, voice: 249, video: 299, scheduled: 229 },
    },
  },
  {
    email: "orion@soulseer.test",
    displayName: "Orion Blackwood",
    role: "reader",
    dateOfBirth: "1979-11-03",
    timeZone: "Europe/London",
    bio: "Astrologer for twenty years. Natal charts, transits and solar returns read in plain language, with a focus on timing career and money decisions.",
    reader: {
      headline: "Your chart, in plain language",
      specialties: ["astrology", "career-and-money"],
      tools: ["Natal charts", "Transits", "Solar returns"],
      languages: ["en"],
      yearsOfExperience: 20,
      rates: { chat: 299, voice: 349, scheduled: 319 },
    },
  },
  {
    email: "sage@soulseer.test",
    displayName: "Sage Whitfield",
    role: "reader",
    dateOfBirth: "1972-02-14",
    timeZone: "America/Chicago",
    bio: "Evidential medium. I connect with loved ones who have passed and share the details they give me — names, places, memories — before any message.",
    reader: {
      headline: "Evidential medium — names, places, memories",
      specialties: ["mediumship", "spiritual-guidance"],
      tools: ["Clairaudience"],
      languages: ["en"],
      yearsOfExperience: 25,
      rates: { voice: 499, video: 599, scheduled: 549 },
    },
  },
  {
    email: "celeste@soulseer.test",
    displayName: "Celeste Navarro",
    role: "reader",
    dateOfBirth: "1990-09-30",
    timeZone: "America/Denver",
    bio: "Angel and oracle card reader. Calm, uplifting readings for moments of change; I pull cards live in chat so you can see every spread.",
    reader: {
      headline: "Angel and oracle cards for times of change",
      specialties: ["angel-and-oracle-cards", "spiritual-guidance"],
      tools: ["Oracle decks", "Pendulum"],
      languages: ["en", "pt"],
      yearsOfExperience: 9,
      rates: { chat: 149, voice: 199 },
    },
  },
  {
    email: "rowan@soulseer.test",
    displayName: "Rowan Ashby",
    role: "reader",
    dateOfBirth: "1988-05-05",
    timeZone: "Australia/Sydney",
    bio: "Dream interpreter and numerologist. Bring a recurring dream or your birth date and we will find the pattern underneath it together.",
    reader: {
      headline: "Dreams and numbers, decoded together",
      specialties: ["dreams", "numerology"],
      tools: ["Dream journals", "Pythagorean numerology"],
      languages: ["en"],
      yearsOfExperience: 12,
      rates: { chat: 179, video: 259 },
    },
  },
  {
    email: "amara@soulseer.test",
    displayName: "Amara Okafor",
    role: "reader",
    dateOfBirth: "1981-12-09",
    timeZone: "Europe/Berlin",
    bio: "Reiki master and intuitive guide. Energy readings, chakra balancing and spiritual guidance for people who feel stuck or drained.",
    reader: {
      headline: "Energy readings for when you feel stuck",
      specialties: ["energy-healing", "spiritual-guidance", "past-lives"],
      tools: ["Reiki", "Chakra reading"],
      languages: ["en", "de"],
      yearsOfExperience: 15,
      rates: { chat: 229, voice: 279, video: 329, scheduled: 299 },
    },
  },
  {
    email: "theo@soulseer.test",
    displayName: "Theo Lindqvist",
    role: "reader",
    dateOfBirth: "1976-03-18",
    timeZone: "Europe/Stockholm",
    bio: "Career and money tarot with a former accountant's eye. Clear yes/no answers, timelines, and what to do on Monday morning.",
    reader: {
      headline: "Career and money tarot with an accountant’s eye",
      specialties: ["tarot", "career-and-money"],
      tools: ["Marseille tarot"],
      languages: ["en", "sv"],
      yearsOfExperience: 22,
      rates: { chat: 259, voice: 299 },
    },
  },
  {
    email: "nova@soulseer.test",
    displayName: "Nova (demo)",
    role: "reader",
    dateOfBirth: "2000-01-01",
    timeZone: "UTC",
    bio: AUTOMATIC_BIO,
    reader: {
      headline: "Automatic demo reader: a one-card tarot pull by chat",
      specialties: ["tarot", "spiritual-guidance"],
      tools: ["Rider–Waite"],
      languages: ["en"],
      yearsOfExperience: 0,
      rates: { chat: 99 },
      automaticDemo: true,
    },
  },
  {
    email: "ember@soulseer.test",
    displayName: "Ember (demo)",
    role: "reader",
    dateOfBirth: "2000-01-01",
    timeZone: "UTC",
    bio: AUTOMATIC_BIO,
    reader: {
      headline: "Automatic demo reader: tarot and oracle messages by chat",
      specialties: ["tarot", "angel-and-oracle-cards"],
      tools: ["Oracle decks"],
      languages: ["en"],
      yearsOfExperience: 0,
      rates: { chat: 149 },
      automaticDemo: true,
    },
  },
  {
    email: "maya@soulseer.test",
    displayName: "Maya Chen",
    role: "client",
    dateOfBirth: "1995-08-02",
    timeZone: "America/New_York",
  },
  {
    email: "jordan@soulseer.test",
    displayName: "Jordan Ellis",
    role: "client",
    dateOfBirth: "1992-01-27",
    timeZone: "Europe/Dublin",
  },
  {
    email: "ivy@soulseer.test",
    displayName: "Ivy Rivera",
    role: "client",
    dateOfBirth: "1988-11-12",
    timeZone: "America/Los_Angeles",
  },
];

/** The automatic demo readers' logins and pages, for the demo reader client (`npm start`). */
export const AUTOMATIC_DEMO_READERS = DEMO_ACCOUNTS.filter((account) => account.reader?.automaticDemo).map(
  (account) => ({ email: account.email, password: DEMO_PASSWORD, slug: slugify(account.displayName) }),
);

const DAY_MS = 24 * 60 * 60 * 1000;
/** Set when the demo seed starts, then when it has finished (the older single marker's key). */
const SEEDING_MARKER = "demo_seeding_started_at";
const SEEDED_MARKER = "demo_seeded_at";
/** How long a node waits for another node's demo seed to finish before starting anyway. */
const OTHER_SEED_WAIT_MS = 120_000;

/**
 * Seeds the demo accounts on the first start of an empty database only. Call it before the app
 * starts its timers: the seed runs on a temporary second instance of the app (demo-seed-app.ts)
 * whose clock is weeks back, and a running biller would take its readings for overdue ones. With
 * `activity`, the accounts get reader portraits and a history of top-ups, readings, reviews and
 * tips played through the real engine, and the two automatic demo readers are created; the books
 * are checked after. Another node starting meanwhile waits until the seed has finished. Returns
 * what was created, or null when there was nothing to do.
 */
export async function seedDemoData(
  deps: AppDeps & {
    activity: boolean;
    system: Pick<SystemService, "hasMarker" | "claimMarker">;
    users: Pick<UsersService, "countUsers">;
  },
) {
  if (await deps.system.hasMarker(SEEDED_MARKER)) return null;
  if (await deps.system.hasMarker(SEEDING_MARKER)) return waitForOtherSeed(deps);
  // Never seed demo accounts into a database that already has real users.
  if ((await deps.users.countUsers()) > 0) return null;
  if (!(await deps.system.claimMarker(SEEDING_MARKER, new Date().toISOString())))
    return waitForOtherSeed(deps);
  let seeded: Awaited<ReturnType<typeof seedFresh>>;
  try {
    seeded = await seedFresh(deps);
  } catch (error) {
    throw new Error(
      "The demo seed failed part-way, so the database holds part of the demo data. Start again on an empty database (for the embedded one, remove EMBEDDED_DB_DIR).",
      { cause: error },
    );
  }
  await deps.system.claimMarker(SEEDED_MARKER, new Date().toISOString());
  return seeded;
}

async function waitForOtherSeed(deps: {
  system: Pick<SystemService, "hasMarker">;
  logger: AppDeps["logger"];
}) {
  const deadline = Date.now() + OTHER_SEED_WAIT_MS;
  while (!(await deps.system.hasMarker(SEEDED_MARKER))) {
    if (Date.now() > deadline) {
      deps.logger.warn("the demo seed started by another node has not finished; starting anyway");
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}

/**
 * A demo reader with a scheduled rate takes bookings: weekdays 10:00–13:00 and 14:00–18:00, Saturday
 * 11:00–15:00, in their own zone, for the modalities they have rates for.
 */
function demoHours(account: DemoAccount) {
  const rates = account.reader?.rates ?? {};
  const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: "10:00", end: "13:00" },
    { weekday, start: "14:00", end: "18:00" },
  ]);
  return {
    timeZone: account.timeZone,
    weekly: [...weekdays, { weekday: 6, start: "11:00", end: "15:00" }],
    exceptions: [],
    lengthsMinutes: [15, 30, 60] as (15 | 30 | 60)[],
    modalities: (["chat", "voice", "video"] as const).filter((modality) => rates[modality]),
    bufferMinutes: 10,
    minNoticeMinutes: 12 * 60,
    horizonDays: 60,
  };
}

async function seedFresh(deps: AppDeps & { activity: boolean }) {
  const startedMs = Date.now();
  const now = deps.clock.now();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const clock = createManualClock(
    deps.activity ? new Date(today.getTime() - (HISTORY_DAYS + 1) * DAY_MS) : now,
  );
  const seeding = await openSeedingApp(deps, clock);
  try {
    const accounts = DEMO_ACCOUNTS.filter((account) => deps.activity || !account.reader?.automaticDemo);
    // Password hashing (scrypt) runs on libuv's thread pool: the accounts are created side by side.
    const created = await Promise.all(
      accounts.map((account) =>
        seeding.createUser({
          ...account,
          password: DEMO_PASSWORD,
          ...(account.role === "admin"
            ? { twoFactor: { secret: DEMO_ADMIN_TOTP_SECRET, backupCodes: [] } }
            : {}),
        }),
      ),
    );
    const users = new Map<string, DemoUser>();
    for (const [index, account] of accounts.entries()) {
      const userId = (created[index] as { id: string }).id;
      if (account.reader) {
        await seeding.createReaderProfile(userId, {
          displayName: account.displayName,
          bio: account.bio ?? "",
          timeZone: account.timeZone,
          ...account.reader,
        });
        if (account.reader.rates.scheduled) await seeding.setAvailability(userId, demoHours(account));
      }
      users.set(account.email, { email: account.email, userId, cookie: "", ip: `192.0.2.${index + 10}` });
      clock.advance(7 * 60_000);
    }
    const history = deps.activity ? await seedActivity(seeding, clock, users, today, now) : null;
    return { accounts: accounts.length, history, seconds: (Date.now() - startedMs) / 1000 };
  } finally {
    await seeding.close();
  }
}

async function seedActivity(
  seeding: SeedingApp,
  clock: ManualClock,
  users: Map<string, DemoUser>,
  today: Date,
  now: Date,
) {
  const signingIn = [...users.values()].filter((user) => user.email !== "admin@soulseer.test");
  await Promise.all(
    signingIn.map(async (user) => {
      user.cookie = await seeding.signIn(user.email, DEMO_PASSWORD, user.ip);
    }),
  );
  const readers = DEMO_ACCOUNTS.flatMap((account) =>
    account.reader && users.has(account.email)
      ? [
          {
            email: account.email,
            rates: account.reader.rates,
            automaticDemo: account.reader.automaticDemo ?? false,
          },
        ]
      : [],
  );
  const counts = await seedDemoHistory(seeding, clock, { users, readers, today, notAfter: now });
  for (const user of users.values()) {
    if (user.cookie) await seeding.http("POST", "/api/v1/auth/sign-out", user);
  }
  const violations = await seeding.ledgerViolations();
  if (violations.length > 0)
    throw new Error(`demo seed: the books do not balance: ${JSON.stringify(violations)}`);
  return counts;
}
