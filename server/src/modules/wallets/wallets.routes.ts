import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  AdjustmentBodySchema,
  AdminWalletSchema,
  PostedSchema,
  RefundBodySchema,
  SpendingLimitBodySchema,
  SpendingLimitParamsSchema,
  SpendingLimitsSchema,
  UserIdParamsSchema,
  VerifyReportSchema,
  WalletHistoryQuerySchema,
  WalletHistorySchema,
  WalletSchema,
} from "./wallets.schemas.js";
import type { WalletsService } from "./wallets.service.js";

const tags = ["wallet"];

export function registerWalletRoutes(app: App, wallets: WalletsService) {
  app.get(
    "/api/v1/wallet",
    {
      config: { access: "authenticated" },
      schema: { tags, summary: "Your wallet balance and top-up options", response: { 200: WalletSchema } },
    },
    async (request) => wallets.summary(requirePrincipal(request)),
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
    async (request) => wallets.history(requirePrincipal(request), request.query),
  );
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
      // A spending limit only protects: a suspended person may still set it.
      config: { access: "authenticated", allowSuspended: true },
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
