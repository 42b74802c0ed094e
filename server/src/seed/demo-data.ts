import type { AccountsService } from "../modules/accounts/accounts.service.js";
import type { UserRole } from "../modules/accounts/accounts.tables.js";
import type { SystemService } from "../modules/system/system.service.js";

export const DEMO_PASSWORD = "SoulSeer-demo-2026";

interface DemoAccount {
  email: string;
  displayName: string;
  role: UserRole;
  dateOfBirth: string;
  timeZone: string;
  bio?: string;
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
  },
  {
    email: "orion@soulseer.test",
    displayName: "Orion Blackwood",
    role: "reader",
    dateOfBirth: "1979-11-03",
    timeZone: "Europe/London",
    bio: "Astrologer for twenty years. Natal charts, transits and solar returns read in plain language, with a focus on timing career and money decisions.",
  },
  {
    email: "sage@soulseer.test",
    displayName: "Sage Whitfield",
    role: "reader",
    dateOfBirth: "1972-02-14",
    timeZone: "America/Chicago",
    bio: "Evidential medium. I connect with loved ones who have passed and share the details they give me — names, places, memories — before any message.",
  },
  {
    email: "celeste@soulseer.test",
    displayName: "Celeste Navarro",
    role: "reader",
    dateOfBirth: "1990-09-30",
    timeZone: "America/Denver",
    bio: "Angel and oracle card reader. Calm, uplifting sessions for moments of change; I pull cards live in chat so you can see every spread.",
  },
  {
    email: "rowan@soulseer.test",
    displayName: "Rowan Ashby",
    role: "reader",
    dateOfBirth: "1988-05-05",
    timeZone: "Australia/Sydney",
    bio: "Dream interpreter and numerologist. Bring a recurring dream or your birth date and we will find the pattern underneath it together.",
  },
  {
    email: "amara@soulseer.test",
    displayName: "Amara Okafor",
    role: "reader",
    dateOfBirth: "1981-12-09",
    timeZone: "Europe/Berlin",
    bio: "Reiki master and intuitive guide. Energy readings, chakra balancing and spiritual guidance for people who feel stuck or drained.",
  },
  {
    email: "theo@soulseer.test",
    displayName: "Theo Lindqvist",
    role: "reader",
    dateOfBirth: "1976-03-18",
    timeZone: "Europe/Stockholm",
    bio: "Career and money tarot with a former accountant's eye. Clear yes/no answers, timelines, and what to do on Monday morning.",
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
];

/**
 * Seeds the demo accounts on the first start of an empty database only. Returns the accounts
 * created, or an empty list when the database was already seeded (or holds users).
 */
export async function seedDemoData(deps: { system: SystemService; accounts: AccountsService }) {
  if (await deps.system.hasMarker("demo_seeded_at")) return [];
  // Never seed demo accounts into a database that already has real users.
  if ((await deps.accounts.countUsers()) > 0) return [];
  const claimed = await deps.system.claimMarker("demo_seeded_at", new Date().toISOString());
  if (!claimed) return [];
  const created = [];
  for (const account of DEMO_ACCOUNTS) {
    created.push(await deps.accounts.createVerifiedUser({ ...account, password: DEMO_PASSWORD }));
  }
  return created;
}
