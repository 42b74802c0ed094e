import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { EventBus } from "../../platform/realtime/event-bus.js";
import { createLivePublisher } from "../../platform/realtime/live-events.js";
import type { EmailService } from "../email/email.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { PresenceService } from "../presence/presence.service.js";
import type { UsersService } from "../users/users.service.js";
import { readersEvents } from "./readers.events.js";
import type { BrowseFilters } from "./readers.listing.js";
import { createListingRepository } from "./readers.listing.repository.js";
import { createReadersRepository, type ProfileRow } from "./readers.repository.js";
import type { ReaderProfileFields, ReaderStatus, UpdateReaderBody } from "./readers.schemas.js";

export type ReadersService = ReturnType<typeof createReadersService>;

/** Profile text is shown as plain text; markup of any kind is refused at the boundary. */
const MARKUP = /<\s*\/?\s*[a-z!][^>]*>/i;

export function assertPlainText(fields: Record<string, string | undefined>) {
  const details = Object.entries(fields)
    .filter(([, value]) => value !== undefined && MARKUP.test(value))
    .map(([name]) => ({ path: `/${name}`, message: "must be plain text (no HTML tags)" }));
  if (details.length > 0) throw new DomainError("VALIDATION_FAILED", "Text may not contain HTML.", details);
}

export function assertTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new DomainError("VALIDATION_FAILED", "Unknown time zone.", [
      { path: "/timeZone", message: "must be an IANA time zone" },
    ]);
  }
}

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return base.length >= 2 ? base : `reader-${base}`.replace(/-+$/, "");
}

export function toReaderDto(row: ProfileRow) {
  return {
    userId: row.userId,
    slug: row.slug,
    displayName: row.displayName,
    headline: row.headline,
    bio: row.bio,
    specialties: row.specialties,
    tools: row.tools,
    languages: row.languages,
    yearsOfExperience: row.yearsOfExperience,
    rates: {
      chat: row.chatRateCents,
      voice: row.voiceRateCents,
      video: row.videoRateCents,
      scheduled: row.scheduledRateCents,
    },
    status: row.status,
    ratingAverage: row.ratingAverage,
    ratingCount: row.ratingCount,
    createdAt: row.createdAt.toISOString(),
    photoUrl: row.photoUpdatedAt
      ? `/api/v1/reader-photos/${encodeURIComponent(row.userId)}?v=${row.photoUpdatedAt.getTime()}`
      : null,
    automaticDemo: row.automaticDemo,
  };
}

/** A client hears about a favorite coming online at most this often. */
export const ONLINE_NOTICE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Readers' public profiles, their status (online, away, offline, busy during a reading), and
 * clients' favorites. The profile table is read for browse pages through `listing`.
 */
/** What bookings need of a listed, active reader. */
const bookableOf = (profile: ProfileRow) => ({
  userId: profile.userId,
  displayName: profile.displayName,
  slug: profile.slug,
  timeZone: profile.timeZone,
  scheduledRateCents: profile.scheduledRateCents,
});

