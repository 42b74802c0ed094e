import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import type { ReadingMediaService } from "./readings.media.js";
import { ReadingParams } from "./readings.schemas.js";

const tags = ["readings"];

export const MediaTokenSchema = Type.Object({
  provider: Type.Literal("agora"),
  appId: Type.String(),
  channel: Type.String({ description: "The reading's Agora channel: reading-<readingId>." }),
  uid: Type.Integer({
    minimum: 1,
    maximum: 4_294_967_295,
    description: "The caller's Agora uid in the channel: 1 for the client, 2 for the reader.",
  }),
  token: Type.String({ description: "Agora RTC token (AccessToken2), publisher role." }),
  expiresAt: Type.String({
    format: "date-time",
    description: "When the token and its join/publish privileges end; ask for a new one before.",
  }),
});

export function registerReadingMediaRoutes(app: App, media: ReadingMediaService) {
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
