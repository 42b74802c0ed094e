import Type from "typebox";
import type { Config } from "../../config.js";
import type { App } from "../../platform/http/server.js";
import { requestContext, sendWebResponse, toWebGetRequest } from "../../platform/http/web-request.js";
import { UserEnvelopeSchema } from "../users/users.schemas.js";
import { AUTH_BASE_PATH } from "./auth.better-auth.js";
import {
  ChangePasswordBodySchema,
  EmailBodySchema,
  OkSchema,
  ResetPasswordBodySchema,
  SignInBodySchema,
  SignUpBodySchema,
  TokenBodySchema,
} from "./auth.schemas.js";
import type { AuthService } from "./auth.service.js";

const tags = ["auth"];

export function registerAuthRoutes(app: App, deps: { auth: AuthService; config: Config }) {
  const { auth, config } = deps;
  const signInLimit = {
    max: config.SIGN_IN_RATE_LIMIT_MAX,
    timeWindow: config.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS * 1000,
  };

  app.post(
    "/api/v1/auth/sign-up",
    {
      config: { access: "public", allowSuspended: true, rateLimit: { max: 20, timeWindow: 60 * 60 * 1000 } },
      schema: {
        tags,
        summary: "Create a client account",
        body: SignUpBodySchema,
        response: { 201: UserEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const user = await auth.signUp(request.body, requestContext(request));
      return reply.status(201).send({ user });
    },
  );

  app.post(
    "/api/v1/auth/sign-in",
    {
      config: { access: "public", allowSuspended: true, rateLimit: signInLimit },
      schema: {
        tags,
        summary: "Sign in with email and password (sets the session cookie)",
        body: SignInBodySchema,
        response: { 200: UserEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const { user, setCookie } = await auth.signIn(request.body, requestContext(request));
      return reply.header("set-cookie", setCookie).send({ user });
    },
  );

  app.post(
    "/api/v1/auth/sign-out",
    {
      config: { access: "public", allowSuspended: true },
      schema: { tags, summary: "Sign out", response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const { setCookie } = await auth.signOut(requestContext(request));
      return reply.header("set-cookie", setCookie).status(204).send(null);
    },
  );

  app.post(
    "/api/v1/auth/verify-email",
    {
      config: { access: "public", allowSuspended: true },
      schema: {
        tags,
        summary: "Confirm an email address",
        body: TokenBodySchema,
        response: { 200: UserEnvelopeSchema },
      },
    },
    async (request) => ({ user: await auth.verifyEmail(request.body.token) }),
  );

  app.post(
    "/api/v1/auth/resend-verification",
    {
      config: { access: "public", allowSuspended: true, rateLimit: signInLimit },
      schema: {
        tags,
        summary: "Send the verification email again",
        body: EmailBodySchema,
        response: { 202: OkSchema },
      },
    },
    async (request, reply) => {
      await auth.resendVerification(request.body.email, requestContext(request));
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    "/api/v1/auth/request-password-reset",
    {
      config: { access: "public", allowSuspended: true, rateLimit: signInLimit },
      schema: {
        tags,
        summary: "Email a password-reset link (answers the same whether or not the account exists)",
        body: EmailBodySchema,
        response: { 202: OkSchema },
      },
    },
    async (request, reply) => {
      await auth.requestPasswordReset(request.body.email, requestContext(request));
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    "/api/v1/auth/reset-password",
    {
      config: { access: "public", allowSuspended: true, rateLimit: signInLimit },
      schema: {
        tags,
        summary: "Set a new password with a reset token",
        body: ResetPasswordBodySchema,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      await auth.resetPassword(request.body.token, request.body.newPassword);
      return { ok: true as const };
    },
  );

  app.post(
    "/api/v1/me/password",
    {
      config: { access: "authenticated", allowSuspended: true, rateLimit: signInLimit },
      schema: {
        tags,
        summary: "Change your password (signs out your other sessions)",
        body: ChangePasswordBodySchema,
        response: { 200: OkSchema },
      },
    },
    async (request, reply) => {
      const { setCookie } = await auth.changePassword(request.body, requestContext(request));
      return reply.header("set-cookie", setCookie).send({ ok: true as const });
    },
  );

  app.get(
    "/api/v1/auth/auth0/start",
    {
      config: { access: "public", rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: { tags, summary: "Begin “Continue with Auth0” (redirects to Auth0)", hide: false },
    },
    async (request, reply) => {
      const { url, setCookie } = await auth.startAuth0(requestContext(request));
      return reply.header("set-cookie", setCookie).redirect(url, 302);
    },
  );
  app.get(
    `${AUTH_BASE_PATH}/callback/:providerId`,
    { config: { access: "public" }, schema: { hide: true } },
    async (request, reply) =>
      sendWebResponse(reply, await auth.completeOAuth(toWebGetRequest(request, config.publicUrl.origin))),
  );
}
