import { isAPIError } from "better-auth/api";
import { decodeJwt } from "jose";
import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError, type ErrorCode } from "../../platform/http/errors.js";
import { DEFAULT_PAGE_SIZE } from "../../platform/http/pagination.js";
import type { AuditService } from "../audit/audit.service.js";
import { createAccountsRepository, type UserRow } from "./accounts.repository.js";
import type {
  AdminUserDto,
  ChangeRoleBody,
  ListUsersQuery,
  SignInBody,
  SignUpBody,
  UpdateProfileBody,
  UserDto,
} from "./accounts.schemas.js";
import type { UserRole } from "./accounts.tables.js";
import type { Auth } from "./auth.js";

export const MINIMUM_AGE_YEARS = 18;
const MAXIMUM_AGE_YEARS = 120;
/** An admin session's activity is recorded at most this often. */
const TOUCH_INTERVAL_MS = 30_000;

/** What a service needs to know about the HTTP request that called it. */
export interface RequestContext {
  headers: Headers;
  requestId: string;
}

export type AccountsService = ReturnType<typeof createAccountsService>;

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
    createdAt: row.createdAt.toISOString(),
  };
}

function toAdminUserDto(row: UserRow): AdminUserDto {
  return { ...toUserDto(row), status: row.status };
}

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

const BETTER_AUTH_CODES: Record<string, ErrorCode> = {
  INVALID_EMAIL_OR_PASSWORD: "INVALID_CREDENTIALS",
  INVALID_PASSWORD: "INVALID_CREDENTIALS",
  EMAIL_NOT_VERIFIED: "EMAIL_NOT_VERIFIED",
  USER_ALREADY_EXISTS: "EMAIL_TAKEN",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "EMAIL_TAKEN",
  INVALID_TOKEN: "INVALID_TOKEN",
  TOKEN_EXPIRED: "INVALID_TOKEN",
  PASSWORD_TOO_SHORT: "VALIDATION_FAILED",
  PASSWORD_TOO_LONG: "VALIDATION_FAILED",
};

/** Runs a better-auth call, turning its errors into SoulSeer's typed errors. */
async function callAuth<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isAPIError(error)) {
      const upstream = String((error.body as { code?: string } | undefined)?.code ?? "");
      const code = BETTER_AUTH_CODES[upstream];
      if (code) throw new DomainError(code, error.message || upstream);
    }
    throw error;
  }
}

