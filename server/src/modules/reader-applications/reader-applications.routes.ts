import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import { ReaderSchema } from "../readers/readers.schemas.js";
import {
  ApplicationBodySchema,
  ApplicationListSchema,
  ApplicationParamsSchema,
  ApplicationQuerySchema,
  ApplicationSchema,
  RejectBodySchema,
} from "./reader-applications.schemas.js";
import type { ApplicationsService } from "./reader-applications.service.js";

const tags = ["reader-applications"];
const ReaderEnvelope = Type.Object({ reader: ReaderSchema });
const ApplicationEnvelope = Type.Object({ application: ApplicationSchema });

export function registerApplicationRoutes(app: App, applications: ApplicationsService) {
  app.post(
    "/api/v1/reader-applications",
    {
      config: { access: ["client"], rateLimit: { max: 5, timeWindow: 60 * 60 * 1000 } },
      schema: {
        tags,
        summary: "Apply to become a reader",
        body: ApplicationBodySchema,
        response: { 201: ApplicationEnvelope },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ application: await applications.apply(requirePrincipal(request), request.body) }),
  );
  app.get(
    "/api/v1/reader-applications/mine",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Your applications and their decisions",
        response: { 200: Type.Object({ items: Type.Array(ApplicationSchema) }) },
      },
    },
    async (request) => ({ items: await applications.myApplications(requirePrincipal(request)) }),
  );
  app.get(
    "/api/v1/admin/reader-applications",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary: "The reader application queue",
        querystring: ApplicationQuerySchema,
        response: { 200: ApplicationListSchema },
      },
    },
    async (request) => applications.listApplications(request.query),
  );
  app.post(
    "/api/v1/admin/reader-applications/:applicationId/approve",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary: "Approve: the applicant becomes a reader (audit-logged)",
        params: ApplicationParamsSchema,
        response: { 200: ReaderEnvelope },
      },
    },
    async (request) => ({
      reader: await applications.approve(requirePrincipal(request), request.params.applicationId, request.id),
    }),
  );
  app.post(
    "/api/v1/admin/reader-applications/:applicationId/reject",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary: "Reject with a reason the applicant sees (audit-logged)",
        params: ApplicationParamsSchema,
        body: RejectBodySchema,
        response: { 200: ApplicationEnvelope },
      },
    },
    async (request) => ({
      application: await applications.reject(
        requirePrincipal(request),
        request.params.applicationId,
        request.body.reason,
        request.id,
      ),
    }),
  );
}
