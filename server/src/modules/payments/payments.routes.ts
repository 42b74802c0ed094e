import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  CardRefundBodySchema,
  CardRefundsSchema,
  CreateTopUpBodySchema,
  SandboxCompleteBodySchema,
  SandboxParamsSchema,
  TopUpParamsSchema,
  TopUpSchema,
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
