import Type from "typebox";
import { perUserRateLimit, requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import { crisisLinesFor } from "../../platform/text/crisis-lines.js";
import {
  ArchiveBody,
  ConversationEnvelope,
  ConversationList,
  ConversationParams,
  ConversationsQuery,
  HistorySchema,
  MessageEnvelope,
  MessagePage,
  MessageParams,
  MessagesQuery,
  OpenConversationBody,
  ReportBody,
  ReportEnvelope,
  ReportedConversation,
  ReportList,
  ReportParams,
  ReportsQuery,
  ResolveReportBody,
  SendMessageBody,
  SupportLines,
  SupportLinesQuery,
  TemplateBody,
  TemplateEnvelope,
  TemplateList,
  TemplateParams,
  UnlockResult,
  UnreadTotal,
} from "./messaging.schemas.js";
import type { MessagingService } from "./messaging.service.js";

const tags = ["messaging"];
const BOTH = ["client", "reader"] as const;

export function registerMessagingRoutes(app: App, messaging: MessagingService) {
  app.get(
    "/api/v1/support-lines",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Free crisis support lines for a country (Find A Helpline when it has none of its own)",
        querystring: SupportLinesQuery,
        response: { 200: SupportLines },
      },
    },
    async (request, reply) =>
      reply
        .header("cache-control", "public, max-age=3600")
        .send({ lines: crisisLinesFor(request.query.country ?? null) }),
  );
  app.post(
    "/api/v1/conversations",
    {
      config: { access: [...BOTH], rateLimit: perUserRateLimit(20) },
      schema: {
        tags,
        summary:
          "Open (or find) a conversation: a client with a reader, a reader with a client they have read for",
        body: OpenConversationBody,
        response: { 200: ConversationEnvelope },
      },
    },
    async (request) => ({
      conversation: await messaging.open(requirePrincipal(request), request.body),
    }),
  );
  app.get(
    "/api/v1/conversations",
    {
      config: { access: [...BOTH] },
      schema: {
        tags,
        summary: "Your conversations, latest first, with unread counts",
        querystring: ConversationsQuery,
        response: { 200: ConversationList },
      },
    },
    async (request) => messaging.list(requirePrincipal(request), request.query.filter),
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
      // Clients 10 a minute, readers 60: counted in the service, shared by every node.
      config: { access: [...BOTH] },
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
  app.put(
    "/api/v1/conversations/:conversationId/archive",
    {
      config: { access: [...BOTH] },
      schema: {
        tags,
        summary: "Archive the conversation out of your list, or bring it back",
        params: ConversationParams,
        body: ArchiveBody,
        response: { 200: ConversationEnvelope },
      },
    },
    async (request) => ({
      conversation: await messaging.setArchived(
        requirePrincipal(request),
        request.params.conversationId,
        request.body.archived,
      ),
    }),
  );
  app.get(
    "/api/v1/conversations/:conversationId/history",
    {
      config: { access: ["reader"] },
      schema: {
        tags,
        summary: "The client's readings with you and the notes you left",
        params: ConversationParams,
        response: { 200: HistorySchema },
      },
    },
    async (request) => messaging.history(requirePrincipal(request), request.params.conversationId),
  );
  app.post(
    "/api/v1/conversations/:conversationId/reports",
    {
      config: { access: [...BOTH], rateLimit: perUserRateLimit(5) },
      schema: {
        tags,
        summary: "Report the conversation to the admins",
        params: ConversationParams,
        body: ReportBody,
        response: { 201: ReportEnvelope },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        report: await messaging.reports.report(
          requirePrincipal(request),
          request.params.conversationId,
          request.body.reason,
        ),
      }),
  );

  app.get(
    "/api/v1/reply-templates",
    {
      config: { access: ["reader"] },
      schema: { tags, summary: "Your saved replies", response: { 200: TemplateList } },
    },
    async (request) => messaging.templates.list(requirePrincipal(request)),
  );
  app.post(
    "/api/v1/reply-templates",
    {
      config: { access: ["reader"], rateLimit: perUserRateLimit(30) },
      schema: {
        tags,
        summary: "Save a reply to reuse (up to 50)",
        body: TemplateBody,
        response: { 201: TemplateEnvelope },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ template: await messaging.templates.create(requirePrincipal(request), request.body) }),
  );
  app.put(
    "/api/v1/reply-templates/:templateId",
    {
      config: { access: ["reader"] },
      schema: {
        tags,
        summary: "Change a saved reply",
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: TemplateEnvelope },
      },
    },
    async (request) => ({
      template: await messaging.templates.update(
        requirePrincipal(request),
        request.params.templateId,
        request.body,
      ),
    }),
  );
  app.delete(
    "/api/v1/reply-templates/:templateId",
    {
      config: { access: ["reader"] },
      schema: {
        tags,
        summary: "Delete a saved reply",
        params: TemplateParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await messaging.templates.remove(requirePrincipal(request), request.params.templateId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/admin/conversation-reports",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Reported conversations (open or resolved), latest first",
        querystring: ReportsQuery,
        response: { 200: ReportList },
      },
    },
    async (request) => messaging.reports.list(request.query.status ?? "open"),
  );
  app.get(
    "/api/v1/admin/conversation-reports/:reportId/summary",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "One report without the conversation's text (not a read of it; not audit-logged)",
        params: ReportParams,
        response: { 200: ReportEnvelope },
      },
    },
    async (request) => messaging.reports.summary(request.params.reportId),
  );
  app.get(
    "/api/v1/admin/conversation-reports/:reportId",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Read a reported conversation as written (audit-logged)",
        params: ReportParams,
        response: { 200: ReportedConversation },
      },
    },
    async (request) => messaging.reports.read(requirePrincipal(request), request.params.reportId, request.id),
  );
  app.post(
    "/api/v1/admin/conversation-reports/:reportId/resolve",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Close a report with what was done (audit-logged)",
        params: ReportParams,
        body: ResolveReportBody,
        response: { 200: ReportEnvelope },
      },
    },
    async (request) => ({
      report: await messaging.reports.resolve(
        requirePrincipal(request),
        request.params.reportId,
        request.body.resolution,
        request.id,
      ),
    }),
  );
}
