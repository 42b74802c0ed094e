import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { type GenericOAuthUserInfo, genericOAuth } from "better-auth/plugins/generic-oauth";
import { twoFactor } from "better-auth/plugins/two-factor";
import { createRemoteJWKSet, decodeJwt, type JWTPayload, jwtVerify } from "jose";
import type { Config } from "../../config.js";
import type { Database } from "../../platform/db/database.js";
import type { EmailService } from "../email/email.service.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./auth.schemas.js";
import { betterAuthSchema } from "./auth.tables.js";

export const AUTH_BASE_PATH = "/api/auth";
export const AUTH0_PROVIDER_ID = "auth0";

export interface AuthDeps {
  db: Database;
  config: Config;
  secret: string;
  email: Pick<EmailService, "send">;
  /** True when the account may not sign in (banned): no sign-in session is created for it. */
  signInRefused: (userId: string) => Promise<boolean>;
}

/** Cookies are Secure on https and on localhost (browsers treat it as a secure context). */
export function cookiesAreSecure(publicUrl: URL): boolean {
  return publicUrl.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(publicUrl.hostname);
}

/**
 * better-auth: password hashing (scrypt), sessions, email verification and reset tokens,
 * and the Auth0 OpenID Connect flow. SoulSeer's own routes call it server-side; only the
 * OAuth callback is reachable from outside (see auth.routes.ts).
 */
export function createBetterAuth(deps: AuthDeps) {
  const { config } = deps;
  const origin = config.publicUrl.origin;
  const secure = cookiesAreSecure(config.publicUrl);
  return betterAuth({
    appName: "SoulSeer",
    baseURL: origin,
    basePath: AUTH_BASE_PATH,
    secret: deps.secret,
    trustedOrigins: [origin],
    telemetry: { enabled: false },
    database: drizzleAdapter(deps.db, {
      provider: "pg",
      schema: betterAuthSchema,
    }),
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      autoSignIn: false,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, token }) => {
        const link = `${origin}/reset-password?token=${encodeURIComponent(token)}`;
        await deps.email.send({
          to: user.email,
          kind: "reset-password",
          subject: "Reset your SoulSeer password",
          text: `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset the password of your SoulSeer account.\nChoose a new password here (the link works for one hour):\n\n${link}\n\nIf you did not ask for this, ignore this email; your password stays as it is.\n\n— SoulSeer`,
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: false,
      expiresIn: 60 * 60 * 24,
      sendVerificationEmail: async ({ user, token }) => {
        const link = `${origin}/verify-email?token=${encodeURIComponent(token)}`;
        await deps.email.send({
          to: user.email,
          kind: "verify-email",
          subject: "Confirm your email for SoulSeer",
          text: `Welcome to SoulSeer, ${user.name}!\n\nConfirm your email address to finish creating your account (the link works for 24 hours):\n\n${link}\n\nIf you did not sign up, ignore this email.\n\n— SoulSeer`,
        });
      },
    },
    user: {
      additionalFields: {
        role: { type: "string", input: false, required: false, defaultValue: "client" },
        status: { type: "string", input: false, required: false, defaultValue: "active" },
        dateOfBirth: { type: "string", input: true, required: false },
        termsAcceptedAt: { type: "date", input: true, required: false },
        bio: { type: "string", input: false, required: false },
        timeZone: { type: "string", input: false, required: false },
      },
    },
    session: {
      expiresIn: config.SESSION_TTL_HOURS * 60 * 60,
      updateAge: 60 * 60,
    },
    account: {
      // An Auth0 sign-in whose email matches an existing account joins it only when Auth0 says the
      // address is verified (email_verified in the ID token) and the account's own email is
      // verified; otherwise it is refused (error=account_not_linked), never a second account.
      accountLinking: { enabled: true, trustedProviders: [], requireLocalEmailVerified: true },
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session, ctx) => {
            // Every way of signing in (password, Auth0) makes a session here: a banned account gets none.
            if (await deps.signInRefused(session.userId)) return false;
            // Auth0 sign-ins skip the two-factor step (better-auth applies it to passwords only), so
            // an admin signs in with the password and a code, never through Auth0.
            if (!ctx?.path?.includes("/callback")) return;
            const user = await ctx.context.internalAdapter.findUserById(session.userId);
            if ((user as { role?: string } | null)?.role === "admin") return false;
          },
        },
      },
    },
    // SoulSeer applies its own limits (per IP, on its routes); better-auth's are off.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: "soulseer",
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure, path: "/" },
    },
    // Always present (with no provider when Auth0 is not configured) so the API's type is stable.
    plugins: [
      auth0Plugin(config.auth0),
      // TOTP (an authenticator app) with ten one-time backup codes, both stored encrypted.
      twoFactor({ issuer: "SoulSeer", backupCodeOptions: { amount: 10, length: 10 } }),
    ],
  });
}

