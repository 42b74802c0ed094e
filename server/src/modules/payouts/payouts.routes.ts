import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import { PageQueryFields } from "../../platform/http/pagination.js";
import type { App } from "../../platform/http/server.js";
import {
  AdminPayoutsQuerySchema,
  AdminPayoutsSchema,
  HoldStateSchema,
  MyPayoutsSchema,
  OnboardingLinkSchema,
  PayNowBodySchema,
  PayoutHistorySchema,
  PayoutParamsSchema,
  PayoutResponseSchema,
  ReaderParamsSchema,
  ReasonBodySchema,
  SandboxAccountParamsSchema,
  SandboxAccountSchema,
  StatementParamsSchema,
  StatementSchema,
  ThresholdBodySchema,
} from "./payouts.schemas.js";
import type { PayoutsService } from "./payouts.service.js";

const tags = ["payouts"];
const adminTags = ["admin"];

function registerReaderRoutes(app: App, payouts: PayoutsService) {
  app.get(
    "/api/v1/readers/me/payouts",
    {
      // Withdrawing one's money stays possible while suspended.
      config: { access: ["reader"], allowSuspended: true },
      schema: {
        tags,
        summary: "Your payouts: balances by stage, next payout, history and earnings chart",
        response: { 200: MyPayoutsSchema },
      },
    },
    async (request) => payouts.mine(requirePrincipal(request)),
  );
  app.get(
    "/api/v1/readers/me/payouts/history",
    {
      config: { access: ["reader"], allowSuspended: true },
      schema: {
        tags,
        summary: "Your payouts, newest first",
        querystring: Type.Object(PageQueryFields),
        response: { 200: PayoutHistorySchema },
      },
    },
    async (request) => payouts.history(requirePrincipal(request), request.query),
  );
  app.post(
    "/api/v1/readers/me/payouts/account",
    {
      config: { access: ["reader"], allowSuspended: true },
      schema: {
        tags,
        summary: "Connect (or update) your payout account: answers the onboarding address",
        response: { 200: OnboardingLinkSchema },
      },
    },
    async (request) => payouts.startOnboarding(requirePrincipal(request)),
  );
  app.put(
    "/api/v1/readers/me/payouts/threshold",
    {
      config: { access: ["reader"], allowSuspended: true },
      schema: {
        tags,
        summary: "Set your own minimum for a daily payout",
        body: ThresholdBodySchema,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await payouts.setThreshold(requirePrincipal(request), request.body.thresholdCents);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/v1/sandbox/connect/:accountId",
    {
      config: { access: ["reader"], allowSuspended: true },
      schema: {
        tags: ["sandbox"],
        summary: "A sandbox payout account's onboarding",
        params: SandboxAccountParamsSchema,
        response: { 200: SandboxAccountSchema },
      },
    },
    async (request) => payouts.getSandboxAccount(requirePrincipal(request), request.params.accountId),
  );
  app.post(
    "/api/v1/sandbox/connect/:accountId/complete",
    {
      config: { access: ["reader"], allowSuspended: true },
      schema: {
        tags: ["sandbox"],
        summary: "Finish sandbox onboarding: a signed account.updated event through the webhook path",
        params: SandboxAccountParamsSchema,
        response: { 200: SandboxAccountSchema },
      },
    },
    async (request) => payouts.completeSandboxOnboarding(requirePrincipal(request), request.params.accountId),
  );
}

function registerAdminRoutes(app: App, payouts: PayoutsService) {
  app.get(
    "/api/v1/admin/payouts",
    {
      config: { access: ["admin"] },
      schema: {
        tags: adminTags,
        summary: "Payouts with filters, totals by status and held readers",
        querystring: AdminPayoutsQuerySchema,
        response: { 200: AdminPayoutsSchema },
      },
    },
    async (request) => payouts.admin.list(request.query),
  );
  for (const [action, hold] of [
    ["hold", true],
    ["release", false],
  ] as const) {
    app.post(
      `/api/v1/admin/payouts/readers/:readerUserId/${action}`,
      {
        config: { access: ["admin"] },
        schema: {
          tags: adminTags,
          summary: hold
            ? "Hold every payout to a reader (reason required, audit-logged)"
            : "Release a reader's held payouts (reason required, audit-logged)",
          params: ReaderParamsSchema,
          body: ReasonBodySchema,
          response: { 200: HoldStateSchema },
        },
      },
      async (request) =>
        payouts.admin.setHold(
          requirePrincipal(request),
          request.params.readerUserId,
          hold,
          request.body.reason,
          request.id,
        ),
    );
  }
  app.post(
    "/api/v1/admin/payouts/readers/:readerUserId/pay-now",
    {
      config: { access: ["admin"] },
      schema: {
        tags: adminTags,
        summary: "Pay a reader's available earnings now (once per idempotency key; audit-logged)",
        params: ReaderParamsSchema,
        body: PayNowBodySchema,
        response: { 200: PayoutResponseSchema },
      },
    },
    async (request) => ({
      payout: await payouts.admin.payNow(
        requirePrincipal(request),
        request.params.readerUserId,
        request.body,
      ),
    }),
  );
  app.post(
    "/api/v1/admin/payouts/:payoutId/retry",
    {
      config: { access: ["admin"] },
      schema: {
        tags: adminTags,
        summary: "Pay a failed payout again (once; audit-logged)",
        params: PayoutParamsSchema,
        body: ReasonBodySchema,
        response: { 200: PayoutResponseSchema },
      },
    },
    async (request) => ({
      payout: await payouts.admin.retry(
        requirePrincipal(request),
        request.params.payoutId,
        request.body.reason,
      ),
    }),
  );
}

/** The reader's payouts page and onboarding, the sandbox onboarding page, the admin's payout tools. */
export function registerPayoutsRoutes(app: App, payouts: PayoutsService) {
  registerReaderRoutes(app, payouts);
  registerAdminRoutes(app, payouts);
  app.get(
    "/api/v1/readers/me/earnings/statements/:year",
    {
      config: { access: ["reader"] },
      schema: {
        tags: ["earnings"],
        summary:
          "Your yearly earnings statement: by month (UTC), earned by source, taken back by refunds and disputes, net, paid out",
        params: StatementParamsSchema,
        response: { 200: StatementSchema },
      },
    },
    async (request) => payouts.statement(requirePrincipal(request), request.params.year),
  );
  app.get(
    "/api/v1/readers/me/earnings/statements/:year/csv",
    {
      config: { access: ["reader"] },
      schema: {
        tags: ["earnings"],
        summary: "Your yearly earnings statement as a CSV file (amounts in dollars)",
        params: StatementParamsSchema,
        response: { 200: Type.String({ description: "text/csv" }) },
      },
    },
    async (request, reply) => {
      const { year } = request.params;
      const csv = await payouts.statementCsv(requirePrincipal(request), year);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="soulseer-earnings-${year}.csv"`)
        .header("cache-control", "no-store")
        .send(csv);
    },
  );
}
