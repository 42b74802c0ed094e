import type { AuthService } from "../modules/auth/auth.service.js";
import type { Specialty } from "../modules/readers/readers.schemas.js";
import type { ReadersService } from "../modules/readers/readers.service.js";
import type { SystemService } from "../modules/system/system.service.js";
import type { UserRole } from "../modules/users/users.schemas.js";
import type { UsersService } from "../modules/users/users.service.js";

export const DEMO_PASSWORD = "SoulSeer-demo-2026";

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
  };
}

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

/**
 * Seeds the demo accounts on the first start of an empty database only. Returns the accounts
 * created, or an empty list when the database was already seeded (or holds users).
 */
export async function seedDemoData(deps: {
  system: SystemService;
  users: Pick<UsersService, "countUsers">;
  auth: Pick<AuthService, "createVerifiedUser">;
  readers: Pick<ReadersService, "createProfileForReader">;
}) {
  if (await deps.system.hasMarker("demo_seeded_at")) return [];
  // Never seed demo accounts into a database that already has real users.
  if ((await deps.users.countUsers()) > 0) return [];
  const claimed = await deps.system.claimMarker("demo_seeded_at", new Date().toISOString());
  if (!claimed) return [];
  const created = [];
  for (const account of DEMO_ACCOUNTS) {
    const user = await deps.auth.createVerifiedUser({ ...account, password: DEMO_PASSWORD });
    if (account.reader) {
      await deps.readers.createProfileForReader(user.id, {
        displayName: account.displayName,
        bio: account.bio ?? "",
        timeZone: account.timeZone,
        ...account.reader,
      });
    }
    created.push(user);
  }
  return created;
}
