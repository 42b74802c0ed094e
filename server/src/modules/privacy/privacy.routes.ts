import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import { requestContext } from "../../platform/http/web-request.js";
import {
  AccountDeletedSchema,
  DeletionRequestBodySchema,
  DeletionRequestedSchema,
  DeletionTokenBodySchema,
  DeletionTokenStatusSchema,
  PersonalDataExportSchema,
} from "./privacy.schemas.js";
import type { PrivacyService } from "./privacy.service.js";

const tags = ["privacy"];

export function registerPrivacyRoutes(app: App, privacy: PrivacyService) {
  app.get(
    "/api/v1/me/export",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Download all your data as one JSON file (audit-logged)",
        response: { 200: PersonalDataExportSchema },
      },
    },
    async (request, reply) => {
      const data = await privacy.exportData(requirePrincipal(request), requestContext(request));
      const day = data.exportedAt.slice(0, 10);
      reply
        .header("content-disposition", `attachment; filename="soulseer-data-${day}.json"`)
        .header("cache-control", "no-store");
      return data;
    },
  );
  app.post(
    "/api/v1/me/deletion-request",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Ask to delete your account: a confirmation link is emailed to you",
        body: DeletionRequestBodySchema,
        response: { 202: DeletionRequestedSchema },
      },
    },
    async (request, reply) => {
      const result = await privacy.requestDeletion(
        requirePrincipal(request),
        request.body,
        requestContext(request),
      );
      return reply.code(202).send(result);
    },
  );
  // The emailed token is the authority for these two: the person may open the link signed out.
  app.post(
    "/api/v1/account-deletion/check",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Whether an emailed deletion link is still valid",
        body: DeletionTokenBodySchema,
        response: { 200: DeletionTokenStatusSchema },
      },
    },
    async (request) => privacy.checkDeletionToken(request.body.token),
  );
  app.post(
    "/api/v1/account-deletion/confirm",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Delete the account of an emailed link: anonymized, signed out everywhere",
        body: DeletionTokenBodySchema,
        response: { 200: AccountDeletedSchema },
      },
    },
    async (request) => privacy.confirmDeletion(request.body.token, requestContext(request)),
  );
}
