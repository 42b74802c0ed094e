import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { DEFAULT_PAGE_SIZE } from "../../platform/http/pagination.js";
import type { RequestContext } from "../../platform/http/web-request.js";
import type { AuditService } from "../audit/audit.service.js";
import { createUsersRepository, type UserRow } from "./users.repository.js";
import type {
  AccountAction,
  AdminUserDto,
  ChangeRoleBody,
  ListUsersQuery,
  UpdateProfileBody,
  UserDto,
  UserRole,
  UserStatus,
} from "./users.schemas.js";

export const MINIMUM_AGE_YEARS = 18;
export const MAXIMUM_AGE_YEARS = 120;

export type UsersService = ReturnType<typeof createUsersService>;

export function toUserDto(row: UserRow): UserDto {
  return {
    id: row.id,
    email: row.email,
    displayName: row.name,
    role: row.role,
    emailVerified: row.emailVerified,
    dateOfBirth: row.dateOfBirth,
    bio: row.bio,
    timeZone: row.timeZone,
    country: row.country,
    createdAt: row.createdAt.toISOString(),
    twoFactorEnabled: row.twoFactorEnabled,
    profileComplete: row.dateOfBirth !== null && row.termsAcceptedAt !== null,
    status: row.status,
    statusReason: row.status === "active" ? null : row.statusReason,
  };
}

function toAdminUserDto(row: UserRow): AdminUserDto {
  return { ...toUserDto(row), statusChangedAt: row.statusChangedAt?.toISOString() ?? null };
}

/** Where each admin action takes an account, and from where it may. */
const ACCOUNT_ACTIONS: Record<AccountAction, { to: UserStatus; from: readonly UserStatus[] }> = {
  suspend: { to: "suspended", from: ["active"] },
  ban: { to: "banned", from: ["active", "suspended"] },
  restore: { to: "active", from: ["suspended", "banned"] },
};

/** Whole years between a YYYY-MM-DD birth date and today's UTC date; null if not a real date. */
export function ageInYears(dateOfBirth: string, today: Date): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  let age = today.getUTCFullYear() - year;
  const beforeBirthday =
    today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

