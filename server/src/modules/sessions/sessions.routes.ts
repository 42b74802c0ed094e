import Type from "typebox";
import { perUserRateLimit, requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  RequestSessionBody,
  SessionEnvelope,
  SessionListQuery,
  SessionParams,
  SessionSchema,
  TransitionList,
} from "./sessions.schemas.js";
import type { SessionsService } from "./sessions.service.js";

const tags = ["sessions"];
const participants = ["client", "reader"] as const;

export function registerSessionRoutes(app: App, sessions: SessionsService) {
  app.post(
    "/api/v1/sessions",
    {
      config: { access: ["client"], rateLimit: perUserRateLimit(20) },
      schema: {
        tags,
        summary: "Ask a reader for an on-demand reading; the rate is locked now and the reader is rung",
        body: RequestSessionBody,
        response: { 201: SessionEnvelope },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ session: await sessions.request(requirePrincipal(request), request.body) }),
  );
  app.get(
    "/api/v1/sessions",
    {
      config: { access: [...participants] },
      schema: {
        tags,
        summary: "Your readings, newest first",
        querystring: SessionListQuery,
        response: { 200: Type.Object({ items: Type.Array(SessionSchema) }) },
      },
    },
    async (request) => ({ items: await sessions.mine(requirePrincipal(request), request.query.limit) }),
  );
  app.get(
    "/api/v1/sessions/:sessionId",
    {
      config: { access: [...participants, "admin"] },
      schema: { tags, summary: "One reading", params: SessionParams, response: { 200: SessionEnvelope } },
    },
    async (request) => ({ session: await sessions.get(requirePrincipal(request), request.params.sessionId) }),
  );
  app.get(
    "/api/v1/sessions/:sessionId/transitions",
    {
      config: { access: [...participants, "admin"] },
      schema: {
        tags,
        summary: "A reading's state changes with their times and causes",
        params: SessionParams,
        response: { 200: TransitionList },
      },
    },
    async (request) => ({
      items: (await sessions.transitions(requirePrincipal(request), request.params.sessionId)).map((row) => ({
        fromState: row.fromState,
        toState: row.toState,
        cause: row.cause,
        at: row.at.toISOString(),
      })),
    }),
  );
  for (const [action, summary, roles] of [
    ["accept", "The reader accepts a ringing request", ["reader"]],
    ["decline", "The reader declines a ringing request", ["reader"]],
    ["end", "Either side ends the reading (the client may cancel before it starts)", [...participants]],
  ] as const) {
    app.post(
      `/api/v1/sessions/:sessionId/${action}`,
      {
        config: { access: [...roles] },
        schema: { tags, summary, params: SessionParams, response: { 200: SessionEnvelope } },
      },
      async (request) => ({
        session: await sessions[action](requirePrincipal(request), request.params.sessionId),
      }),
    );
  }
}
