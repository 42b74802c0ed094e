import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { PaymentsService } from "../payments/payments.service.js";
import { TOP_UP_MAX_CENTS, TOP_UP_MIN_CENTS } from "../payments/payments.service.js";
import {
  CreateTopUpBodySchema,
  SandboxCompleteBodySchema,
  SandboxParamsSchema,
  TopUpParamsSchema,
  TopUpSchema,
  WalletHistoryQuerySchema,
  WalletHistorySchema,
  WalletSchema,
} from "./wallets.schemas.js";

const tags = ["wallet"];

export function registerWalletRoutes(app: App, deps: { ledger: LedgerService; payments: PaymentsService }) {
  const { ledger, payments } = deps;
  app.get(
    "/api/v1/wallet",
    {
      config: { access: "authenticated" },
      schema: { tags, summary: "Your wallet balance and top-up options", response: { 200: WalletSchema } },
    },
    async (request) => ({
      balanceCents: await ledger.balance(requirePrincipal(request).userId),
      currency: "usd" as const,
      topUpPresetsCents: [...payments.presets],
      minTopUpCents: TOP_UP_MIN_CENTS,
      maxTopUpCents: TOP_UP_MAX_CENTS,
    }),
  );
  app.get(
    "/api/v1/wallet/transactions",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Your wallet history, newest first",
        querystring: WalletHistoryQuerySchema,
        response: { 200: WalletHistorySchema },
      },
    },
    async (request) =>
      ledger.history(requirePrincipal(request).userId, {
        cursor: request.query.cursor,
        limit: request.query.limit,
        code: request.query.kind,
      }),
  );
  app.post(
    "/api/v1/wallet/top-ups",
    {
      config: { access: "authenticated", rateLimit: { max: 20, timeWindow: 60_000 } },
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
    "/api/v1/sandbox/checkout/:sessionId",
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
      topUp: await payments.getSandboxCheckout(requirePrincipal(request), request.params.sessionId),
    }),
  );
  app.post(
    "/api/v1/sandbox/checkout/:sessionId/complete",
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
        request.params.sessionId,
        request.body.outcome,
      ),
  );
}
