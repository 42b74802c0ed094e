import { isAPIError } from "better-auth/api";
import { symmetricEncrypt } from "better-auth/crypto";
import { decodeJwt } from "jose";
import type { Config } from "../../config.js";
import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError, type ErrorCode } from "../../platform/http/errors.js";
import type { RequestContext } from "../../platform/http/web-request.js";
import type { LimitsService } from "../limits/limits.service.js";
import type { UserDto, UserRole } from "../users/users.schemas.js";
import {
  ageInYears,
  MAXIMUM_AGE_YEARS,
  MINIMUM_AGE_YEARS,
  type UsersService,
} from "../users/users.service.js";
import { AUTH0_PROVIDER_ID, type BetterAuth } from "./auth.better-auth.js";
import { readCookies, signedValue } from "./auth.cookies.js";
import { createAuthRepository } from "./auth.repository.js";
import type { CompleteProfileBody, SignInBody, SignUpBody } from "./auth.schemas.js";

/** An admin session's activity is recorded at most this often. */
const TOUCH_INTERVAL_MS = 30_000;
/** Without a password (Auth0 only), a sign-in younger than this proves the person is present. */
export const FRESH_SIGN_IN_MS = 10 * 60_000;

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
  INVALID_CODE: "INVALID_TWO_FACTOR_CODE",
  INVALID_BACKUP_CODE: "INVALID_TWO_FACTOR_CODE",
  INVALID_TWO_FACTOR_COOKIE: "SESSION_EXPIRED",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "RATE_LIMITED",
  ACCOUNT_TEMPORARILY_LOCKED: "RATE_LIMITED",
  TOTP_ALREADY_ENABLED: "CONFLICT",
  TOTP_NOT_ENABLED: "CONFLICT",
  TWO_FACTOR_NOT_ENABLED: "CONFLICT",
  BACKUP_CODES_NOT_ENABLED: "CONFLICT",
};

/** better-auth's answer to a correct password when the account has two-factor sign-in on. */
function isTwoFactorRedirect(response: unknown): boolean {
  return (response as { twoFactorRedirect?: unknown } | null)?.twoFactorRedirect === true;
}

/** The base32 secret inside an otpauth:// address (what an authenticator app is given). */
function secretOfTotpUri(totpUri: string): string {
  return new URL(totpUri).searchParams.get("secret") ?? "";
}

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

