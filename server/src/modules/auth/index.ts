import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import type { EmailService } from "../email/email.service.js";
import type { LimitsService } from "../limits/limits.service.js";
import type { UsersService } from "../users/users.service.js";
import { createBetterAuth } from "./auth.better-auth.js";
import { authPersonalData } from "./auth.personal-data.js";
import { registerAuthRoutes } from "./auth.routes.js";
import { type AuthService, createAuthService } from "./auth.service.js";

/** Events the database's triggers send when a sign-in ends or an account stops being active. */
const SIGN_IN_ENDED = "auth.session-ended";
const USER_DEACTIVATED = "auth.user-deactivated";

/**
 * Sign-in: accounts with email and password or Auth0, sign-in sessions, and the caller of every
 * request. A sign-in that ends (signed out, revoked, timed out, or the account suspended or banned) closes
 * the live sockets opened with it, on every node.
 */
export function createAuthModule(
  deps: Pick<Platform, "db" | "clock" | "bus" | "hub"> & {
    config: Config;
    secret: string;
    users: UsersService;
    email: Pick<EmailService, "send" | "grantMailbox">;
    limits: Pick<LimitsService, "consume">;
  },
): AppModule<AuthService> {
  const auth = createBetterAuth({
    db: deps.db,
    config: deps.config,
    secret: deps.secret,
    email: deps.email,
    signInRefused: async (userId) => (await deps.users.statusOf(userId)) === "banned",
  });
  const service = createAuthService({
    db: deps.db,
    auth,
    users: deps.users,
    clock: deps.clock,
    config: deps.config,
    adminIdleTimeoutMs: deps.config.ADMIN_IDLE_TIMEOUT_MINUTES * 60_000,
    limits: deps.limits,
  });
  const stopListening = deps.bus.subscribe((event) => {
    if (event.type !== SIGN_IN_ENDED && event.type !== USER_DEACTIVATED) return;
    const { userId, sessionId } = event.data;
    deps.hub.disconnect(
      (principal) =>
        principal.userId === userId && (event.type === USER_DEACTIVATED || principal.sessionId === sessionId),
    );
  });
  return {
    name: "auth",
    personalData: authPersonalData,
    service,
    routes: (app) => registerAuthRoutes(app, { auth: service, config: deps.config, email: deps.email }),
    close: async () => {
      stopListening();
    },
  };
}
