import { isAPIError } from "better-auth/api";
import { decodeJwt } from "jose";
import type { Config } from "../../config.js";
import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError, type ErrorCode } from "../../platform/http/errors.js";
import type { RequestContext } from "../../platform/http/web-request.js";
import type { UserDto, UserRole } from "../users/users.schemas.js";
import {
  ageInYears,
  MAXIMUM_AGE_YEARS,
  MINIMUM_AGE_YEARS,
  type UsersService,
} from "../users/users.service.js";
import { AUTH0_PROVIDER_ID, type BetterAuth } from "./auth.better-auth.js";
import { createAuthRepository } from "./auth.repository.js";
import type { SignInBody, SignUpBody } from "./auth.schemas.js";

/** An admin session's activity is recorded at most this often. */
const TOUCH_INTERVAL_MS = 30_000;

export type AuthService = ReturnType<typeof createAuthService>;

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

function checkSignUpRules(input: SignUpBody, today: Date) {
  if (!input.acceptTerms) {
    throw new DomainError("TERMS_NOT_ACCEPTED", "Accept the terms and privacy policy to create an account.");
  }
  const age = ageInYears(input.dateOfBirth, today);
  if (age === null || age < 0 || age > MAXIMUM_AGE_YEARS) {
    throw new DomainError("VALIDATION_FAILED", "The date of birth is not valid.", [
      { path: "/dateOfBirth", message: "must be a real date in the past" },
    ]);
  }
  if (age < MINIMUM_AGE_YEARS) {
    throw new DomainError("UNDERAGE", `You must be ${MINIMUM_AGE_YEARS} or older to use SoulSeer.`);
  }
}

/**
 * Signing in and out: email and password through better-auth (sign-up, verification, reset,
 * password change), Auth0, and resolving the caller of each request from its session cookie.
 */
export function createAuthService(deps: {
  db: Database;
  auth: BetterAuth;
  users: UsersService;
  clock: Clock;
  config: Pick<Config, "auth0" | "publicUrl">;
  adminIdleTimeoutMs: number;
}) {
  const repository = createAuthRepository();
  const { auth, db, users } = deps;
  const emailTaken = () =>
    new DomainError("EMAIL_TAKEN", "An account with this email already exists. Sign in instead.");

  return {
    async signUp(input: SignUpBody, context: RequestContext): Promise<UserDto> {
      checkSignUpRules(input, deps.clock.now());
      const email = input.email.trim().toLowerCase();
      if (await users.findByEmail(email)) throw emailTaken();
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
        if (!(error instanceof DomainError) && (await users.findByEmail(email))) throw emailTaken();
        throw error;
      }
      const created = await users.findByEmail(email);
      if (!created) throw new Error("sign-up stored no user");
      return users.getUser(created.id);
    },

    async signIn(input: SignInBody, context: RequestContext) {
      const existing = await users.findByEmail(input.email);
      // A suspended account still signs in (to read, export and withdraw); a banned one does not.
      if (existing?.status === "banned") {
        throw new DomainError("ACCOUNT_BANNED", "This account is banned. Contact support.");
      }
      const result = await callAuth(() =>
        auth.api.signInEmail({
          body: { email: input.email.trim().toLowerCase(), password: input.password },
          headers: context.headers,
          returnHeaders: true,
        }),
      );
      return { user: await users.getUser(result.response.user.id), setCookie: result.headers.getSetCookie() };
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
      const user = email ? await users.findByEmail(email) : null;
      if (!user) throw new DomainError("INVALID_TOKEN", "This verification link is not valid.");
      return users.getUser(user.id);
    },

    async resendVerification(email: string, context: RequestContext) {
      const user = await users.findByEmail(email);
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

    /** Resolves the caller from the session cookie; enforces suspension and the admin idle timeout. */
    async resolvePrincipal(headers: Headers): Promise<Principal | null> {
      if (!headers.get("cookie")) return null;
      const found = await auth.api.getSession({ headers }).catch(() => null);
      if (!found) return null;
      const user = found.user as typeof found.user & { role: UserRole; status: string };
      if (user.status !== "active" && user.status !== "suspended") return null;
      if (user.role === "admin") {
        const now = deps.clock.now();
        const lastSeen = new Date((found.session as { lastSeenAt?: Date }).lastSeenAt ?? 0);
        if (now.getTime() - lastSeen.getTime() >= TOUCH_INTERVAL_MS || Number.isNaN(lastSeen.getTime())) {
          const idleCutoff = new Date(now.getTime() - deps.adminIdleTimeoutMs);
          if (!(await repository.touchSession(db, found.session.id, now, idleCutoff))) {
            await repository.deleteSession(db, found.session.id);
            throw new DomainError(
              "SESSION_EXPIRED",
              "Your admin session ended after inactivity. Sign in again.",
            );
          }
        }
      }
      return {
        userId: user.id,
        sessionId: found.session.id,
        role: user.role,
        email: user.email,
        accountStatus: user.status === "suspended" ? "suspended" : "active",
      };
    },

    /**
     * Creates a ready-to-use account with a verified email and a role, for demo data, admins
     * and tests. Passwords are hashed by better-auth exactly as for a normal sign-up.
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
      const user = await context.internalAdapter.createUser(
        {
          email: input.email.toLowerCase(),
          name: input.displayName,
          emailVerified: true,
          role: input.role,
          status: "active",
          dateOfBirth: input.dateOfBirth,
          termsAcceptedAt: deps.clock.now(),
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
      return users.getUser(user.id);
    },

    /** Ends every sign-in of a user at once (a ban); their sockets close on every node. */
    endAllSignIns: (userId: string, tx: Executor = db) => repository.deleteSessionsOf(tx, userId),

    /** The name of the sign-in cookie (clients outside a browser send it themselves). */
    async sessionCookieName() {
      return (await auth.$context).authCookies.sessionToken.name;
    },

    /** Begins "Continue with Auth0": the address to send the browser to, and the state cookie. */
    async startAuth0(context: RequestContext) {
      if (!deps.config.auth0)
        throw new DomainError("FEATURE_DISABLED", "Sign-in with Auth0 is not configured.");
      const result = await auth.api.signInSocial({
        body: {
          provider: AUTH0_PROVIDER_ID,
          callbackURL: "/account",
          errorCallbackURL: "/sign-in?error=auth0",
        },
        headers: context.headers,
        returnHeaders: true,
      });
      if (!result.response.url)
        throw new DomainError("OAUTH_FAILED", "Auth0 did not return a sign-in address.");
      return { url: result.response.url, setCookie: result.headers.getSetCookie() };
    },

    /** Auth0's redirect back (better-auth checks state, PKCE and the ID token). */
    async completeOAuth(request: Request) {
      if (!deps.config.auth0)
        throw new DomainError("FEATURE_DISABLED", "Sign-in with Auth0 is not configured.");
      return auth.handler(request);
    },
  };
}
