import type { FastifyRequest } from "fastify";
import Type from "typebox";
import type { Config } from "../../config.js";
import { requirePrincipal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { App } from "../../platform/http/server.js";
import { sendWebResponse, toWebGetRequest, toWebHeaders } from "../../platform/http/web-request.js";
import {
  AdminUserSchema,
  ChangePasswordBodySchema,
  ChangeRoleBodySchema,
  EmailBodySchema,
  ListUsersQuerySchema,
  OkSchema,
  ResetPasswordBodySchema,
  SignInBodySchema,
  SignUpBodySchema,
  TokenBodySchema,
  UpdateProfileBodySchema,
  UserEnvelopeSchema,
  UserIdParamsSchema,
  UserPageSchema,
} from "./accounts.schemas.js";
import type { AccountsService } from "./accounts.service.js";
import type { Auth } from "./auth.js";
import { AUTH_BASE_PATH, AUTH0_PROVIDER_ID } from "./auth.js";

const context = (request: FastifyRequest) => ({ headers: toWebHeaders(request), requestId: request.id });
const tags = ["accounts"];

export function registerAccountsRoutes(
  app: App,
  deps: { accounts: AccountsService; auth: Auth; config: Config },
) {
  const { accounts, config } = deps;
  const signInLimit = {
    max: config.SIGN_IN_RATE_LIMIT_MAX,
    timeWindow: config.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS * 1000,
  };

  app.post(
    "/api/v1/auth/sign-up",
    {
      config: { access: "public", rateLimit: { max: 20, timeWindow: 60 * 60 * 1000 } },
      schema: {
        tags,
        summary: "Create a client account",
        body: SignUpBodySchema,
        response: { 201: UserEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const user = await accounts.signUp(request.body, context(request));
      return reply.status(201).send({ user });
    },
  );

  app.post(
    "/api/v1/auth/sign-in",
    {
      config: { access: "public", rateLimit: signInLimit },
      schema: {
        tags,
        summary: "Sign in with email and password (sets the session cookie)",
        body: SignInBodySchema,
        response: { 200: UserEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const { user, setCookie } = await accounts.signIn(request.body, context(request));
      return reply.header("set-cookie", setCookie).send({ user });
    },
  );

  app.post(
    "/api/v1/auth/sign-out",
    { config: { access: "public" }, schema: { tags, summary: "Sign out", response: { 204: Type.Null() } } },
    async (request, reply) => {
      const { setCookie } = await accounts.signOut(context(request));
      return reply.header("set-cookie", setCookie).status(204).send(null);
    },
  );

  app.post(
    "/api/v1/auth/verify-email",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Confirm an email address",
        body: TokenBodySchema,
        response: { 200: UserEnvelopeSchema },
      },
    },
    async (request) => ({ user: await accounts.verifyEmail(request.body.token) }),
  );

  app.post(
    "/api/v1/auth/resend-verification",
    {
      config: { access: "public", rateLimit: signInLimit },
      schema: {
        tags,
        summary: "Send the verification email again",
        body: EmailBodySchema,
        response: { 202: OkSchema },
      },
    },
    async (request, reply) => {
      await accounts.resendVerification(request.body.email, context(request));
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    "/api/v1/auth/request-password-reset",
    {
      config: { access: "public", rateLimit: signInLimit },
      schema: {
        tags,
        summary: "Email a password-reset link (answers the same whether or not the account exists)",
        body: EmailBodySchema,
        response: { 202: OkSchema },
      },
    },
    async (request, reply) => {
      await accounts.requestPasswordReset(request.body.email, context(request));
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    "/api/v1/auth/reset-password",
    {
      config: { access: "public", rateLimit: signInLimit },
      schema: {
        tags,
        summary: "Set a new password with a reset token",
        body: ResetPasswordBodySchema,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      await accounts.resetPassword(request.body.token, request.body.newPassword);
      return { ok: true as const };
    },
  );

  app.get(
    "/api/v1/me",
    {
      config: { access: "authenticated" },
      schema: { tags, summary: "The signed-in user", response: { 200: UserEnvelopeSchema } },
    },
    async (request) => ({ user: await accounts.getMe(requirePrincipal(request)) }),
  );

  app.patch(
    "/api/v1/me",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Edit your profile",
        body: UpdateProfileBodySchema,
        response: { 200: UserEnvelopeSchema },
      },
    },
    async (request) => ({ user: await accounts.updateProfile(requirePrincipal(request), request.body) }),
  );

  app.post(
    "/api/v1/me/password",
    {
      config: { access: "authenticated", rateLimit: signInLimit },
      schema: {
        tags,
        summary: "Change your password (signs out your other sessions)",
        body: ChangePasswordBodySchema,
        response: { 200: OkSchema },
      },
    },
    async (request, reply) => {
      const { setCookie } = await accounts.changePassword(request.body, context(request));
      return reply.header("set-cookie", setCookie).send({ ok: true as const });
    },
  );

  app.get(
    "/api/v1/admin/users",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary: "List and search users",
        querystring: ListUsersQuerySchema,
        response: { 200: UserPageSchema },
      },
    },
    async (request) => accounts.listUsers(request.query),
  );

  app.patch(
    "/api/v1/admin/users/:userId/role",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary: "Change a user's role (audit-logged, reason required)",
        params: UserIdParamsSchema,
        body: ChangeRoleBodySchema,
        response: { 200: Type.Object({ user: AdminUserSchema }) },
      },
    },
    async (request) => ({
      user: await accounts.changeRole(
        requirePrincipal(request),
        request.params.userId,
        request.body,
        context(request),
      ),
    }),
  );

  registerAuth0Routes(app, deps);
}

function registerAuth0Routes(app: App, deps: { auth: Auth; config: Config }) {
  const origin = deps.config.publicUrl.origin;
  app.get(
    "/api/v1/auth/auth0/start",
    {
      config: { access: "public", rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ["accounts"],
        summary: "Begin “Continue with Auth0” (redirects to Auth0)",
        hide: false,
      },
    },
    async (request, reply) => {
      if (!deps.config.auth0)
        throw new DomainError("FEATURE_DISABLED", "Sign-in with Auth0 is not configured.");
      const result = await deps.auth.api.signInSocial({
        body: {
          provider: AUTH0_PROVIDER_ID,
          callbackURL: "/account",
          errorCallbackURL: "/sign-in?error=auth0",
        },
        headers: toWebHeaders(request),
        returnHeaders: true,
      });
      if (!result.response.url)
        throw new DomainError("OAUTH_FAILED", "Auth0 did not return a sign-in address.");
      return reply.header("set-cookie", result.headers.getSetCookie()).redirect(result.response.url, 302);
    },
  );
  app.get(
    `${AUTH_BASE_PATH}/callback/:providerId`,
    { config: { access: "public" }, schema: { hide: true } },
    async (request, reply) => {
      if (!deps.config.auth0)
        throw new DomainError("FEATURE_DISABLED", "Sign-in with Auth0 is not configured.");
      return sendWebResponse(reply, await deps.auth.handler(toWebGetRequest(request, origin)));
    },
  );
}