export function createUsersService(deps: { db: Database; audit: AuditService; clock: Clock }) {
  const repository = createUsersRepository();
  const { db } = deps;

  async function requireUser(id: string) {
    const row = await repository.findUserById(db, id);
    if (!row) throw new DomainError("NOT_FOUND", "No such user.");
    return row;
  }

  return {
    /** Records a date of birth (kept if one was given before) and the terms' acceptance. */
    async completeProfile(userId: string, dateOfBirth: string, termsAcceptedAt: Date): Promise<UserDto> {
      const row = await repository.completeProfile(db, userId, dateOfBirth, termsAcceptedAt);
      if (!row) throw new DomainError("NOT_FOUND", "No such user.");
      return toUserDto(row);
    },

    /** Sets a role inside the caller's transaction (e.g. when an application is approved). */
    async assignRole(tx: Executor, userId: string, role: UserRole, at: Date) {
      const row = await repository.setRole(tx, userId, role, at);
      if (!row) throw new DomainError("NOT_FOUND", "No such user.");
    },

    /** True when the user exists, is active, and has the role. */
    async hasActiveRole(userId: string, role: UserRole) {
      const user = await repository.findUserById(db, userId);
      return user?.status === "active" && user.role === role;
    },

    /** Every active account with this role (for a node's in-memory views of all readers). */
    activeIdsWithRole: (role: UserRole) => repository.activeIdsWithRole(db, role),

    /** Any user by id, for other modules (admin tools). */
    async getUser(userId: string): Promise<UserDto> {
      return toUserDto(await requireUser(userId));
    },

    async getMe(principal: Principal): Promise<UserDto> {
      return toUserDto(await requireUser(principal.userId));
    },

    async updateProfile(principal: Principal, body: UpdateProfileBody): Promise<UserDto> {
      if (body.timeZone && !isKnownTimeZone(body.timeZone)) {
        throw new DomainError("VALIDATION_FAILED", "Unknown time zone.", [
          { path: "/timeZone", message: "must be an IANA time zone such as Europe/London" },
        ]);
      }
      const updated = await repository.updateProfile(
        db,
        principal.userId,
        {
          name: body.displayName?.trim(),
          bio: body.bio === undefined ? undefined : body.bio?.trim() || null,
          timeZone: body.timeZone,
          country: body.country,
        },
        deps.clock.now(),
      );
      if (!updated) throw new DomainError("NOT_FOUND", "No such user.");
      return toUserDto(updated);
    },

    countUsers: () => repository.countUsers(db),

    /** The user with this email (any case), or null. */
    async findByEmail(email: string) {
      const row = await repository.findUserByEmail(db, email);
      return row ? toAdminUserDto(row) : null;
    },

    /** The user with this email, locked for a change in the caller's transaction; null when none. */
    async lockByEmail(tx: Executor, email: string) {
      const row = await repository.lockByEmail(tx, email);
      return row ? toAdminUserDto(row) : null;
    },

    /**
     * Names, emails, roles and statuses of these users (one query), by id: what other modules
     * show of a person or write to them with. Missing ids are absent from the map.
     */
    async contactsOf(userIds: readonly string[], tx: Executor = db) {
      const rows = await repository.contactsOf(tx, userIds);
      return new Map(
        rows.map((row) => [
          row.id,
          { userId: row.id, email: row.email, displayName: row.name, role: row.role, status: row.status },
        ]),
      );
    },

    /** A user's display name now (null for an unknown id). */
    async displayNameOf(userId: string, tx: Executor = db) {
      return (await repository.contactsOf(tx, [userId]))[0]?.name ?? null;
    },

    /** Ids of users whose email or name contains `search` (at most `limit`), for admin searches. */
    idsMatching: (search: string, limit: number) => repository.idsMatching(db, search, limit),

    async listUsers(query: ListUsersQuery) {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await repository.listUsers(
        db,
        { search: query.search?.trim() || undefined, role: query.role, status: query.status },
        decodeCursor(query.cursor),
        limit,
      );
      const page = toPage(rows, limit);
      return { items: page.items.map(toAdminUserDto), nextCursor: page.nextCursor };
    },

    /** The account's standing now ("active" for an unknown id: nothing to refuse). */
    async statusOf(userId: string, tx: Executor = db): Promise<UserStatus> {
      return (await repository.contactsOf(tx, [userId]))[0]?.status ?? "active";
    },

    /**
     * The account's standing, share-locked in the caller's transaction (null for an unknown id).
     * What a suspension must end (a reading being requested or accepted) takes this first, so a
     * standing change waits for it to commit and then sees it, or it sees the new standing.
     */
    lockStanding: (tx: Executor, userId: string) => repository.lockStanding(tx, userId),

    /**
     * An admin suspends, bans or restores an account, with a reason: the change, its audit entry
     * and what the caller ends with it (`alsoInside`: readings, sign-ins) commit together.
     */
    async changeStatus<Also>(
      actor: Principal,
      userId: string,
      action: AccountAction,
      reason: string,
      context: RequestContext,
      alsoInside: (tx: Executor) => Promise<Also>,
    ) {
      if (actor.userId === userId) throw new DomainError("CONFLICT", "You cannot change your own account.");
      const { to, from } = ACCOUNT_ACTIONS[action];
      return db.transaction(async (tx) => {
        const current = await repository.lockUser(tx, userId);
        if (!current) throw new DomainError("NOT_FOUND", "No such user.");
        if (!from.includes(current.status))
          throw new DomainError(
            "CONFLICT",
            `This account is ${current.status}; it cannot be changed by ${action}.`,
          );
        const at = deps.clock.now();
        const row = await repository.setStatus(tx, userId, {
          status: to,
          statusReason: to === "active" ? null : reason.trim(),
          statusChangedAt: at,
          statusChangedBy: actor.userId,
          updatedAt: at,
        });
        if (!row) throw new DomainError("NOT_FOUND", "No such user.");
        await deps.audit.record(tx, {
          actor,
          action: `user.${action === "restore" ? "restored" : action === "ban" ? "banned" : "suspended"}`,
          objectType: "user",
          objectId: userId,
          details: {
            from: current.status,
            to,
            reason: reason.trim(),
            email: current.email,
            role: current.role,
          },
          requestId: context.requestId,
        });
        return { before: current.status, user: toAdminUserDto(row), also: await alsoInside(tx) };
      });
    },

    /** Changes a user's role; the change and its audit entry commit together. */
    async changeRole(actor: Principal, userId: string, body: ChangeRoleBody, context: RequestContext) {
      if (actor.userId === userId && body.role !== "admin") {
        throw new DomainError("CONFLICT", "You cannot remove your own admin role.");
      }
      const updated = await db.transaction(async (tx) => {
        const current = await repository.lockUser(tx, userId);
        if (!current) throw new DomainError("NOT_FOUND", "No such user.");
        if (current.role === body.role) return current;
        const row = await repository.setRole(tx, userId, body.role, deps.clock.now());
        if (!row) throw new DomainError("NOT_FOUND", "No such user.");
        await deps.audit.record(tx, {
          actor,
          action: "user.role_changed",
          objectType: "user",
          objectId: userId,
          details: { from: current.role, to: body.role, reason: body.reason.trim(), email: current.email },
          requestId: context.requestId,
        });
        return row;
      });
      return toAdminUserDto(updated);
    },

    /** For the admin key figures: accounts created per UTC day, ISO week or month since `from`. */
    signupsByBucket: (unit: "day" | "week" | "month", from: Date) =>
      repository.signupsByBucket(db, unit, from),
  };
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