export function createReadersService(deps: {
  db: Database;
  users: Pick<UsersService, "hasActiveRole" | "contactsOf" | "statusOf" | "activeIdsWithRole">;
  email: Pick<EmailService, "send">;
  notifications: Pick<NotificationsService, "notify">;
  presence: Pick<PresenceService, "expectConnection" | "connectedAmong" | "isConnected">;
  bus: EventBus;
  clock: Clock;
  publicOrigin: string;
}) {
  const repository = createReadersRepository();
  const listing = createListingRepository();
  const live = createLivePublisher(deps.bus, readersEvents);
  const { db } = deps;
  async function uniqueSlug(tx: Executor, name: string) {
    const base = slugify(name);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const candidate = attempt === 0 ? base : `${base}-${attempt + 1}`;
      if (!(await repository.slugTaken(tx, candidate))) return candidate;
    }
    return `${base}-${deps.clock.now().getTime().toString(36)}`;
  }

  /** Creates (or refreshes) a reader's profile from what they applied with. */
  async function saveProfile(tx: Executor, userId: string, input: ReaderProfileFields, now: Date) {
    return repository.upsertProfile(tx, {
      userId,
      slug: await uniqueSlug(tx, input.displayName),
      displayName: input.displayName,
      headline: input.headline,
      bio: input.bio,
      specialties: input.specialties,
      tools: input.tools,
      languages: input.languages,
      yearsOfExperience: input.yearsOfExperience,
      timeZone: input.timeZone,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** Sets a status and tells everyone watching the reader, in one transaction. */
  async function changeStatus(tx: Executor, userId: string, status: ReaderStatus, now: Date) {
    const updated = await repository.setStatus(tx, userId, status, now);
    if (updated) {
      await live.publish(tx, userId, "reader.status", { readerUserId: userId, status });
    }
    return updated;
  }

  /**
   * Favorites asking to hear of it get an in-app notice now and an email (each at most hourly);
   * only active clients, and only they are stamped (a client reinstated within the hour still hears).
   */
  async function announceOnline(tx: Executor, profile: ProfileRow, now: Date) {
    const notBefore = new Date(now.getTime() - ONLINE_NOTICE_INTERVAL_MS);
    const due = await repository.dueOnlineNotifications(tx, profile.userId, notBefore);
    const contacts = await deps.users.contactsOf(due, tx);
    const active = [...contacts.values()].filter((client) => client.status === "active");
    await repository.stampOnlineNotifications(
      tx,
      profile.userId,
      active.map((client) => client.userId),
      now,
    );
    for (const client of active) {
      await deps.notifications.notify(tx, {
        userId: client.userId,
        kind: "favorite-online",
        title: `${profile.displayName} is online`,
        body: "One of your favorite readers is available for a reading now.",
        link: `/readers/${profile.slug}`,
      });
    }
    return active;
  }

  async function requireOwnProfile(principal: Principal) {
    const profile = await repository.findProfile(db, principal.userId);
    if (!profile) throw new DomainError("NOT_FOUND", "You do not have a reader profile yet.");
    return profile;
  }

  return {
    /** A public profile: only of an approved, active reader (admins and the reader see their own regardless). */
    async getBySlug(slug: string, viewer: Principal | null) {
      const profile = await repository.findProfileBySlug(db, slug);
      if (!profile) throw new DomainError("NOT_FOUND", "No such reader.");
      const privileged = viewer?.role === "admin" || viewer?.userId === profile.userId;
      const listed =
        profile.listed === "listed" && (await deps.users.hasActiveRole(profile.userId, "reader"));
      if (!privileged && !listed) throw new DomainError("NOT_FOUND", "No such reader.");
      return toReaderDto(profile);
    },

    async myProfile(principal: Principal) {
      return toReaderDto(await requireOwnProfile(principal));
    },

    /** A rate change applies to readings requested afterwards; a reading locks its rate when requested. */
    async updateMyProfile(principal: Principal, body: UpdateReaderBody) {
      await requireOwnProfile(principal);
      assertPlainText({ headline: body.headline, bio: body.bio });
      const rates = body.rates ?? {};
      const updated = await repository.updateProfile(db, principal.userId, {
        headline: body.headline,
        bio: body.bio,
        specialties: body.specialties,
        tools: body.tools,
        languages: body.languages,
        chatRateCents: rates.chat,
        voiceRateCents: rates.voice,
        videoRateCents: rates.video,
        scheduledRateCents: rates.scheduled,
        updatedAt: deps.clock.now(),
      });
      if (!updated) throw new DomainError("NOT_FOUND", "You do not have a reader profile yet.");
      return toReaderDto(updated);
    },

    async setMyStatus(principal: Principal, status: "online" | "away" | "offline") {
      const now = deps.clock.now();
      const { updated, due, profile } = await db.transaction(async (tx) => {
        const profile = await repository.lockProfile(tx, principal.userId);
        if (!profile) throw new DomainError("NOT_FOUND", "You do not have a reader profile yet.");
        if (profile.status === "busy")
          throw new DomainError("CONFLICT", "You are in a reading; your status follows it.");
        if (profile.listed === "suspended" && status !== "offline")
          throw new DomainError("CONFLICT", "Your reader profile is suspended; you cannot go online.");
        if (status !== "offline" && (await deps.users.statusOf(principal.userId, tx)) !== "active")
          throw new DomainError("ACCOUNT_SUSPENDED", "Your account is suspended; you cannot go online.");
        const updated = await changeStatus(tx, principal.userId, status, now);
        const due =
          status === "online" && profile.status !== "online" ? await announceOnline(tx, profile, now) : [];
        return { updated, due, profile };
      });
      // Without a live connection the reader is not really there: the presence check turns them
      // offline after the delay unless the app connects.
      if (status !== "offline") deps.presence.expectConnection(principal.userId);
      for (const client of due) {
        await deps.email.send({
          to: client.email,
          kind: "favorite-online",
          subject: `${profile.displayName} is online on SoulSeer`,
          text: `Hello ${client.displayName},\n\n${profile.displayName}, one of your favorite readers, just came online.\n\n${deps.publicOrigin}/readers/${profile.slug}\n\nYou asked to hear when they are available; change this on their page.\n\n— SoulSeer`,
        });
      }
      return toReaderDto(updated ?? profile);
    },

    /** Presence says the reader's last connection is gone: online or away becomes offline. */
    async presenceGone(userId: string) {
      await db.transaction(async (tx) => {
        const profile = await repository.lockProfile(tx, userId);
        if (profile && (profile.status === "online" || profile.status === "away")) {
          await changeStatus(tx, userId, "offline", deps.clock.now());
        }
      });
    },

    /**
     * Catches readers left online without any live connection (a node that died, a status set
     * with no app open): those not connected anywhere go offline. Bounded per run.
     */
    async sweepAbsentReaders(graceMs: number) {
      const now = deps.clock.now();
      const candidates = await repository.availableSince(db, new Date(now.getTime() - graceMs), 500);
      const connected = await deps.presence.connectedAmong(candidates);
      const absent = candidates.filter((userId) => !connected.has(userId));
      for (const userId of absent) await this.presenceGone(userId);
      return absent.length;
    },

    async favorite(principal: Principal, readerUserId: string, notifyOnline: boolean) {
      if (
        !(await deps.users.hasActiveRole(readerUserId, "reader")) ||
        (await repository.findProfile(db, readerUserId))?.listed !== "listed"
      ) {
        throw new DomainError("NOT_FOUND", "No such reader.");
      }
      await repository.upsertFavorite(db, {
        clientUserId: principal.userId,
        readerUserId,
        notifyOnline,
        at: deps.clock.now(),
      });
    },

    unfavorite: (principal: Principal, readerUserId: string) =>
      repository.deleteFavorite(db, principal.userId, readerUserId),

    async favorites(principal: Principal) {
      const rows = await repository.favoritesOf(db, principal.userId);
      const accounts = await deps.users.contactsOf(rows.map((row) => row.profile.userId));
      // A suspended (or banned, or demoted) reader is listed nowhere, favorites included.
      const listed = (userId: string) => {
        const account = accounts.get(userId);
        return account?.status === "active" && account.role === "reader";
      };
      return rows
        .filter((row) => row.profile.listed === "listed" && listed(row.profile.userId))
        .map((row) => ({ reader: toReaderDto(row.profile), notifyOnline: row.notifyOnline }));
    },

    /**
     * For demo data and admins: a reader profile straight away (the user must already be a reader).
     * Runs in the caller's transaction when one is given.
     */
    async createProfileForReader(
      userId: string,
      input: ReaderProfileFields & {
        rates: {
          chat?: number | null;
          voice?: number | null;
          video?: number | null;
          scheduled?: number | null;
        };
        /** A demo reader answered by the demo reader client (demo data only). */
        automaticDemo?: boolean;
      },
      inTransaction?: Executor,
    ) {
      const now = deps.clock.now();
      const run = async (tx: Executor) => {
        const profile = await saveProfile(tx, userId, input, now);
        const updated = await repository.updateProfile(tx, userId, {
          chatRateCents: input.rates.chat ?? null,
          voiceRateCents: input.rates.voice ?? null,
          videoRateCents: input.rates.video ?? null,
          scheduledRateCents: input.rates.scheduled ?? null,
          automaticDemo: input.automaticDemo ?? false,
        });
        return toReaderDto(updated ?? profile);
      };
      return inTransaction ? run(inTransaction) : db.transaction(run);
    },

    /** Forces a reader offline inside the caller's transaction, telling everyone watching (admin suspension). */
    takeOffline: (tx: Executor, userId: string, at: Date) => changeStatus(tx, userId, "offline", at),

    /** A suspended or banned reader goes offline now (with the live status event); no-op for others. */
    async forceOffline(userId: string, tx: Executor) {
      const profile = await repository.lockProfile(tx, userId);
      if (profile && profile.status !== "offline")
        await changeStatus(tx, userId, "offline", deps.clock.now());
    },

    /** For readings: of these readers, the listed ones online now (one query; `startable` has the rest). */
    async onlineAmong(readerUserIds: string[]) {
      return new Set(await repository.onlineAmong(db, readerUserIds));
    },

    /** For readings: a listed, active reader's rates and status, or null. */
    async startable(readerUserId: string) {
      const profile = await repository.findProfile(db, readerUserId);
      if (profile?.listed !== "listed") return null;
      if (!(await deps.users.hasActiveRole(readerUserId, "reader"))) return null;
      return {
        userId: profile.userId,
        displayName: profile.displayName,
        slug: profile.slug,
        status: profile.status,
        rates: { chat: profile.chatRateCents, voice: profile.voiceRateCents, video: profile.videoRateCents },
      };
    },

    /** For bookings: a listed, active reader's scheduled rate, zone and names, or null. */
    async bookable(readerUserId: string, tx: Executor = db) {
      const profile = await repository.findProfile(tx, readerUserId);
      if (profile?.listed !== "listed") return null;
      if (!(await deps.users.hasActiveRole(readerUserId, "reader"))) return null;
      return bookableOf(profile);
    },

    /** Clients who keep this reader as a favorite (told when the reader goes live), at most `limit`. */
    favoritedBy: (readerUserId: string, limit: number, tx: Executor = db) =>
      repository.favoritedBy(tx, readerUserId, limit),

    /** Readers' public names and page slugs, by user id (listed or not). */
    async namesOf(userIds: readonly string[]) {
      const rows = await repository.namesOf(db, userIds);
      return new Map(rows.map((row) => [row.userId, { displayName: row.displayName, slug: row.slug }]));
    },

    /** For bookings: every reader `bookable` answers for, as of one moment. */
    async allBookable() {
      const [profiles, active] = await Promise.all([
        repository.listedProfiles(db),
        deps.users.activeIdsWithRole("reader"),
      ]);
      const activeIds = new Set(active);
      return profiles.filter((profile) => activeIds.has(profile.userId)).map(bookableOf);
    },

    /** For bookings: a reader's own zone and scheduled rate, listed or not (their availability page). */
    async bookingTerms(readerUserId: string) {
      const profile = await repository.findProfile(db, readerUserId);
      return profile ? { timeZone: profile.timeZone, scheduledRateCents: profile.scheduledRateCents } : null;
    },

    /** For bookings: the reader cancelled a booking or did not come (admins see the count). */
    async markNoShow(tx: Executor, readerUserId: string) {
      await repository.addNoShow(tx, readerUserId);
    },

    /** For readings: online → busy in the caller's transaction; false when not online (or suspended). */
    async markBusy(tx: Executor, readerUserId: string, at: Date) {
      const profile = await repository.lockProfile(tx, readerUserId);
      if (profile?.listed !== "listed" || profile.status !== "online") return false;
      await changeStatus(tx, readerUserId, "busy", at);
      return true;
    },

    /**
     * For readings: a finished reading frees the reader (offline when no app of theirs is open);
     * `away` after a request they let ring out, until they say they are back.
     */
    async markFree(tx: Executor, readerUserId: string, at: Date, available: "online" | "away" = "online") {
      const profile = await repository.lockProfile(tx, readerUserId);
      if (profile?.status !== "busy") return;
      // A reader suspended or banned (their readings ended for it) goes offline, not back online.
      const online =
        profile.listed === "listed" &&
        (await deps.users.statusOf(readerUserId, tx)) === "active" &&
        (await deps.presence.isConnected(readerUserId));
      await changeStatus(tx, readerUserId, online ? available : "offline", at);
    },

    /**
     * For browse: the listing reads of the profile table (pages, cards, the index's rows and
     * versions), whose SQL is in readers.listing.repository.ts.
     */
    listing: {
      window: (filters: BrowseFilters, after: readonly (string | number)[] | null, rows: number) =>
        listing.browse(db, filters, after, rows),
      cards: (userIds: string[]) => listing.readerCards(db, userIds),
      indexRows: (userIds: string[] | null) => listing.browseIndexRows(db, userIds),
      indexVersions: () => listing.browseIndexVersions(db),
      textIsBytewise: () => listing.textIsBytewise(db),
    },

    /** For reviews: the reader's average stars and review count, in the caller's transaction. */
    async setRatingSummary(tx: Executor, readerUserId: string, ratingAverage: number, ratingCount: number) {
      if (!Number.isFinite(ratingAverage) || ratingAverage < 0 || ratingAverage > 5)
        throw new Error(`invalid rating average ${ratingAverage}`);
      if (!Number.isSafeInteger(ratingCount) || ratingCount < 0)
        throw new Error(`invalid rating count ${ratingCount}`);
      await repository.setRatingSummary(tx, readerUserId, ratingAverage, ratingCount);
    },
  };
}