function checkSignUpRules(input: Pick<SignUpBody, "acceptTerms" | "dateOfBirth">, today: Date) {
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
  limits: Pick<LimitsService, "consume">;
}) {
  const repository = createAuthRepository();
  const { auth, db, users, limits } = deps;
  const emailTaken = () =>
    new DomainError("EMAIL_TAKEN", "An account with this email already exists. Sign in instead.");

  /** The sign-in cookie's names and signing key, and the session lifetimes, read once from better-auth. */
  let cookieRules: Promise<{
    sessionName: string;
    dontRememberName: string;
    key: string;
    expiresInMs: number;
    updateAgeMs: number;
  }> | null = null;
  const rules = () =>
    (cookieRules ??= auth.$context.then((context) => ({
      sessionName: context.authCookies.sessionToken.name,
      dontRememberName: context.authCookies.dontRememberToken.name,
      key: context.secret,
      expiresInMs: context.sessionConfig.expiresIn * 1000,
      updateAgeMs: context.sessionConfig.updateAge * 1000,
    })));

  /**
   * The common case of a request's sign-in, in one query and no better-auth call: a well-signed
   * session cookie whose session is live and not yet due for better-auth's sliding refresh.
   * Answers null exactly where better-auth would (no session cookie, or no such session), and
   * undefined for everything else (a bad signature, an expired or refresh-due session, a
   * "don't remember me" sign-in, an odd cookie header), which better-auth then handles itself.
   */
  async function fastSession(cookieHeader: string) {
    const { sessionName, dontRememberName, key, expiresInMs, updateAgeMs } = await rules();
    const cookies = readCookies(cookieHeader);
    if (!cookies || cookies.has(dontRememberName)) return undefined;
    const value = cookies.get(sessionName);
    if (value === undefined) return null;
    const token = signedValue(value, key);
    if (token === null) return undefined;
    const found = await repository.sessionWithUser(db, token);
    if (!found) return null;
    // better-auth compares these with the real time, not the app's clock: so does this.
    const nowMs = Date.now();
    const expiresAtMs = found.session.expiresAt.getTime();
    if (!(expiresAtMs >= nowMs) || expiresAtMs - expiresInMs + updateAgeMs <= nowMs) return undefined;
    return found;
  }

  return {
    async signUp(input: SignUpBody, context: RequestContext): Promise<UserDto> {
      await limits.consume("sign-up", context.ip);
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
      await limits.consume("sign-in", context.ip);
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
      const setCookie = result.headers.getSetCookie();
      // Two-factor sign-in: no session yet, only a short-lived cookie for the code step.
      if (isTwoFactorRedirect(result.response)) return { twoFactorRequired: true as const, setCookie };
      return {
        twoFactorRequired: false as const,
        user: await users.getUser(result.response.user.id),
        setCookie,
      };
    },

    /** The code step of a two-factor sign-in: a code of the authenticator app, or a backup code. */
    async verifyTwoFactor(method: "totp" | "backup-code", code: string, context: RequestContext) {
      // A code is a second password: its guesses share the sign-in budget on every node.
      await limits.consume("sign-in", context.ip);
      const body = { code: method === "totp" ? code : code.trim() };
      const result = await callAuth(() =>
        method === "totp"
          ? auth.api.verifyTOTP({ body, headers: context.headers, returnHeaders: true })
          : auth.api.verifyBackupCode({ body, headers: context.headers, returnHeaders: true }),
      );
      return { user: await users.getUser(result.response.user.id), setCookie: result.headers.getSetCookie() };
    },

    /**
     * Starts turning on two-factor sign-in (after the password again): the secret for the
     * authenticator app and the backup codes. It is on once `confirmTwoFactor` accepts a code.
     */
    async beginTwoFactorSetup(password: string, context: RequestContext) {
      await limits.consume("password-change", context.ip);
      const result = await callAuth(() =>
        auth.api.enableTwoFactor({ body: { password, method: "totp" }, headers: context.headers }),
      );
      const totpUri = (result as { totpURI?: string }).totpURI ?? "";
      const backupCodes = (result as { backupCodes?: string[] }).backupCodes ?? [];
      return { totpUri, secret: secretOfTotpUri(totpUri), backupCodes };
    },

    /** A first code from the authenticator app turns two-factor sign-in on (a new session cookie). */
    async confirmTwoFactor(principal: Principal, code: string, context: RequestContext) {
      await limits.consume("password-change", context.ip);
      const result = await callAuth(() =>
        auth.api.verifyTOTP({ body: { code }, headers: context.headers, returnHeaders: true }),
      );
      return { user: await users.getUser(principal.userId), setCookie: result.headers.getSetCookie() };
    },

    /** Turns two-factor sign-in off (after the password again). */
    async disableTwoFactor(principal: Principal, password: string, context: RequestContext) {
      await limits.consume("password-change", context.ip);
      const result = await callAuth(() =>
        auth.api.disableTwoFactor({ body: { password }, headers: context.headers, returnHeaders: true }),
      );
      return { user: await users.getUser(principal.userId), setCookie: result.headers.getSetCookie() };
    },

    /** An Auth0 member gives a date of birth (18+) and accepts the terms before paying for anything. */
    async completeProfile(principal: Principal, input: CompleteProfileBody): Promise<UserDto> {
      const now = deps.clock.now();
      checkSignUpRules(input, now);
      return users.completeProfile(principal.userId, input.dateOfBirth, now);
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
      await limits.consume("verification-mail", context.ip);
      const user = await users.findByEmail(email);
      if (user && !user.emailVerified) {
        await callAuth(() =>
          auth.api.sendVerificationEmail({ body: { email: user.email }, headers: context.headers }),
        );
      }
    },

    async requestPasswordReset(email: string, context: RequestContext) {
      await limits.consume("password-reset", context.ip);
      await callAuth(() =>
        auth.api.requestPasswordReset({
          body: { email: email.trim().toLowerCase() },
          headers: context.headers,
        }),
      );
    },

    async resetPassword(token: string, newPassword: string, context: Pick<RequestContext, "ip">) {
      await limits.consume("password-reset", context.ip);
      await callAuth(() => auth.api.resetPassword({ body: { token, newPassword } }));
    },

    async changePassword(body: { currentPassword: string; newPassword: string }, context: RequestContext) {
      await limits.consume("password-change", context.ip);
      const result = await callAuth(() =>
        auth.api.changePassword({
          body: { ...body, revokeOtherSessions: true },
          headers: context.headers,
          returnHeaders: true,
        }),
      );
      return { setCookie: result.headers.getSetCookie() };
    },

    /**
     * Proves the signed-in person is at the keyboard before a grave step (deleting the account):
     * their password when they have one; otherwise a sign-in of the last FRESH_SIGN_IN_MS.
     */
    async confirmIdentity(principal: Principal, password: string | undefined) {
      const context = await auth.$context;
      const accounts = await context.internalAdapter.findAccounts(principal.userId);
      const credential = accounts.find((account) => account.providerId === "credential" && account.password);
      if (credential?.password) {
        const valid =
          password !== undefined && (await context.password.verify({ hash: credential.password, password }));
        if (!valid) throw new DomainError("INVALID_CREDENTIALS", "The password is not correct.");
        return;
      }
      const createdAt = await repository.sessionCreatedAt(db, principal.sessionId);
      if (!createdAt || deps.clock.now().getTime() - createdAt.getTime() > FRESH_SIGN_IN_MS) {
        throw new DomainError("REAUTHENTICATION_REQUIRED", "Sign in again, then ask once more.");
      }
    },

    /** Resolves the caller from the session cookie; enforces suspension and the admin idle timeout. */
    async resolvePrincipal(headers: Headers): Promise<Principal | null> {
      const cookie = headers.get("cookie");
      if (!cookie) return null;
      const quick = await fastSession(cookie);
      const found = quick === undefined ? await auth.api.getSession({ headers }).catch(() => null) : quick;
      if (!found) return null;
      const user = found.user as typeof found.user & {
        role: UserRole;
        status: string;
        twoFactorEnabled?: boolean | null;
        dateOfBirth?: string | null;
        termsAcceptedAt?: Date | string | null;
      };
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
        displayName: user.name,
        twoFactorEnabled: user.twoFactorEnabled === true,
        profileComplete: Boolean(user.dateOfBirth) && Boolean(user.termsAcceptedAt),
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
      /** Two-factor sign-in already on, with this base32 TOTP secret (demo admin, tests). */
      twoFactor?: { secret: string; backupCodes: string[] };
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
      if (input.twoFactor) {
        // The plugin's own storage: "base32:" marks a secret given in base32, both encrypted.
        const key = context.secretConfig;
        await context.adapter.create({
          model: "twoFactor",
          data: {
            userId: user.id,
            secret: await symmetricEncrypt({ key, data: `base32:${input.twoFactor.secret}` }),
            backupCodes: await symmetricEncrypt({ key, data: JSON.stringify(input.twoFactor.backupCodes) }),
            verified: true,
          },
        });
        await context.internalAdapter.updateUser(user.id, { twoFactorEnabled: true });
      }
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
          // A new Auth0 member gives a date of birth and accepts the terms first.
          newUserCallbackURL: "/complete-profile",
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
