import type { FastifyReply } from "fastify";
import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  ApplicationBodySchema,
  ApplicationListSchema,
  ApplicationParamsSchema,
  ApplicationQuerySchema,
  ApplicationSchema,
  BrowseQuerySchema,
  ReaderPageSchema,
  ReaderSchema,
  RejectBodySchema,
  SlugParamsSchema,
  StatusBodySchema,
  UpdateReaderBodySchema,
} from "./readers.schemas.js";
import type { ReadersService } from "./readers.service.js";

const tags = ["readers"];
const ReaderEnvelope = Type.Object({ reader: ReaderSchema });
const ApplicationEnvelope = Type.Object({ application: ApplicationSchema });

export function registerReaderRoutes(app: App, readers: ReadersService) {
  app.get(
    "/api/v1/readers",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Browse and search approved readers",
        querystring: BrowseQuerySchema,
        response: { 200: ReaderPageSchema },
      },
    },
    // The service answers with the page already serialised to ReaderPageSchema (and caches it so),
    // so it is sent as is: the plain reply type, as the schema-typed one takes only objects.
    async (request, reply) => {
      const page = await readers.browse(request.query);
      return (reply as FastifyReply).type("application/json; charset=utf-8").send(page);
    },
  );
  app.get(
    "/api/v1/readers/:slug",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "One reader's public profile",
        params: SlugParamsSchema,
        response: { 200: ReaderEnvelope },
      },
    },
    async (request) => ({ reader: await readers.getBySlug(request.params.slug, request.principal) }),
  );
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
      reply.status(201).send({ application: await readers.apply(requirePrincipal(request), request.body) }),
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
    async (request) => ({ items: await readers.myApplications(requirePrincipal(request)) }),
  );
  app.get(
    "/api/v1/readers/me/profile",
    {
      config: { access: ["reader"] },
      schema: { tags, summary: "Your reader profile", response: { 200: ReaderEnvelope } },
    },
    async (request) => ({ reader: await readers.myProfile(requirePrincipal(request)) }),
  );
  app.patch(
    "/api/v1/readers/me/profile",
    {
      config: { access: ["reader"] },
      schema: {
        tags,
        summary: "Edit your profile and per-minute rates",
        body: UpdateReaderBodySchema,
        response: { 200: ReaderEnvelope },
      },
    },
    async (request) => ({ reader: await readers.updateMyProfile(requirePrincipal(request), request.body) }),
  );
  app.put(
    "/api/v1/readers/me/status",
    {
      config: { access: ["reader"] },
      schema: {
        tags,
        summary: "Set your status: online, away or offline",
        body: StatusBodySchema,
        response: { 200: ReaderEnvelope },
      },
    },
    async (request) => ({
      reader: await readers.setMyStatus(requirePrincipal(request), request.body.status),
    }),
  );
  const FavoriteParams = Type.Object({ readerUserId: Type.String({ minLength: 1, maxLength: 100 }) });
  const Favorites = Type.Object({
    items: Type.Array(Type.Object({ reader: ReaderSchema, notifyOnline: Type.Boolean() })),
  });
  app.get(
    "/api/v1/favorites",
    {
      config: { access: ["client"] },
      schema: { tags, summary: "Your favorite readers with their status", response: { 200: Favorites } },
    },
    async (request) => ({ items: await readers.favorites(requirePrincipal(request)) }),
  );
  app.put(
    "/api/v1/favorites/:readerUserId",
    {
      config: { access: ["client"] },
      schema: {
        tags,
        summary: "Star a reader; notifyOnline emails you when they come online (at most once an hour)",
        params: FavoriteParams,
        body: Type.Object({ notifyOnline: Type.Boolean() }),
        response: { 200: Favorites },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await readers.favorite(principal, request.params.readerUserId, request.body.notifyOnline);
      return { items: await readers.favorites(principal) };
    },
  );
  app.delete(
    "/api/v1/favorites/:readerUserId",
    {
      config: { access: ["client"] },
      schema: { tags, summary: "Unstar a reader", params: FavoriteParams, response: { 200: Favorites } },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await readers.unfavorite(principal, request.params.readerUserId);
      return { items: await readers.favorites(principal) };
    },
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
    async (request) => readers.listApplications(request.query),
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
      reader: await readers.approve(requirePrincipal(request), request.params.applicationId, request.id),
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
      application: await readers.reject(
        requirePrincipal(request),
        request.params.applicationId,
        request.body.reason,
        request.id,
      ),
    }),
  );
}
