import Type from "typebox";
import { perUserRateLimit, requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  ChatMessageParams,
  CreateGiftBody,
  CreateStreamBody,
  GiftList,
  GiftParams,
  GiftView,
  InviteBody,
  InviteResult,
  LiveChatBody,
  LiveChatMessage,
  LiveChatPage,
  MuteBody,
  ReminderBody,
  SendGiftBody,
  SendGiftResult,
  StreamEnvelope,
  StreamList,
  StreamListQuery,
  StreamMediaToken,
  StreamParams,
  StreamRoomState,
  StreamSummary,
  TicketResult,
  UpdateGiftBody,
} from "./streams.schemas.js";
import type { StreamsService } from "./streams.service.js";

const tags = ["streams"];
const Empty = Type.Null();
const AdminEndBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500 }) },
  { additionalProperties: false },
);

export function registerStreamRoutes(app: App, streams: StreamsService) {
  app.get(
    "/api/v1/streams",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Listed streams: live now, or scheduled (soonest first)",
        querystring: StreamListQuery,
        response: { 200: StreamList },
      },
    },
    async (request) => ({
      items: await streams.list(request.principal, request.query.status, request.query.limit),
    }),
  );
  app.get(
    "/api/v1/streams/mine",
    {
      config: { access: ["reader"] },
      schema: { tags, summary: "Your streams, newest first", response: { 200: StreamList } },
    },
    async (request) => ({ items: await streams.mine(requirePrincipal(request)) }),
  );
  app.post(
    "/api/v1/streams",
    {
      config: { access: ["reader"], rateLimit: perUserRateLimit(20) },
      schema: {
        tags,
        summary: "Schedule a stream (for now, then start it; or up to 60 days ahead)",
        body: CreateStreamBody,
        response: { 201: StreamEnvelope },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ stream: await streams.create(requirePrincipal(request), request.body) }),
  );
  app.get(
    "/api/v1/streams/:streamId",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "A stream, with what the caller may do",
        params: StreamParams,
        response: { 200: StreamEnvelope },
      },
    },
    async (request) => ({ stream: await streams.get(request.principal, request.params.streamId) }),
  );
  app.get(
    "/api/v1/streams/:streamId/room",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "What a viewer needs on arrival: the stream, viewer count, board and recent chat",
        params: StreamParams,
        response: { 200: StreamRoomState },
      },
    },
    async (request) => streams.roomState(request.principal, request.params.streamId),
  );
  app.post(
    "/api/v1/streams/:streamId/start",
    {
      config: { access: ["reader"] },
      schema: { tags, summary: "Go live", params: StreamParams, response: { 200: StreamEnvelope } },
    },
    async (request) => ({ stream: await streams.start(requirePrincipal(request), request.params.streamId) }),
  );
  app.post(
    "/api/v1/streams/:streamId/end",
    {
      config: { access: ["reader"] },
      schema: {
        tags,
        summary: "End the stream (or cancel it while scheduled)",
        params: StreamParams,
        response: { 200: StreamEnvelope },
      },
    },
    async (request) => ({ stream: await streams.finish(requirePrincipal(request), request.params.streamId) }),
  );
  app.get(
    "/api/v1/streams/:streamId/summary",
    {
      config: { access: ["reader", "admin"] },
      schema: {
        tags,
        summary: "Viewers, gifts, tickets and earnings of a stream",
        params: StreamParams,
        response: { 200: StreamSummary },
      },
    },
    async (request) => streams.summary(requirePrincipal(request), request.params.streamId),
  );
  app.post(
    "/api/v1/streams/:streamId/invitations",
    {
      config: { access: ["reader"], rateLimit: perUserRateLimit(30) },
      schema: {
        tags,
        summary: "Invite clients you know to a private stream",
        params: StreamParams,
        body: InviteBody,
        response: { 200: InviteResult },
      },
    },
    async (request) =>
      streams.invite(requirePrincipal(request), request.params.streamId, request.body.clientUserIds),
  );
  app.put(
    "/api/v1/streams/:streamId/reminder",
    {
      config: { access: "authenticated", rateLimit: perUserRateLimit(30) },
      schema: {
        tags,
        summary: "Be reminded (or not) when a scheduled stream starts",
        params: StreamParams,
        body: ReminderBody,
        response: { 200: StreamEnvelope },
      },
    },
    async (request) => ({
      stream: await streams.setReminder(requirePrincipal(request), request.params.streamId, request.body.on),
    }),
  );
  app.post(
    "/api/v1/streams/:streamId/ticket",
    {
      config: { access: ["client"], spends: true, rateLimit: perUserRateLimit(20) },
      schema: {
        tags,
        summary: "Buy a premium stream's ticket from the wallet (once: a repeat pays nothing)",
        params: StreamParams,
        response: { 200: TicketResult },
      },
    },
    async (request) => streams.buyTicket(requirePrincipal(request), request.params.streamId),
  );
  app.post(
    "/api/v1/streams/:streamId/gifts",
    {
      config: { access: ["client"], spends: true, rateLimit: perUserRateLimit(120) },
      schema: {
        tags,
        summary: "Send a gift to a live stream (70 % to the reader)",
        params: StreamParams,
        body: SendGiftBody,
        response: { 201: SendGiftResult },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await streams.sendGift(requirePrincipal(request), request.params.streamId, request.body)),
  );
  app.post(
    "/api/v1/streams/:streamId/media-token",
    {
      config: { access: "public", rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          "An Agora token for the stream (host for its reader, audience for viewers), when Agora is configured",
        params: StreamParams,
        response: { 200: StreamMediaToken },
      },
    },
    async (request) => streams.mediaToken(request.principal, request.params.streamId),
  );
  registerChatRoutes(app, streams);
  registerGiftCatalogRoutes(app, streams);
}

