import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { DEFAULT_PAGE_SIZE } from "../../platform/http/pagination.js";
import type { BusEvent, EventBus } from "../../platform/realtime/event-bus.js";
import type { AccountsService } from "../accounts/accounts.service.js";
import type { AuditService } from "../audit/audit.service.js";
import type { EmailService } from "../email/email.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { PresenceService } from "../presence/presence.service.js";
import { type BrowseWindow, type CardRecord, createBrowseCache } from "./readers.browse-cache.js";
import { createBrowseIndex } from "./readers.browse-index.js";
import {
  type ApplicationRow,
  BROWSE_ORDERINGS,
  type BrowseFilters,
  browseOrdering,
  createReadersRepository,
  type ProfileRow,
  type ReaderCard,
} from "./readers.repository.js";
import type { ApplicationBody, BrowseQuery, UpdateReaderBody } from "./readers.schemas.js";
import type { ApplicationStatus, ReaderStatus } from "./readers.tables.js";

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

function toApplicationDto(row: ApplicationRow) {
  return {
    id: row.id,
    userId: row.userId,
    displayName: row.displayName,
    headline: row.headline,
    bio: row.bio,
    specialties: row.specialties,
    tools: row.tools,
    languages: row.languages,
    yearsOfExperience: row.yearsOfExperience,
    sampleAnswer: row.sampleAnswer,
    timeZone: row.timeZone,
    status: row.status,
    decisionReason: row.decisionReason,
    createdAt: row.createdAt.toISOString(),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
  };
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

/** A number as JSON.stringify writes it (null when not finite). */
const jsonNumber = (value: number | null) =>
  value === null || !Number.isFinite(value) ? "null" : String(value);

/**
 * A browse card (ReaderSummarySchema) as JSON text: the fields of `toReaderDto` but bio and
 * tools, in the same order and form. Written directly because every uncached browse page builds
 * up to 100 of them, and an object per reader plus a serializer cost several times more.
 */
export function readerSummaryJson(row: ReaderCard): string {
  const photoUrl =
    row.photoUpdatedAtMs === null
      ? "null"
      : JSON.stringify(`/api/v1/reader-photos/${encodeURIComponent(row.userId)}?v=${row.photoUpdatedAtMs}`);
  return `{"userId":${JSON.stringify(row.userId)},"slug":${JSON.stringify(row.slug)},"displayName":${JSON.stringify(
    row.displayName,
  )},"headline":${JSON.stringify(row.headline)},"specialties":${row.specialtiesJson},"languages":${
    row.languagesJson
  },"yearsOfExperience":${jsonNumber(row.yearsOfExperience)},"rates":{"chat":${jsonNumber(
    row.chatRateCents,
  )},"voice":${jsonNumber(row.voiceRateCents)},"video":${jsonNumber(row.videoRateCents)},"scheduled":${jsonNumber(
    row.scheduledRateCents,
  )}},"status":${JSON.stringify(row.status)},"ratingAverage":${jsonNumber(row.ratingAverage)},"ratingCount":${jsonNumber(
    row.ratingCount,
  )},"createdAt":${JSON.stringify(new Date(row.createdAtMs).toISOString())},"photoUrl":${photoUrl}}`;
}

/**
 * What each sort's keys are (see the repository's sortKeys): integers that fit a PostgreSQL
 * integer, or finite floats. A cursor is checked against them, so a tampered one is a 400.
 */
const SORT_KEY_KINDS = {
  recommended: ["integer", "float", "integer"],
  price: ["integer"],
  rating: ["float", "integer"],
  newest: ["float"],
} as const satisfies Record<BrowseFilters["sort"], readonly ("integer" | "float")[]>;
const MAX_CURSOR_INTEGER = 2 ** 31 - 1;
/** Far beyond any real key (epoch seconds are about 1.8e9) and well inside PostgreSQL's real. */
const MAX_CURSOR_FLOAT = 1e12;
const MAX_USER_ID_LENGTH = 100;

/** A cursor belongs to one ordering (see `browseOrdering`). */
const ORDERINGS = new Set<unknown>(BROWSE_ORDERINGS);

function encodeBrowseCursor(filters: BrowseFilters, values: (string | number)[]): string {
  return Buffer.from(JSON.stringify([browseOrdering(filters), ...values])).toString("base64url");
}

function isSortKey(value: unknown, kind: "integer" | "float"): boolean {
  if (typeof value !== "number" || !Number.isFinite(value) || Math.abs(value) > MAX_CURSOR_FLOAT)
    return false;
  return kind === "float" || (Number.isInteger(value) && Math.abs(value) <= MAX_CURSOR_INTEGER);
}

/** The keyset position after which the next page starts, or null for the first page. */
function decodeBrowseCursor(cursor: string | undefined, filters: BrowseFilters): (string | number)[] | null {
  if (!cursor) return null;
  const kinds: readonly ("integer" | "float")[] = SORT_KEY_KINDS[filters.sort];
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    values = null;
  }
  if (!Array.isArray(values)) throw invalidCursor();
  const [ordering, ...position] = values;
  if (ORDERINGS.has(ordering) && ordering !== browseOrdering(filters)) {
    throw new DomainError("VALIDATION_FAILED", "The cursor belongs to another sort order.", [
      { path: "/cursor", message: `was returned for sort ${ordering}, not ${browseOrdering(filters)}` },
    ]);
  }
  const userId = position.at(-1);
  if (
    ordering !== browseOrdering(filters) ||
    position.length !== kinds.length + 1 ||
    !kinds.every((kind, index) => isSortKey(position[index], kind)) ||
    typeof userId !== "string" ||
    userId.length === 0 ||
    userId.length > MAX_USER_ID_LENGTH ||
    userId.includes("\u0000")
  ) {
    throw invalidCursor();
  }
  return position as (string | number)[];
}

