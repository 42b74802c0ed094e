import { randomBytes } from "node:crypto";
import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { DEFAULT_PAGE_SIZE } from "../../platform/http/pagination.js";
import type { RequestContext } from "../../platform/http/web-request.js";
import type { AuditService } from "../audit/audit.service.js";
import type { AuthService } from "../auth/auth.service.js";
import type { EmailService } from "../email/email.service.js";
import type { UserRole, UserStatus } from "../users/users.schemas.js";
import { ageInYears, MINIMUM_AGE_YEARS, type UsersService } from "../users/users.service.js";
import { createReadersRepository, type ProfileRow } from "./readers.repository.js";
import type { AdminCreateReaderBody, AdminReaderQuery, AdminUpdateReaderBody } from "./readers.schemas.js";
import { assertPlainText, assertTimeZone, type ReadersService, toReaderDto } from "./readers.service.js";

export type ReaderAdminService = ReturnType<typeof createReaderAdminService>;

/** An admin search by email or name considers at most this many matching accounts. */
const MAX_ACCOUNT_MATCHES = 1000;

type AccountFields = { email: string; displayName: string; role: UserRole; status: UserStatus };

function toAdminReaderDto(row: { profile: ProfileRow; account: AccountFields }) {
  return {
    ...toReaderDto(row.profile),
    timeZone: row.profile.timeZone,
    listed: row.profile.listed,
    updatedAt: row.profile.updatedAt.toISOString(),
    noShowCount: row.profile.noShowCount,
    account: {
      email: row.account.email,
      displayName: row.account.displayName,
      role: row.account.role,
      status: row.account.status,
    },
  };
}

/** The profile columns an admin edit may change, from the request body (undefined = unchanged). */
function requestedChanges(body: AdminUpdateReaderBody) {
  const rates = body.rates ?? {};
  return {
    displayName: body.displayName?.trim(),
    headline: body.headline,
    bio: body.bio,
    specialties: body.specialties,
    tools: body.tools,
    languages: body.languages,
    yearsOfExperience: body.yearsOfExperience,
    timeZone: body.timeZone,
    chatRateCents: rates.chat,
    voiceRateCents: rates.voice,
    videoRateCents: rates.video,
    scheduledRateCents: rates.scheduled,
  } satisfies Partial<ProfileRow>;
}

/** Only the fields whose value really changes, each with its value before and after. */
function diffProfile(before: ProfileRow, requested: ReturnType<typeof requestedChanges>) {
  const changes: Record<string, unknown> = {};
  const audit: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(requested)) {
    if (value === undefined) continue;
    const previous = before[field as keyof typeof requested];
    if (JSON.stringify(previous) === JSON.stringify(value)) continue;
    changes[field] = value;
    audit[field] = { from: previous, to: value };
  }
  return { changes: changes as Partial<ProfileRow>, audit };
}

/** Refuses markup in any shown text and unknown time zones (the schema has checked lengths and sets). */
function checkProfileText(input: {
  displayName?: string;
  headline?: string;
  bio?: string;
  tools?: string[];
  timeZone?: string;
}) {
  assertPlainText({
    displayName: input.displayName,
    headline: input.headline,
    bio: input.bio,
    tools: input.tools?.join(" "),
  });
  if (input.timeZone !== undefined) assertTimeZone(input.timeZone);
}

/** A new account needs a real birth date of someone 18 or older, as at sign-up. */
function checkAdultBirthDate(dateOfBirth: string | undefined, today: Date): string {
  if (!dateOfBirth) {
    throw new DomainError("VALIDATION_FAILED", "A date of birth is needed to create a new account.", [
      { path: "/dateOfBirth", message: "required when the email has no account yet" },
    ]);
  }
  const age = ageInYears(dateOfBirth, today);
  if (age === null || age < 0 || age > 120) {
    throw new DomainError("VALIDATION_FAILED", "The date of birth is not valid.", [
      { path: "/dateOfBirth", message: "must be a real date in the past" },
    ]);
  }
  if (age < MINIMUM_AGE_YEARS)
    throw new DomainError("UNDERAGE", `Readers must be ${MINIMUM_AGE_YEARS} or older.`);
  return dateOfBirth;
}

/**
 * Admin management of readers: list every profile (suspended ones too), create a reader account
 * directly or promote a client, edit any profile (suspension is the account's). Each decision commits
 * with its audit entry; emails go out after commit.
 */
