import type { FastifyReply } from "fastify";
import type { App } from "../../platform/http/server.js";
import { BrowseQuerySchema, ReaderPageSchema } from "./browse.schemas.js";
import type { BrowseService } from "./browse.service.js";

const tags = ["browse"];

export function registerBrowseRoutes(app: App, browse: BrowseService) {
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
      const page = await browse.page(request.query);
      return (reply as FastifyReply).type("application/json; charset=utf-8").send(page);
    },
  );
}