export function createAccountsService(deps: {
  db: Database;
  auth: Auth;
  audit: AuditService;
  clock: Clock;
  adminIdleTimeoutMs: number;
}) {
  const repository = createAccountsRepository();
  const { auth, db } = deps;

  async function requireUser(id: string) {
    const row = await repository.findUserById(db, id);
    if (!row) throw new DomainError("NOT_FOUND", "No such user.");
    return row;
  }

  function checkSignUpRules(input: SignUpBody) {
    if (!input.acceptTerms) {
      throw new DomainError(
        "TERMS_NOT_ACCEPTED",
        "Accept the terms and privacy policy to create an account.",
      );
    }
    const age = ageInYears(input.dateOfBirth, deps.clock.now());
    if (age === null || age < 0 || age > MAXIMUM_AGE_YEARS) {
      throw new DomainError("VALIDATION_FAILED", "The date of birth is not valid.", [
        { path: "/dateOfBirth", message: "must be a real date in the past" },
      ]);
    }
    if (age < MINIMUM_AGE_YEARS) {
      throw new DomainError("UNDERAGE", `You must be ${MINIMUM_AGE_YEARS} or older to use SoulSeer.`);
    }
  }

  return {
    async signUp(input: SignUpBody, context: RequestContext): Promise<UserDto> {
      checkSignUpRules(input);
      const email = input.email.trim().toLowerCase();
      if (await repository.findUserByEmail(db, email)) {
        throw new DomainError("EMAIL_TAKEN", "An account with this email already exists. Sign in instead.");
      }
      try {
        await callAuth(() =>
          auth.api.signUpEmail({
            body: {
              email,
              password: input.password,
              name: input.displayName.trim(),
              dateOfBirth: input.dateOfBirth,
              termsAcceptedAt: deps.clock.now(),
            },
            headers: context.headers,
          }),
        );
      } catch (error) {
        // Two sign-ups racing for one email: the unique index lets one through.
        if (!(error instanceof DomainError) && (await repository.findUserByEmail(db, email))) {
          throw new DomainError("EMAIL_TAKEN", "An account with this email already exists. Sign in instead.");
        }
        throw error;
      }
      const created = await repository.findUserByEmail(db, email);
      if (!created) throw new Error("sign-up stored no user");
      return toUserDto(created);
    },

    async signIn(input: SignInBody, context: RequestContext) {
      const existing = await repository.findUserByEmail(db, input.email);
      if (existing?.status === "suspended") {
        throw new DomainError("ACCOUNT_SUSPENDED", "This account is suspended. Contact support.");
      }
      const result = await callAuth(() =>
        auth.api.signInEmail({
          body: { email: input.email.trim().toLowerCase(), password: input.password },
          headers: context.headers,
          returnHeaders: true,
        }),
      );
      const user = await requireUser(result.response.user.id);
      return { user: toUserDto(user), setCookie: result.headers.getSetCookie() };
    },

    async signOut(context: RequestContext) {
      const result = await auth.api
        .signOut({ headers: context.headers, returnHeaders: true })
        .catch(() => null);
      return { setCookie: result?.headers.getSetCookie() ?? [] };
    },

    async verifyEmail(token: string): Promise<UserDto> {
      await callAuth(() => auth.api.verifyEmail({ query: { token } }));
      // The token verified, so its payload (the address it was sent to) is authentic.
      const { email } = decodeJwt(token) as { email?: string };
      const user = email ? await repository.findUserByEmail(db, email) : null;
      if (!user) throw new DomainError("INVALID_TOKEN", "This verification link is not valid.");
      return toUserDto(user);
    },

    async resendVerification(email: string, context: RequestContext) {
      const user = await repository.findUserByEmail(db, email);
      if (user && !user.emailVerified) {
        await callAuth(() =>
          auth.api.sendVerificationEmail({ body: { email: user.email }, headers: context.headers }),
        );
      }
    },

    async requestPasswordReset(email: string, context: RequestContext) {
      await callAuth(() =>
        auth.api.requestPasswordReset({
          body: { email: email.trim().toLowerCase() },
          headers: context.headers,
        }),
      );
    },

    async resetPassword(token: string, newPassword: string) {
      await callAuth(() => auth.api.resetPassword({ body: { token, newPassword } }));
    },

    async changePassword(body: { currentPassword: string; newPassword: string }, context: RequestContext) {
      const result = await callAuth(() =>
        auth.api.changePassword({
          body: { ...body, revokeOtherSessions: true },
          headers: context.headers,
          returnHeaders: true,
        }),
      );
      return { setCookie: result.headers.getSetCookie() };
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
        },
        deps.clock.now(),
      );
      if (!updated) throw new DomainError("NOT_FOUND", "No such user.");
      return toUserDto(updated);
    },

    /** Resolves the caller from the session cookie; enforces suspension and the admin idle timeout. */
    async resolvePrincipal(headers: Headers): Promise<Principal | null> {
      if (!headers.get("cookie")) return null;
      const found = await auth.api.getSession({ headers }).catch(() => null);
      if (!found) return null;
      const user = found.user as typeof found.user & { role: UserRole; status: string };
      if (user.status !== "active") return null;
      if (user.role === "admin") {
        const now = deps.clock.now();
        const lastSeen = new Date((found.session as { lastSeenAt?: Date }).lastSeenAt ?? 0);
        if (now.getTime() - lastSeen.getTime() >= TOUCH_INTERVAL_MS || Number.isNaN(lastSeen.getTime())) {
          const alive = await repository.touchSession(
            db,
            found.session.id,
            now,
            new Date(now.getTime() - deps.adminIdleTimeoutMs),
          );
          if (!alive) {
            await repository.deleteSession(db, found.session.id);
            throw new DomainError(
              "SESSION_EXPIRED",
              "Your admin session ended after inactivity. Sign in again.",
            );
          }
        }
      }
      return { userId: user.id, sessionId: found.session.id, role: user.role, email: user.email };
    },

    /**
     * Creates a ready-to-use account with a verified email and a role, for demo data and
     * tests. Passwords are hashed by better-auth exactly as for a normal sign-up.
     */
    async createVerifiedUser(input: {
      email: string;
      password: string;
      displayName: string;
      role: UserRole;
      dateOfBirth: string;
      bio?: string;
      timeZone?: string;
    }): Promise<UserDto> {
      const context = await auth.$context;
      const now = deps.clock.now();
      const user = await context.internalAdapter.createUser(
        {
          email: input.email.toLowerCase(),
          name: input.displayName,
          emailVerified: true,
          role: input.role,
          status: "active",
          dateOfBirth: input.dateOfBirth,
          termsAcceptedAt: now,
          bio: input.bio ?? null,
          timeZone: input.timeZone ?? null,
        },
        { method: "admin" },
      );
      await context.internalAdapter.linkAccount({
        userId: user.id,
        providerId: "credential",
        accountId: user.id,
        password: await context.password.hash(input.password),
      });
      return toUserDto(await requireUser(user.id));
    },

    countUsers: () => repository.countUsers(db),

    async listUsers(query: ListUsersQuery) {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await repository.listUsers(
        db,
        { search: query.search?.trim() || undefined, role: query.role },
        decodeCursor(query.cursor),
        limit,
      );
      const page = toPage(rows, limit);
      return { items: page.items.map(toAdminUserDto), nextCursor: page.nextCursor };
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
          actorUserId: actor.userId,
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
