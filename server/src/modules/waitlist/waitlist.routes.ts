import Type from "typebox";
import { perUserRateLimit, requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  JoinWaitlistBody,
  QueueEntry,
  WaitlistEntryEnvelope,
  WaitlistEntryParams,
  WaitlistEntrySchema,
} from "./waitlist.schemas.js";
import type { WaitlistService } from "./waitlist.service.js";

const tags = ["waitlist"];

export function registerWaitlistRoutes(app: App, waitlist: WaitlistService) {
  app.post(
    "/api/v1/waitlist",
    {
      config: { access: ["client"], spends: true, rateLimit: perUserRateLimit(20) },
      schema: {
        tags,
        summary:
          "Join a busy or unanswering reader's waitlist; you are offered the reader when they are free",
        body: JoinWaitlistBody,
        response: { 201: WaitlistEntryEnvelope },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ entry: await waitlist.join(requirePrincipal(request), request.body) }),
  );
  app.get(
    "/api/v1/waitlist",
    {
      config: { access: ["client"] },
      schema: {
        tags,
        summary: "Your waitlist, newest first, with your place in each open one",
        response: { 200: Type.Object({ items: Type.Array(WaitlistEntrySchema) }) },
      },
    },
    async (request) => ({ items: await waitlist.mine(requirePrincipal(request)) }),
  );
  app.delete(
    "/api/v1/waitlist/:entryId",
    {
      // Leaving a line releases its hold: a suspended client may take their money back.
      config: { access: ["client"], allowSuspended: true },
      schema: {
        tags,
        summary: "Leave a waitlist",
        params: WaitlistEntryParams,
        response: { 200: WaitlistEntryEnvelope },
      },
    },
    async (request) => ({
      entry: await waitlist.cancel(requirePrincipal(request), request.params.entryId),
    }),
  );
  app.get(
    "/api/v1/readers/me/waitlist",
    {
      config: { access: ["reader"] },
      schema: {
        tags,
        summary: "Your waitlist: the clients waiting for you, first in line first",
        response: { 200: Type.Object({ items: Type.Array(QueueEntry) }) },
      },
    },
    async (request) => ({ items: await waitlist.queue(requirePrincipal(request)) }),
  );
}
