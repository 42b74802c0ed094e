import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  AdminDisputeSchema,
  AdminDisputesQuerySchema,
  AdminDisputesSchema,
  DisputeParamsSchema,
  ResolveDisputeBodySchema,
  TopUpParamsSchema,
  UnfreezeBodySchema,
} from "./disputes.schemas.js";
import type { DisputesService } from "./disputes.service.js";

const tags = ["admin"];

export function registerDisputesRoutes(app: App, disputes: DisputesService) {
  app.get(
    "/api/v1/admin/disputes",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary:
          "Card disputes, newest first, with the client's wallet (balance, frozen) and totals by status",
        querystring: AdminDisputesQuerySchema,
        response: { 200: AdminDisputesSchema },
      },
    },
    async (request) => disputes.list(request.query),
  );
  app.post(
    "/api/v1/admin/disputes/:disputeId/resolve",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary:
          "Resolve an open dispute: won reverses the chargeback and unfreezes the wallet; lost writes off what was owed (readers' part back, the rest the platform's loss). Reason required, audit-logged",
        params: DisputeParamsSchema,
        body: ResolveDisputeBodySchema,
        response: { 200: AdminDisputeSchema },
      },
    },
    async (request) =>
      disputes.resolveByAdmin(requirePrincipal(request), request.params.disputeId, request.body, request.id),
  );
  app.post(
    "/api/v1/admin/sandbox/top-ups/:topUpId/dispute",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary:
          "Sandbox only (404 otherwise): the cardholder disputes this paid top-up at their bank, as a signed event through the webhook path",
        params: TopUpParamsSchema,
        response: { 200: Type.Object({ outcome: Type.String() }) },
      },
    },
    async (request) => disputes.openSandboxDispute(request.params.topUpId),
  );
  app.post(
    "/api/v1/admin/disputes/:disputeId/unfreeze",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary:
          "Unfreeze the wallet of a client whose disputes are all closed (reason required, audit-logged)",
        params: DisputeParamsSchema,
        body: UnfreezeBodySchema,
        response: { 200: AdminDisputeSchema },
      },
    },
    async (request) =>
      disputes.unfreeze(requirePrincipal(request), request.params.disputeId, request.body, request.id),
  );
}
