import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import type { ChatService } from "./readings.chat.js";
import { CHAT_BUDGET_PER_USER } from "./readings.room.js";
import {
  ChatMessageSchema,
  DeliveredBody,
  MessageListQuery,
  ReadingParams,
  SendMessageBody,
} from "./readings.schemas.js";

const tags = ["readings"];

/** Chat over HTTP: the same use cases as the socket's `chat` and `delivered` requests. */
export function registerChatRoutes(app: App, chat: ChatService) {
  app.post(
    "/api/v1/readings/:readingId/messages",
    {
      config: {
        access: ["client", "reader"],
        rateLimit: { max: CHAT_BUDGET_PER_USER.count, timeWindow: CHAT_BUDGET_PER_USER.windowMs },
      },
      schema: {
        tags,
        summary:
          "Send a chat message in an active reading (a resend with the same clientMessageId is a no-op)",
        params: ReadingParams,
        body: SendMessageBody,
        response: { 201: Type.Object({ message: ChatMessageSchema }) },
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
        querystring: MessageListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(ChatMessageSchema),
            complete: Type.Boolean(),
            crisisMessageIds: Type.Array(Type.String(), {
              description:
                "The client's messages on this page whose words suggest self-harm (the client's support lines and the reader's notes come back after a reload)",
            }),
          }),
        },
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
        body: DeliveredBody,
        response: { 200: Type.Object({ changed: Type.Integer() }) },
      },
    },
    async (request) =>
      chat.delivered(requirePrincipal(request), request.params.readingId, request.body.messageId),
  );
}