function invalidCursor() {
  return new DomainError("VALIDATION_FAILED", "The cursor is not valid.", [
    { path: "/cursor", message: "not a cursor returned by this API" },
  ]);
}

/** How many readers' browse cards each node keeps as JSON (about 0.5 kB each), and how long. */
const BROWSE_CARD_CACHE = { maxCards: 20_000, cardTtlMs: 10 * 60 * 1000 };
/**
 * A miss reads at least this many rows (and one more), so the page sizes and following pages that
 * fit are served from the same read. Each window kept costs about 1–2 kB (references to cards and
 * the rows' sort keys); at most `BROWSE_MAX_STARTS` page starts are kept.
 */
const BROWSE_WINDOW_ROWS = 48;
const BROWSE_MAX_STARTS = 20_000;

/** The events (sent by database triggers, see migration 0013) that say browse pages changed. */
export const READERS_CHANGED_EVENT = "readers.changed";
export const READERS_STATUS_EVENT = "readers.status";

/** A client hears about a favorite coming online at most this often. */
export const ONLINE_NOTICE_INTERVAL_MS = 60 * 60 * 1000;

export function createReadersService(deps: {
  db: Database;
  accounts: AccountsService;
  audit: AuditService;
  email: EmailService;
  notifications: NotificationsService;
  presence: PresenceService;
  bus: EventBus;
  clock: Clock;
  publicOrigin: string;
  /**
   * The longest a browse page may be served from memory (0: never). Pages are dropped as soon as
   * what they show changes (`onBusEvent`); this only bounds the damage of a missed event.
   */
  browseCacheMs?: number;
  logger?: FastifyBaseLogger;
}) {
  const repository = createReadersRepository();
  const { db } = deps;
  const browseCache = createBrowseCache({
    ...BROWSE_CARD_CACHE,
    ttlMs: deps.browseCacheMs ?? 0,
    maxStarts: BROWSE_MAX_STARTS,
    clock: deps.clock,
    listening: () => deps.bus.connected,
  });
  // Every listed reader in memory, kept current by the same events (when pages may be kept at all).
  const browseIndex =
    (deps.browseCacheMs ?? 0) > 0
      ? createBrowseIndex({
          db,
          repository,
          clock: deps.clock,
          listening: () => deps.bus.connected,
          maxAgeMs: deps.browseCacheMs ?? 0,
          onError: (error) =>
            deps.logger?.warn({ err: error }, "browse index load failed; pages are read meanwhile"),
        })
      : null;

  async function uniqueSlug(tx: Executor, name: string) {
    const base = slugify(name);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const candidate = attempt === 0 ? base : `${base}-${attempt + 1}`;
      if (!(await repository.slugTaken(tx, candidate))) return candidate;
    }
    return `${base}-${Date.now().toString(36)}`;
  }

  /** Creates (or refreshes) a reader's profile from what they applied with. */
  async function saveProfile(
    tx: Executor,
    userId: string,
    input: Omit<ApplicationBody, "sampleAnswer">,
    now: Date,
  ) {
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
      await deps.bus.publish(tx, {
        topic: `reader:${userId}`,
        type: "reader.status",
        data: { readerUserId: userId, status },
      });
    }
    return updated;
  }

  /** Favorites asking to hear of it get an in-app notice now and an email (each at most hourly). */
  async function announceOnline(tx: Executor, profile: ProfileRow, now: Date) {
    const due = await repository.claimOnlineNotifications(
      tx,
      profile.userId,
      now,
      new Date(now.getTime() - ONLINE_NOTICE_INTERVAL_MS),
    );
    for (const client of due) {
      await deps.notifications.notify(tx, {
        userId: client.user_id,
        kind: "favorite-online",
        title: `${profile.displayName} is online`,
        body: "One of your favorite readers is available for a reading now.",
        link: `/readers/${profile.slug}`,
      });
    }
    return due;
  }

  async function requireOwnProfile(principal: Principal) {
    const profile = await repository.findProfile(db, principal.userId);
    if (!profile) throw new DomainError("NOT_FOUND", "You do not have a reader profile yet.");
    return profile;
  }

  /**
   * Reads a window of browse rows from the query's cursor: `rows` of them and one more when there
   * are, with their cards (cards are kept by row version: only readers whose row changed, or new
   * here, are read).
   */
  async function readWindow(query: BrowseQuery, filters: BrowseFilters, rows: number): Promise<BrowseWindow> {
    if (
      query.minPriceCents !== undefined &&
      query.maxPriceCents !== undefined &&
      query.minPriceCents > query.maxPriceCents
    ) {
      throw new DomainError("VALIDATION_FAILED", "The minimum price is above the maximum.", [
        { path: "/minPriceCents", message: "must not be above maxPriceCents" },
      ]);
    }
    const after = decodeBrowseCursor(query.cursor, filters);
    // From the index when it can answer (its cards are at the versions its entries name).
    const indexed = (await browseIndex?.windowSoon(filters, after, rows)) ?? null;
    const entries = indexed ?? (await repository.browse(db, filters, after, rows));
    const cards = browseCache.cardsFor(entries);
    const missing = entries.filter((_, index) => cards[index] === undefined).map((entry) => entry.userId);
    if (missing.length > 0) {
      const fresh = new Map<string, CardRecord>();
      const read = indexed
        ? missing.flatMap((userId) => browseIndex?.card(userId) ?? [])
        : await repository.readerCards(db, missing);
      for (const card of read) {
        fresh.set(
          card.userId,
          browseCache.keepCard(card.userId, card.version, Buffer.from(readerSummaryJson(card))),
        );
      }
      // A row changed since the page was read shows as it is now; its place is the page's.
      for (const [index, entry] of entries.entries()) cards[index] ??= fresh.get(entry.userId);
    }
    const keyCount = SORT_KEY_KINDS[filters.sort].length;
    const shown: CardRecord[] = [];
    const keys = new Float64Array(entries.length * keyCount);
    for (const [index, entry] of entries.entries()) {
      const card = cards[index];
      if (card === undefined) continue;
      for (let key = 0; key < keyCount; key += 1) {
        const value = entry.position[key];
        if (typeof value !== "number") throw new Error(`browse sort key ${key} is not a number: ${value}`);
        keys[shown.length * keyCount + key] = value;
      }
      shown.push(card);
    }
    return { cards: shown, keys, keyCount, complete: entries.length <= rows };
  }

  /** The cursor after a row of a window: its sort keys, then its user id. */
  function cursorAfter(filters: BrowseFilters, window: BrowseWindow, row: number): string {
    const start = row * window.keyCount;
    const position: (string | number)[] = Array.from(window.keys.subarray(start, start + window.keyCount));
    position.push(window.cards[row]?.userId ?? "");
    return encodeBrowseCursor(filters, position);
  }

  return {
    async apply(principal: Principal, input: ApplicationBody) {
      if (principal.role !== "client")
        throw new DomainError("CONFLICT", "Only client accounts apply to become readers.");
      assertPlainText({
        displayName: input.displayName,
        headline: input.headline,
        bio: input.bio,
        sampleAnswer: input.sampleAnswer,
      });
      assertTimeZone(input.timeZone);
      const row = await repository.insertApplication(db, {
        ...input,
        userId: principal.userId,
        createdAt: deps.clock.now(),
      });
      if (!row) throw new DomainError("CONFLICT", "You already have an application waiting for review.");
      return toApplicationDto(row);
    },

    async myApplications(principal: Principal) {
      return (await repository.applicationsOf(db, principal.userId)).map(toApplicationDto);
    },

    async listApplications(query: { status?: ApplicationStatus; cursor?: string; limit?: number }) {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await repository.listApplications(
        db,
        query.status ?? "pending",
        decodeCursor(query.cursor),
        limit,
      );
      const page = toPage(rows, limit);
      return { items: page.items.map(toApplicationDto), nextCursor: page.nextCursor };
    },

    /** Approves: the applicant becomes a reader with a profile; role, profile and audit entry commit together. */
    async approve(actor: Principal, applicationId: string, requestId: string) {
      return db.transaction(async (tx) => {
        const application = await repository.lockApplication(tx, applicationId);
        if (!application) throw new DomainError("NOT_FOUND", "No such application.");
        if (application.status !== "pending")
          throw new DomainError("CONFLICT", `This application was already ${application.status}.`);
        const now = deps.clock.now();
        await repository.decideApplication(tx, applicationId, {
          status: "approved",
          reason: null,
          reviewedBy: actor.userId,
          at: now,
        });
        await deps.accounts.assignRole(tx, application.userId, "reader", now);
        const profile = await saveProfile(tx, application.userId, application, now);
        await deps.audit.record(tx, {
          actorUserId: actor.userId,
          action: "reader_application.approved",
          objectType: "reader_application",
          objectId: applicationId,
          details: { userId: application.userId, slug: profile.slug },
          requestId,
        });
        return toReaderDto(profile);
      });
    },

    async reject(actor: Principal, applicationId: string, reason: string, requestId: string) {
      return db.transaction(async (tx) => {
        const application = await repository.lockApplication(tx, applicationId);
        if (!application) throw new DomainError("NOT_FOUND", "No such application.");
        if (application.status !== "pending")
          throw new DomainError("CONFLICT", `This application was already ${application.status}.`);
        await repository.decideApplication(tx, applicationId, {
          status: "rejected",
          reason: reason.trim(),
          reviewedBy: actor.userId,
          at: deps.clock.now(),
        });
        await deps.audit.record(tx, {
          actorUserId: actor.userId,
          action: "reader_application.rejected",
          objectType: "reader_application",
          objectId: applicationId,
          details: { userId: application.userId, reason: reason.trim() },
          requestId,
        });
        return toApplicationDto({ ...application, status: "rejected", decisionReason: reason.trim() });
      });
    },

    /**
     * Drops the cached browse pages an event says changed: every page for `readers.changed`;
     * for `readers.status`, pages that depend on status and those showing the readers named.
     */
    onBusEvent(event: BusEvent) {
      const ids = event.type === READERS_STATUS_EVENT ? event.data.readerUserIds : undefined;
      if (Array.isArray(ids) && ids.every((id) => typeof id === "string")) {
        browseCache.statusChanged(ids);
        browseIndex?.statusChanged(ids);
      } else if (event.type === READERS_CHANGED_EVENT || event.type === READERS_STATUS_EVENT) {
        browseCache.changed();
        browseIndex?.changed();
      }
    },

    /**
     * Notices a gap in listening for events (the cache then starts from empty, the index reloads);
     * also runs the index's periodic reload.
     */
    checkBrowseListening: () => {
      browseIndex?.check();
      return browseCache.checkListening();
    },

    /** Browse pages served from memory and computed, since the start; and the index's state. */
    browseCacheStats: () => ({ ...browseCache.stats(), index: browseIndex?.stats() ?? null }),

    /** Waits for the browse index's loads asked for so far (for tests). */
    browseIndexSettled: () => browseIndex?.settled() ?? Promise.resolve(),

    /**
     * One page of listed readers (ReaderPageSchema) as JSON. Served from memory until what it
     * shows changes (or for the cache's time at most); queries that differ only in form
     * (parameter order, a default written out, spaces around the search) share one entry, and
     * page sizes share the windows read for them.
     */
    browse(query: BrowseQuery): Promise<Buffer> {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const filters: BrowseFilters = {
        search: query.q?.trim() || undefined,
        specialty: query.specialty,
        modality: query.modality,
        minPriceCents: query.minPriceCents,
        maxPriceCents: query.maxPriceCents,
        language: query.language,
        onlineOnly: query.online || undefined,
        minRating: query.minRating,
        sort: query.sort ?? "recommended",
      };
      const key = JSON.stringify([
        filters.sort,
        filters.modality,
        filters.search,
        filters.specialty,
        filters.minPriceCents,
        filters.maxPriceCents,
        filters.language,
        filters.onlineOnly,
        filters.minRating,
      ]);
      return browseCache.page({
        query: key,
        cursor: query.cursor || undefined,
        limit,
        statusDependent: filters.sort === "recommended" || filters.onlineOnly === true,
        read: () => readWindow(query, filters, Math.max(limit, BROWSE_WINDOW_ROWS)),
        encodeCursor: (window, row) => cursorAfter(filters, window, row),
      });
    },

    /** A public profile: only of an approved, active reader (admins and the reader see their own regardless). */
    async getBySlug(slug: string, viewer: Principal | null) {
      const profile = await repository.findProfileBySlug(db, slug);
      if (!profile) throw new DomainError("NOT_FOUND", "No such reader.");
      const privileged = viewer?.role === "admin" || viewer?.userId === profile.userId;
      const listed =
        profile.listed === "listed" && (await deps.accounts.hasActiveRole(profile.userId, "reader"));
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
          text: `Hello ${client.display_name},\n\n${profile.displayName}, one of your favorite readers, just came online.\n\n${deps.publicOrigin}/readers/${profile.slug}\n\nYou asked to hear when they are available; change this on their page.\n\n— SoulSeer`,
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
        !(await deps.accounts.hasActiveRole(readerUserId, "reader")) ||
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
      // A suspended reader is listed nowhere, favorites included.
      return rows
        .filter((row) => row.profile.listed === "listed")
        .map((row) => ({ reader: toReaderDto(row.profile), notifyOnline: row.notifyOnline }));
    },

    /**
     * For demo data and admins: a reader profile straight away (the user must already be a reader).
     * Runs in the caller's transaction when one is given.
     */
    async createProfileForReader(
      userId: string,
      input: Omit<ApplicationBody, "sampleAnswer"> & {
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

    /** For readings: of these readers, the listed ones online now (one query; `startable` has the rest). */
    async onlineAmong(readerUserIds: string[]) {
      return new Set(await repository.onlineAmong(db, readerUserIds));
    },

    /** For readings: a listed, active reader's rates and status, or null. */
    async startable(readerUserId: string) {
      const profile = await repository.findProfile(db, readerUserId);
      if (profile?.listed !== "listed") return null;
      if (!(await deps.accounts.hasActiveRole(readerUserId, "reader"))) return null;
      return {
        userId: profile.userId,
        displayName: profile.displayName,
        slug: profile.slug,
        status: profile.status,
        rates: { chat: profile.chatRateCents, voice: profile.voiceRateCents, video: profile.videoRateCents },
      };
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
      const online = profile.listed === "listed" && (await deps.presence.isConnected(readerUserId));
      await changeStatus(tx, readerUserId, online ? available : "offline", at);
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