export function createReaderAdminService(deps: {
  db: Database;
  readers: Pick<ReadersService, "createProfileForReader" | "takeOffline">;
  users: Pick<UsersService, "assignRole" | "lockByEmail" | "findByEmail" | "contactsOf" | "idsMatching">;
  auth: Pick<AuthService, "createVerifiedUser" | "requestPasswordReset">;
  audit: Pick<AuditService, "record">;
  email: Pick<EmailService, "send">;
  clock: Clock;
  publicOrigin: string;
}) {
  const repository = createReadersRepository();
  const { db } = deps;

  /** Profiles with their accounts (from the users module), in order; a profile without one is left out. */
  async function withAccounts(profiles: ProfileRow[], tx: Executor = db) {
    const accounts = await deps.users.contactsOf(
      profiles.map((profile) => profile.userId),
      tx,
    );
    return profiles.flatMap((profile) => {
      const account = accounts.get(profile.userId);
      return account ? [toAdminReaderDto({ profile, account })] : [];
    });
  }

  async function adminView(userId: string, tx: Executor = db) {
    const profile = await repository.findProfile(tx, userId);
    const [view] = profile ? await withAccounts([profile], tx) : [];
    if (!view) throw new DomainError("NOT_FOUND", "No such reader.");
    return view;
  }

  /** Makes the account a reader with a profile, in one transaction with its audit entry. */
  async function promote(
    actor: Principal,
    email: string,
    body: AdminCreateReaderBody,
    accountCreated: boolean,
    requestId: string,
  ) {
    return db.transaction(async (tx) => {
      const account = await deps.users.lockByEmail(tx, email);
      if (!account) throw new DomainError("NOT_FOUND", "No account has this email.");
      if (account.role !== "client")
        throw new DomainError(
          "CONFLICT",
          `The account ${email} is already a${account.role === "admin" ? "n" : ""} ${account.role}.`,
        );
      if (account.status !== "active")
        throw new DomainError("CONFLICT", `The account ${email} is suspended.`);
      const now = deps.clock.now();
      await deps.users.assignRole(tx, account.id, "reader", now);
      const { email: _email, dateOfBirth: _dateOfBirth, rates, ...profile } = body;
      await deps.readers.createProfileForReader(
        account.id,
        { ...profile, displayName: profile.displayName.trim(), rates: rates ?? {} },
        tx,
      );
      const reader = await adminView(account.id, tx);
      await deps.audit.record(tx, {
        actor,
        action: "reader.created",
        objectType: "reader",
        objectId: account.id,
        details: {
          email: account.email,
          slug: reader.slug,
          accountCreated,
          from: account.role,
          to: "reader",
        },
        requestId,
      });
      return reader;
    });
  }

  return {
    async list(query: AdminReaderQuery) {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const search = query.q?.trim() || undefined;
      // Accounts whose email or name matches (bounded: a search this broad pages by name anyway).
      const userIds = search ? await deps.users.idsMatching(search, MAX_ACCOUNT_MATCHES) : undefined;
      const rows = await repository.adminListProfiles(
        db,
        { search, userIds, listed: query.listed },
        decodeCursor(query.cursor),
        limit,
      );
      const page = toPage(
        rows.map((row) => ({ ...row, id: row.userId })),
        limit,
      );
      return { items: await withAccounts(page.items), nextCursor: page.nextCursor };
    },

    /**
     * Creates a reader directly. A new email gets an account (role client, then promoted with the
     * profile) and a link to choose a password through the normal password-reset email; an
     * existing client is promoted. Readers, admins and suspended accounts are refused.
     */
    async create(actor: Principal, body: AdminCreateReaderBody, context: RequestContext) {
      checkProfileText(body);
      const email = body.email.trim().toLowerCase();
      const existing = await deps.users.findByEmail(email);
      let accountCreated = false;
      if (!existing) {
        const dateOfBirth = checkAdultBirthDate(body.dateOfBirth, deps.clock.now());
        try {
          await deps.auth.createVerifiedUser({
            email,
            // Never shown to anyone: the reader chooses their own password from the emailed link.
            password: randomBytes(32).toString("base64url"),
            displayName: body.displayName.trim(),
            role: "client",
            dateOfBirth,
            timeZone: body.timeZone,
          });
        } catch (error) {
          if (await deps.users.findByEmail(email))
            throw new DomainError("EMAIL_TAKEN", "An account with this email was just created.");
          throw error;
        }
        accountCreated = true;
      }
      const reader = await promote(actor, email, body, accountCreated, context.requestId);
      await deps.email.send({
        to: email,
        kind: "reader-welcome",
        subject: "You are now a reader on SoulSeer",
        text: accountCreated
          ? `Hello ${reader.account.displayName},\n\nThe SoulSeer team created a reader account for you. A separate email brings a link to choose your password (it works for one hour; if it expires, use "Forgot password" on the sign-in page).\n\nYour profile: ${deps.publicOrigin}/readers/${reader.slug}\n\n— SoulSeer`
          : `Hello ${reader.account.displayName},\n\nYour SoulSeer account is now a reader account. Sign in with your usual password and open your reader dashboard to set your rates and go online.\n\n${deps.publicOrigin}/reader\n\n— SoulSeer`,
      });
      if (accountCreated) await deps.auth.requestPasswordReset(email, context);
      return { reader, accountCreated };
    },

    /** Edits any field of a reader's profile; the audit entry holds each changed field before and after. */
    async update(actor: Principal, userId: string, body: AdminUpdateReaderBody, requestId: string) {
      checkProfileText(body);
      return db.transaction(async (tx) => {
        const before = await repository.lockProfile(tx, userId);
        if (!before) throw new DomainError("NOT_FOUND", "No such reader.");
        const { changes, audit } = diffProfile(before, requestedChanges(body));
        if (Object.keys(changes).length === 0) return adminView(userId, tx);
        await repository.updateProfile(tx, userId, { ...changes, updatedAt: deps.clock.now() });
        await deps.audit.record(tx, {
          actor,
          action: "reader.profile_updated",
          objectType: "reader",
          objectId: userId,
          details: { changes: audit },
          requestId,
        });
        return adminView(userId, tx);
      });
    },
  };
}
