import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import type { MediaService } from "./readings.media.js";
import { MediaTokenSchema, ReadingParams } from "./readings.schemas.js";

const tags = ["readings"];

export function registerMediaRoutes(app: App, media: MediaService) {
  app.post(
    "/api/v1/readings/:readingId/media-token",
    {
      config: { access: ["client", "reader"], rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          "A short-lived Agora RTC token for the caller's side of a live voice or video reading (call again to renew)",
        params: ReadingParams,
        response: { 200: MediaTokenSchema },
      },
    },
    async (request) => media.issueToken(requirePrincipal(request), request.params.readingId),
  );
}
