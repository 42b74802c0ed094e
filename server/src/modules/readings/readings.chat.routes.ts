import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import type { ReadingChatService } from "./readings.chat.js";
import { MAX_MESSAGE_CHARS } from "./readings.chat.js";
import { ReadingParams } from "./readings.schemas.js";

const tags = ["readings"];
const MessageSchema = Type.Object({
  id: Type.String(),
  readingId: Type.String(),
  senderUserId: Type.String(),
  clientMessageId: Type.String(),
  body: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  deliveredAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});

export function registerReadingChatRoutes(app: App, chat: ReadingChatService) {
  app.post(
    "/api/v1/readings/:readingId/messages",
    {
      config: { access: ["client", "reader"], rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          "Send a chat message in an active reading (a resend with the same clientMessageId is a no-op)",
        params: ReadingParams,
        body: Type.Object(
          {
            clientMessageId: Type.String({ minLength: 8, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$" }),
            body: Type.String({ minLength: 1, maxLength: MAX_MESSAGE_CHARS }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ message: MessageSchema }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        message: await chat.send(requirePrincipal(request), request.params.readingId, request.body),
      }),
  );
  app.get(
    "/api/v1/readings/:readingId/messages",
    {
      config: { access: ["client", "reader", "admin"] },
      schema: {
        tags,
        summary: "A reading's chat transcript, oldest first",
        params: ReadingParams,
        querystring: Type.Object({
          after: Type.Optional(Type.String({ format: "uuid" })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(MessageSchema), complete: Type.Boolean() }) },
      },
    },
    async (request) => chat.list(requirePrincipal(request), request.params.readingId, request.query),
  );
  app.post(
    "/api/v1/readings/:readingId/messages/delivered",
    {
      config: { access: ["client", "reader"] },
      schema: {
        tags,
        summary: "Confirm the other side's messages up to one are shown (delivery state)",
        params: ReadingParams,
        body: Type.Object({ messageId: Type.String({ format: "uuid" }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ changed: Type.Integer() }) },
      },
    },
    async (request) =>
      chat.delivered(requirePrincipal(request), request.params.readingId, request.body.messageId),
  );
}
