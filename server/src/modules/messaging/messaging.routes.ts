import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { perUserRateLimit, requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  ConversationEnvelope,
  ConversationList,
  ConversationParams,
  MessageEnvelope,
  MessagePage,
  MessageParams,
  MessagesQuery,
  OpenConversationBody,
  SendMessageBody,
  UnlockResult,
  UnreadTotal,
} from "./messaging.schemas.js";
import type { MessagingService } from "./messaging.service.js";

const tags = ["messaging"];
const CLIENT_MESSAGES_PER_MINUTE = 10;
const READER_MESSAGES_PER_MINUTE = 60;
const BOTH = ["client", "reader"] as const;

export function registerMessagingRoutes(app: App, messaging: MessagingService) {
  app.post(
    "/api/v1/conversations",
    {
      config: { access: ["client"], rateLimit: perUserRateLimit(20) },
      schema: {
        tags,
        summary: "Open (or find) your conversation with a reader",
        body: OpenConversationBody,
        response: { 200: ConversationEnvelope },
      },
    },
    async (request) => ({
      conversation: await messaging.open(requirePrincipal(request), request.body.readerUserId),
    }),
  );
  app.get(
    "/api/v1/conversations",
    {
      config: { access: [...BOTH] },
      schema: {
        tags,
        summary: "Your conversations, latest first, with unread counts",
        response: { 200: ConversationList },
      },
    },
    async (request) => messaging.list(requirePrincipal(request)),
  );
  app.get(
    "/api/v1/conversations/unread",
    {
      config: { access: [...BOTH] },
      schema: {
        tags,
        summary: "Messages to you not yet read, over all conversations",
        response: { 200: UnreadTotal },
      },
    },
    async (request) => ({ unreadTotal: await messaging.unreadTotal(requirePrincipal(request)) }),
  );
  app.get(
    "/api/v1/conversations/:conversationId",
    {
      config: { access: [...BOTH] },
      schema: {
        tags,
        summary: "One of your conversations",
        params: ConversationParams,
        response: { 200: ConversationEnvelope },
      },
    },
    async (request) => ({
      conversation: await messaging.get(requirePrincipal(request), request.params.conversationId),
    }),
  );
  app.get(
    "/api/v1/conversations/:conversationId/messages",
    {
      config: { access: [...BOTH] },
      schema: {
        tags,
        summary: "Messages, oldest first (the latest page clears your unread count)",
        params: ConversationParams,
        querystring: MessagesQuery,
        response: { 200: MessagePage },
      },
    },
    async (request) =>
      messaging.messages(requirePrincipal(request), request.params.conversationId, request.query),
  );
  app.post(
    "/api/v1/conversations/:conversationId/messages",
    {
      config: {
        access: [...BOTH],
        // Clients 10 a minute (product.md section 6); a reader answering many clients, 60.
        rateLimit: {
          ...perUserRateLimit(CLIENT_MESSAGES_PER_MINUTE),
          max: (request: FastifyRequest) =>
            request.principal?.role === "reader" ? READER_MESSAGES_PER_MINUTE : CLIENT_MESSAGES_PER_MINUTE,
        },
      },
      schema: {
        tags,
        summary:
          "Write a message (clients 10 a minute, readers 60); a reader's reply may be paid ($1.00–$25.00)",
        params: ConversationParams,
        body: SendMessageBody,
        response: { 201: MessageEnvelope },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        message: await messaging.send(requirePrincipal(request), request.params.conversationId, request.body),
      }),
  );
  app.post(
    "/api/v1/messages/:messageId/unlock",
    {
      config: { access: ["client"], spends: true, rateLimit: perUserRateLimit(30) },
      schema: {
        tags,
        summary: "Pay for a paid reply and read it (charged once, however often asked)",
        params: MessageParams,
        response: { 200: UnlockResult },
      },
    },
    async (request) => messaging.unlock(requirePrincipal(request), request.params.messageId),
  );
  app.post(
    "/api/v1/messages/:messageId/withdraw",
    {
      config: { access: ["reader"] },
      schema: {
        tags,
        summary: "Withdraw a paid reply the client has not paid for",
        params: MessageParams,
        response: { 200: MessageEnvelope },
      },
    },
    async (request) => ({
      message: await messaging.withdraw(requirePrincipal(request), request.params.messageId),
    }),
  );
  app.put(
    "/api/v1/conversations/:conversationId/block",
    {
      config: { access: [...BOTH] },
      schema: {
        tags,
        summary: "Block the other side (no more messages), or lift your own block",
        params: ConversationParams,
        body: Type.Object({ blocked: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: ConversationEnvelope },
      },
    },
    async (request) => ({
      conversation: await messaging.setBlock(
        requirePrincipal(request),
        request.params.conversationId,
        request.body.blocked,
      ),
    }),
  );
}