function registerChatRoutes(app: App, streams: StreamsService) {
  app.get(
    "/api/v1/streams/:streamId/chat",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "The latest live chat messages still shown",
        params: StreamParams,
        response: { 200: LiveChatPage },
      },
    },
    async (request) => ({ items: await streams.chat.recent(request.principal, request.params.streamId) }),
  );
  app.post(
    "/api/v1/streams/:streamId/chat",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Write in the live chat (5 messages per 10 s)",
        params: StreamParams,
        body: LiveChatBody,
        response: { 201: LiveChatMessage },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await streams.chat.send(requirePrincipal(request), request.params.streamId, request.body.body)),
  );
  app.delete(
    "/api/v1/streams/:streamId/chat/:messageId",
    {
      config: { access: ["reader", "admin"] },
      schema: {
        tags,
        summary: "Delete a live chat message (the stream's reader)",
        params: ChatMessageParams,
        response: { 204: Empty },
      },
    },
    async (request, reply) => {
      await streams.chat.remove(requirePrincipal(request), request.params.streamId, request.params.messageId);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/api/v1/streams/:streamId/mutes",
    {
      config: { access: ["reader", "admin"] },
      schema: {
        tags,
        summary: "Mute a viewer for this stream (the stream's reader)",
        params: StreamParams,
        body: MuteBody,
        response: { 204: Empty },
      },
    },
    async (request, reply) => {
      await streams.chat.mute(requirePrincipal(request), request.params.streamId, request.body.userId);
      return reply.status(204).send(null);
    },
  );
}

function registerGiftCatalogRoutes(app: App, streams: StreamsService) {
  app.get(
    "/api/v1/gifts",
    {
      config: { access: "public" },
      schema: { tags, summary: "The gifts a viewer can send", response: { 200: GiftList } },
    },
    async () => ({ items: await streams.catalog.list(false) }),
  );
  app.get(
    "/api/v1/admin/gifts",
    {
      config: { access: ["admin"] },
      schema: { tags, summary: "The whole gift catalog, inactive gifts too", response: { 200: GiftList } },
    },
    async () => ({ items: await streams.catalog.list(true) }),
  );
  app.post(
    "/api/v1/admin/gifts",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Add a gift to the catalog",
        body: CreateGiftBody,
        response: { 201: GiftView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await streams.catalog.create(requirePrincipal(request), request.body, request.id)),
  );
  app.patch(
    "/api/v1/admin/gifts/:giftId",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "Change or retire a gift",
        params: GiftParams,
        body: UpdateGiftBody,
        response: { 200: GiftView },
      },
    },
    async (request) =>
      streams.catalog.update(requirePrincipal(request), request.params.giftId, request.body, request.id),
  );
  app.get(
    "/api/v1/admin/streams",
    {
      config: { access: ["admin"] },
      schema: { tags, summary: "Streams on air now", response: { 200: StreamList } },
    },
    async (request) => ({ items: await streams.onAir(requirePrincipal(request), 100) }),
  );
  app.post(
    "/api/v1/admin/streams/:streamId/end",
    {
      config: { access: ["admin"] },
      schema: {
        tags,
        summary: "End any stream, with a reason (audit-logged)",
        params: StreamParams,
        body: AdminEndBody,
        response: { 200: StreamEnvelope },
      },
    },
    async (request) => ({
      stream: await streams.adminEnd(
        requirePrincipal(request),
        request.params.streamId,
        request.body.reason,
        request.id,
      ),
    }),
  );
}
