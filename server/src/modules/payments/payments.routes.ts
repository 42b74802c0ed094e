import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  AutoReloadBodySchema,
  AutoReloadSchema,
  CardRefundBodySchema,
  CardRefundsSchema,
  CreateTopUpBodySchema,
  SandboxAuthenticateBodySchema,
  SandboxCompleteBodySchema,
  SandboxParamsSchema,
  SandboxSaveCardBodySchema,
  TopUpParamsSchema,
  TopUpSchema,
  UrlSchema,
} from "./payments.schemas.js";
import type { PaymentsService } from "./payments.service.js";

const tags = ["wallet"];

/** Top-ups through the provider's checkout, the sandbox checkout, and the provider's webhook. */
export async function registerPaymentRoutes(app: App, payments: PaymentsService) {
  app.post(
    "/api/v1/wallet/top-ups",
    {
      config: { access: "authenticated", spends: true },
      schema: {
        tags,
        summary: "Start a top-up: returns the hosted checkout address",
        body: CreateTopUpBodySchema,
        response: { 201: Type.Object({ topUp: TopUpSchema }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ topUp: await payments.createTopUp(requirePrincipal(request), request.body) }),
  );
  app.post(
    "/api/v1/wallet/refund-to-card",
    {
      // Taking one's own money out stays possible while suspended.
      config: { access: "authenticated", allowSuspended: true },
      schema: {
        tags,
        summary: "Send your wallet balance back to the card(s) it came from, newest top-up first",
        body: CardRefundBodySchema,
        response: { 200: CardRefundsSchema },
      },
    },
    async (request) => payments.refundBalanceToCard(requirePrincipal(request), request.body.idempotencyKey),
  );
  app.get(
    "/api/v1/wallet/top-ups/:topUpId",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "One of your top-ups (poll after checkout)",
        params: TopUpParamsSchema,
        response: { 200: Type.Object({ topUp: TopUpSchema }) },
      },
    },
    async (request) => ({
      topUp: await payments.getTopUp(requirePrincipal(request), request.params.topUpId),
    }),
  );
  app.get(
    "/api/v1/wallet/auto-reload",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Your saved card, auto-reload settings and latest auto-reload",
        response: { 200: AutoReloadSchema },
      },
    },
    async (request) => payments.autoReload.settingsOf(requirePrincipal(request)),
  );
  app.put(
    "/api/v1/wallet/auto-reload",
    {
      config: { access: "authenticated", spends: true },
      schema: {
        tags,
        summary:
          "Turn auto-reload on or off: the amount each reload adds, and an optional floor outside readings (needs a saved card)",
        body: AutoReloadBodySchema,
        response: { 200: AutoReloadSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await payments.autoReload.update(principal, request.body);
      return payments.autoReload.settingsOf(principal);
    },
  );
  app.post(
    "/api/v1/wallet/saved-card",
    {
      config: { access: "authenticated", spends: true },
      schema: {
        tags,
        summary: "Save a card for auto-reload: returns the provider's page (replaces a card saved before)",
        response: { 200: UrlSchema },
      },
    },
    async (request) => payments.autoReload.startCardSetup(requirePrincipal(request)),
  );
  app.delete(
    "/api/v1/wallet/saved-card",
    {
      // Removing one's card stays possible while suspended.
      config: { access: "authenticated", allowSuspended: true },
      schema: {
        tags,
        summary: "Forget your saved card (at the provider too) and turn auto-reload off",
        response: { 200: AutoReloadSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await payments.autoReload.removeCard(principal);
      return payments.autoReload.settingsOf(principal);
    },
  );
  app.post(
    "/api/v1/wallet/auto-reloads/:topUpId/authenticate",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary:
          "Where to confirm an auto-reload your bank held for 3-D Secure (null: nothing left to confirm)",
        params: TopUpParamsSchema,
        response: { 200: UrlSchema },
      },
    },
    async (request) => payments.autoReload.authenticate(requirePrincipal(request), request.params.topUpId),
  );
  app.get(
    "/api/v1/sandbox/save-card/:checkoutId",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["sandbox"],
        summary: "A sandbox card-saving page (no real card)",
        params: SandboxParamsSchema,
        response: { 200: Type.Object({ status: Type.Union([Type.Literal("open"), Type.Literal("saved")]) }) },
      },
    },
    async (request) => payments.getSandboxCardSetup(requirePrincipal(request), request.params.checkoutId),
  );
  app.post(
    "/api/v1/sandbox/save-card/:checkoutId/complete",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["sandbox"],
        summary: "Save a pretend card; the outcome goes through the signed-webhook path",
        params: SandboxParamsSchema,
        body: SandboxSaveCardBodySchema,
        response: { 200: AutoReloadSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await payments.completeSandboxCardSetup(principal, request.params.checkoutId, request.body.card);
      return payments.autoReload.settingsOf(principal);
    },
  );
  app.get(
    "/api/v1/sandbox/authenticate/:topUpId",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["sandbox"],
        summary: "A sandbox 3-D Secure page for an auto-reload the pretend bank held",
        params: TopUpParamsSchema,
        response: { 200: Type.Object({ topUp: TopUpSchema }) },
      },
    },
    async (request) => ({
      topUp: await payments.getSandboxAuthentication(requirePrincipal(request), request.params.topUpId),
    }),
  );
  app.post(
    "/api/v1/sandbox/authenticate/:topUpId/complete",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["sandbox"],
        summary: "Approve or fail the pretend bank's check; the outcome goes through the signed-webhook path",
        params: TopUpParamsSchema,
        body: SandboxAuthenticateBodySchema,
        response: { 200: Type.Object({ topUp: TopUpSchema }) },
      },
    },
    async (request) => ({
      topUp: await payments.completeSandboxAuthentication(
        requirePrincipal(request),
        request.params.topUpId,
        request.body.outcome,
      ),
    }),
  );
  app.get(
    "/api/v1/sandbox/checkout/:checkoutId",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["sandbox"],
        summary: "A sandbox checkout (no real card is charged)",
        params: SandboxParamsSchema,
        response: { 200: Type.Object({ topUp: TopUpSchema }) },
      },
    },
    async (request) => ({
      topUp: await payments.getSandboxCheckout(requirePrincipal(request), request.params.checkoutId),
    }),
  );
  app.post(
    "/api/v1/sandbox/checkout/:checkoutId/complete",
    {
      config: { access: "authenticated" },
      schema: {
        tags: ["sandbox"],
        summary: "Pay or decline a sandbox checkout; the outcome goes through the signed-webhook path",
        params: SandboxParamsSchema,
        body: SandboxCompleteBodySchema,
        response: { 200: Type.Object({ topUp: TopUpSchema }) },
      },
    },
    async (request) =>
      payments.completeSandboxCheckout(
        requirePrincipal(request),
        request.params.checkoutId,
        request.body.outcome,
      ),
  );
  // The provider's webhook: the signature is checked over the raw body, so JSON is not parsed here.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/json",
      { parseAs: "buffer", bodyLimit: 256 * 1024 },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      "/api/v1/payments/webhook",
      {
        // Stripe's call, not a person's: it credits top-ups whatever the account's standing.
        config: { access: "public", allowSuspended: true },
        schema: {
          tags: ["payments"],
          summary: "Payment provider events (Stripe-signed; the sandbox signs with a local secret)",
          headers: Type.Object({ "stripe-signature": Type.Optional(Type.String({ maxLength: 2000 })) }),
          response: { 200: Type.Object({ eventId: Type.String(), outcome: Type.String() }) },
        },
      },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from(String(request.body ?? ""));
        const signature = request.headers["stripe-signature"];
        return payments.handleWebhook(raw, typeof signature === "string" ? signature : undefined);
      },
    );
  });
}
