import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  ReaderSchema,
  SlugParamsSchema,
  StatusBodySchema,
  UpdateReaderBodySchema,
} from "./readers.schemas.js";
import type { ReadersService } from "./readers.service.js";

const tags = ["readers"];
const ReaderEnvelope = Type.Object({ reader: ReaderSchema });

export function registerReaderRoutes(app: App, readers: ReadersService) {
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
}
