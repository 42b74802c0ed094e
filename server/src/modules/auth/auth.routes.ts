import Type from "typebox";
import type { Config } from "../../config.js";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import { requestContext, sendWebResponse, toWebGetRequest } from "../../platform/http/web-request.js";
import { MAILBOX_COOKIE } from "../email/email.mailbox.js";
import type { EmailService } from "../email/email.service.js";
import { UserEnvelopeSchema } from "../users/users.schemas.js";
import { AUTH_BASE_PATH } from "./auth.better-auth.js";
import {
  ChangePasswordBodySchema,
  CompleteProfileBodySchema,
  EmailBodySchema,
  OkSchema,
  PasswordBodySchema,
  ResetPasswordBodySchema,
  SignInBodySchema,
  SignUpBodySchema,
  TokenBodySchema,
  TwoFactorSetupSchema,
  TwoFactorStepSchema,
  VerifyBackupCodeBodySchema,
  VerifyTotpBodySchema,
} from "./auth.schemas.js";
import type { AuthService } from "./auth.service.js";

const tags = ["auth"];

export function registerAuthRoutes(
  app: App,
  deps: { auth: AuthService; config: Config; email: Pick<EmailService, "grantMailbox"> },
) {
  const { auth, config, email } = deps;

  app.post(
    "/api/v1/auth/sign-up",
    {
      config: { access: "public", allowSuspended: true },
      schema: {
        tags,
        summary: "Create a client account",
        body: SignUpBodySchema,
        response: { 201: UserEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const user = await auth.signUp(request.body, requestContext(request));
      // Sandbox without SMTP: this browser may read the new account's mail in the sandbox mailbox.
      const mailbox = email.grantMailbox(request.cookies[MAILBOX_COOKIE], user);
      if (mailbox) reply.header("set-cookie", mailbox);
      return reply.status(201).send({ user });
    },
  );

  app.post(
    "/api/v1/auth/sign-in",
    {
      config: { access: "public", allowSuspended: true },
      schema: {
        tags,
        summary: "Sign in with email and password (sets the session cookie)",
        description:
          "202 TWO_FACTOR_REQUIRED when the account has two-factor sign-in: no session yet; finish with " +
          "/api/v1/auth/two-factor/verify-totp or /verify-backup-code within 10 minutes.",
        body: SignInBodySchema,
        response: { 200: UserEnvelopeSchema, 202: TwoFactorStepSchema },
      },
    },
    async (request, reply) => {
      const result = await auth.signIn(request.body, requestContext(request));
      reply.header("set-cookie", result.setCookie);
      if (result.twoFactorRequired)
        return reply
          .status(202)
          .send({ step: "TWO_FACTOR_REQUIRED" as const, methods: ["totp" as const, "backup-code" as const] });
      return reply.send({ user: result.user });
    },
  );

  for (const [method, path, body, summary] of [
    [
      "totp",
      "verify-totp",
      VerifyTotpBodySchema,
      "Finish a two-factor sign-in with the authenticator app's code",
    ],
    [
      "backup-code",
      "verify-backup-code",
      VerifyBackupCodeBodySchema,
      "Finish a two-factor sign-in with a backup code (works once)",
    ],
  ] as const) {
    app.post(
      `/api/v1/auth/two-factor/${path}`,
      {
        config: { access: "public" },
        schema: { tags, summary, body, response: { 200: UserEnvelopeSchema } },
      },
      async (request, reply) => {
        const { user, setCookie } = await auth.verifyTwoFactor(
          method,
          request.body.code,
          requestContext(request),
        );
        return reply.header("set-cookie", setCookie).send({ user });
      },
    );
  }

  app.post(
    "/api/v1/me/two-factor/setup",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Begin turning on two-factor sign-in: the authenticator secret and backup codes",
        body: PasswordBodySchema,
        response: { 200: TwoFactorSetupSchema },
      },
    },
    async (request) => auth.beginTwoFactorSetup(request.body.password, requestContext(request)),
  );

  app.post(
    "/api/v1/me/two-factor/confirm",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Turn two-factor sign-in on with a first code from the authenticator app",
        body: VerifyTotpBodySchema,
        response: { 200: UserEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { user, setCookie } = await auth.confirmTwoFactor(
        principal,
        request.body.code,
        requestContext(request),
      );
      return reply.header("set-cookie", setCookie).send({ user });
    },
  );

  app.post(
    "/api/v1/me/two-factor/disable",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Turn two-factor sign-in off (admins must turn it on again to use admin pages)",
        body: PasswordBodySchema,
        response: { 200: UserEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { user, setCookie } = await auth.disableTwoFactor(
        principal,
        request.body.password,
        requestContext(request),
      );
      return reply.header("set-cookie", setCookie).send({ user });
    },
  );

  app.post(
    "/api/v1/me/complete-profile",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Give your date of birth (18+) and accept the terms (members who joined with Auth0)",
        body: CompleteProfileBodySchema,
        response: { 200: UserEnvelopeSchema },
      },
    },
    async (request) => ({ user: await auth.completeProfile(requirePrincipal(request), request.body) }),
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
      config: { access: "public", allowSuspended: true },
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
      config: { access: "public", allowSuspended: true },
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
      config: { access: "public", allowSuspended: true },
      schema: {
        tags,
        summary: "Set a new password with a reset token",
        body: ResetPasswordBodySchema,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      await auth.resetPassword(request.body.token, request.body.newPassword, requestContext(request));
      return { ok: true as const };
    },
  );

  app.post(
    "/api/v1/me/password",
    {
      config: { access: "authenticated", allowSuspended: true },
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
