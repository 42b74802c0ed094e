import Type from "typebox";
import { perUserRateLimit, requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import type { CallbacksService } from "./sessions.callbacks.js";
import {
  CallbackEnvelope,
  CallbackParams,
  CallbackSchema,
  JoinCallbackBody,
  QueueEntry,
} from "./sessions.callbacks.schemas.js";

const tags = ["sessions"];

export function registerCallbackRoutes(app: App, callbacks: CallbacksService) {
  app.post(
    "/api/v1/callbacks",
    {
      config: { access: ["client"], rateLimit: perUserRateLimit(20) },
      schema: {
        tags,
        summary:
          "Join a busy or unanswering reader's callback line; you are offered the reader when they are free",
        body: JoinCallbackBody,
        response: { 201: CallbackEnvelope },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ callback: await callbacks.join(requirePrincipal(request), request.body) }),
  );
  app.get(
    "/api/v1/callbacks",
    {
      config: { access: ["client"] },
      schema: {
        tags,
        summary: "Your callback lines, newest first, with your place in each open one",
        response: { 200: Type.Object({ items: Type.Array(CallbackSchema) }) },
      },
    },
    async (request) => ({ items: await callbacks.mine(requirePrincipal(request)) }),
  );
  app.delete(
    "/api/v1/callbacks/:callbackId",
    {
      config: { access: ["client"] },
      schema: {
        tags,
        summary: "Leave a callback line",
        params: CallbackParams,
        response: { 200: CallbackEnvelope },
      },
    },
    async (request) => ({
      callback: await callbacks.cancel(requirePrincipal(request), request.params.callbackId),
    }),
  );
  app.get(
    "/api/v1/readers/me/callbacks",
    {
      config: { access: ["reader"] },
      schema: {
        tags,
        summary: "Your callback line: the clients waiting for you, first in line first",
        response: { 200: Type.Object({ items: Type.Array(QueueEntry) }) },
      },
    },
    async (request) => ({ items: await callbacks.queue(requirePrincipal(request)) }),
  );
}
