import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { PaymentsService } from "../payments/payments.service.js";
import { TOP_UP_MAX_CENTS, TOP_UP_MIN_CENTS } from "../payments/payments.service.js";
import {
  AdjustmentBodySchema,
  AdminWalletSchema,
  CreateTopUpBodySchema,
  PostedSchema,
  RefundBodySchema,
  SandboxCompleteBodySchema,
  SandboxParamsSchema,
  SpendingLimitBodySchema,
  SpendingLimitParamsSchema,
  SpendingLimitsSchema,
  TopUpParamsSchema,
  TopUpSchema,
  UserIdParamsSchema,
  VerifyReportSchema,
  WalletHistoryQuerySchema,
  WalletHistorySchema,
  WalletSchema,
} from "./wallets.schemas.js";
import type { WalletsService } from "./wallets.service.js";

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
}

export function registerWalletAdminRoutes(app: App, wallets: WalletsService) {
  const adminTags = ["admin"];
  app.get(
    "/api/v1/wallet/limits",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Your daily, weekly and monthly spending limits",
        response: { 200: SpendingLimitsSchema },
      },
    },
    async (request) => ({ limits: await wallets.spendingLimits(requirePrincipal(request)) }),
  );
  app.put(
    "/api/v1/wallet/limits/:period",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Set a spending limit: lowering applies at once, raising or removing after 24 hours",
        params: SpendingLimitParamsSchema,
        body: SpendingLimitBodySchema,
        response: { 200: SpendingLimitsSchema },
      },
    },
    async (request) => ({
      limits: await wallets.setSpendingLimit(
        requirePrincipal(request),
        request.params.period,
        request.body.limitCents,
      ),
    }),
  );
  app.get(
    "/api/v1/admin/wallets/:userId",
    {
      config: { access: ["admin"] },
      schema: {
        tags: adminTags,
        summary: "Look up a user's wallet, earnings and ledger history",
        params: UserIdParamsSchema,
        querystring: WalletHistoryQuerySchema,
        response: { 200: AdminWalletSchema },
      },
    },
    async (request) => wallets.lookup(request.params.userId, request.query),
  );
  app.post(
    "/api/v1/admin/wallets/:userId/adjustments",
    {
      config: { access: ["admin"] },
      schema: {
        tags: adminTags,
        summary: "Credit or debit a wallet (reason required, audit-logged, idempotent)",
        params: UserIdParamsSchema,
        body: AdjustmentBodySchema,
        response: { 200: PostedSchema },
      },
    },
    async (request) => {
      const posted = await wallets.adjust(
        requirePrincipal(request),
        request.params.userId,
        request.body,
        request.id,
      );
      return { transferId: posted.transferId, created: posted.created };
    },
  );
  app.post(
    "/api/v1/admin/refunds",
    {
      config: { access: ["admin"] },
      schema: {
        tags: adminTags,
        summary:
          "Refund all or part of a client's charge to their wallet (reason required, audit-logged, idempotent)",
        body: RefundBodySchema,
        response: { 200: PostedSchema },
      },
    },
    async (request) => {
      const refunded = await wallets.refund(requirePrincipal(request), request.body, request.id);
      return { transferId: refunded.transferId, created: refunded.created };
    },
  );
  app.get(
    "/api/v1/admin/ledger/verify",
    {
      config: { access: ["admin"] },
      schema: {
        tags: adminTags,
        summary: "Run ledger:verify now and see the result",
        response: { 200: VerifyReportSchema },
      },
    },
    async () => wallets.verify(),
  );
}