function auth0Plugin(auth0: Config["auth0"]) {
  if (!auth0) return genericOAuth({ config: [] });
  const discoveryUrl = `${auth0.issuerUrl}/.well-known/openid-configuration`;
  const accessTokenIsForUs = auth0.audience ? accessTokenCheck(discoveryUrl, auth0.audience) : null;
  return genericOAuth({
    config: [
      {
        providerId: AUTH0_PROVIDER_ID,
        discoveryUrl,
        // better-auth checks the ID token's signature (issuer JWKS), issuer, audience (our client id)
        // and nonce before getUserInfo runs, and refuses the sign-in when it fails.
        requireIdTokenVerification: true,
        clientId: auth0.clientId,
        clientSecret: auth0.clientSecret,
        scopes: ["openid", "profile", "email"],
        pkce: true,
        authorizationUrlParams: auth0.audience ? { audience: auth0.audience } : undefined,
        // Answering null makes the callback redirect to errorCallbackURL (error=unable_to_get_user_info).
        getUserInfo: async (tokens) => {
          const claims = tokens.idToken ? decodeJwt(tokens.idToken) : null;
          if (!claims?.sub) return null;
          if (accessTokenIsForUs && !(await accessTokenIsForUs(tokens.accessToken, claims.sub))) return null;
          return auth0Profile(claims);
        },
      },
    ],
  });
}

/** The user fields SoulSeer takes from Auth0's (verified) ID token claims. */
function auth0Profile(claims: JWTPayload): GenericOAuthUserInfo {
  const text = (value: unknown) =>
    typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  const email = text(claims.email);
  return {
    sub: claims.sub,
    id: claims.sub,
    email,
    emailVerified: claims.email_verified === true,
    name: text(claims.name) ?? text(claims.nickname) ?? email?.split("@")[0] ?? "",
    image: text(claims.picture),
  };
}

/**
 * With an API audience, Auth0 issues JWT access tokens whose `aud` names that API. The check
 * verifies the token against the issuer's JWKS (found through discovery) and requires our
 * issuer, our audience, and the signed-in subject; anything else (opaque token, other API,
 * bad signature, expired, unreachable JWKS) is refused.
 */
function accessTokenCheck(discoveryUrl: string, audience: string) {
  let keys: Promise<{ issuer: string; jwks: ReturnType<typeof createRemoteJWKSet> }> | undefined;
  const loadKeys = async () => {
    const response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`Auth0 discovery answered ${response.status}`);
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (typeof document.issuer !== "string" || typeof document.jwks_uri !== "string")
      throw new Error("Auth0 discovery has no issuer or jwks_uri");
    return { issuer: document.issuer, jwks: createRemoteJWKSet(new URL(document.jwks_uri, discoveryUrl)) };
  };
  return async (accessToken: string | undefined, subject: string): Promise<boolean> => {
    if (!accessToken) return false;
    try {
      keys ??= loadKeys().catch((error: unknown) => {
        keys = undefined; // try discovery again on the next sign-in
        throw error;
      });
      const { issuer, jwks } = await keys;
      const { payload } = await jwtVerify(accessToken, jwks, { issuer, audience });
      return payload.sub === subject;
    } catch {
      return false;
    }
  };
}

export type BetterAuth = ReturnType<typeof createBetterAuth>;
