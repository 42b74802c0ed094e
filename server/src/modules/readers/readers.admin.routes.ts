import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import { requestContext } from "../../platform/http/web-request.js";
import type { ReaderAdminService } from "./readers.admin.js";
import {
  AdminCreateReaderBodySchema,
  AdminCreateReaderResultSchema,
  AdminReaderEnvelopeSchema,
  AdminReaderPageSchema,
  AdminReaderParamsSchema,
  AdminReaderQuerySchema,
  AdminUpdateReaderBodySchema,
} from "./readers.schemas.js";

const tags = ["admin"];

/**
 * Admin management of readers: list, create, edit. Every change is audit-logged. Suspending a
 * reader is suspending their account (the moderation module's /api/v1/admin/users routes).
 */
export function registerReaderAdminRoutes(app: App, service: ReaderAdminService) {
  app.get(
    "/api/v1/admin/readers",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Every reader profile, suspended ones included; search by name, email or slug",
        querystring: AdminReaderQuerySchema,
        response: { 200: AdminReaderPageSchema },
      },
    },
    async (request) => service.list(request.query),
  );
  app.post(
    "/api/v1/admin/readers",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Create a reader directly: a new account (emailed a set-password link) or a promoted client",
        body: AdminCreateReaderBodySchema,
        response: { 201: AdminCreateReaderResultSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.create(requirePrincipal(request), request.body, requestContext(request))),
  );
  app.patch(
    "/api/v1/admin/readers/:userId",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Edit any field of a reader's profile and rates (audit-logged with before and after)",
        params: AdminReaderParamsSchema,
        body: AdminUpdateReaderBodySchema,
        response: { 200: AdminReaderEnvelopeSchema },
      },
    },
    async (request) => ({
      reader: await service.update(
        requirePrincipal(request),
        request.params.userId,
        request.body,
        request.id,
      ),
    }),
  );
}
