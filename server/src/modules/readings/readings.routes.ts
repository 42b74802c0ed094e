import Type from "typebox";
import { perUserRateLimit, requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  ReaderNoteBody,
  ReaderNoteEnvelope,
  ReadingEnvelope,
  ReadingListQuery,
  ReadingParams,
  ReadingSchema,
  RequestReadingBody,
  TransitionList,
} from "./readings.schemas.js";
import type { ReadingsService } from "./readings.service.js";

const tags = ["readings"];
const participants = ["client", "reader"] as const;

export function registerReadingRoutes(app: App, readings: ReadingsService) {
  app.post(
    "/api/v1/readings",
    {
      config: { access: ["client"], spends: true, rateLimit: perUserRateLimit(20) },
      schema: {
        tags,
        summary: "Ask a reader for an on-demand reading; the rate is locked now and the reader is rung",
        body: RequestReadingBody,
        response: { 201: ReadingEnvelope },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ reading: await readings.request(requirePrincipal(request), request.body) }),
  );
  app.get(
    "/api/v1/readings",
    {
      config: { access: [...participants] },
      schema: {
        tags,
        summary: "Your readings, newest first",
        querystring: ReadingListQuery,
        response: { 200: Type.Object({ items: Type.Array(ReadingSchema) }) },
      },
    },
    async (request) => ({ items: await readings.mine(requirePrincipal(request), request.query.limit) }),
  );
  app.get(
    "/api/v1/readings/:readingId",
    {
      config: { access: [...participants, "admin"] },
      schema: { tags, summary: "One reading", params: ReadingParams, response: { 200: ReadingEnvelope } },
    },
    async (request) => ({ reading: await readings.get(requirePrincipal(request), request.params.readingId) }),
  );
  app.get(
    "/api/v1/readings/:readingId/transitions",
    {
      config: { access: [...participants, "admin"] },
      schema: {
        tags,
        summary: "A reading's state changes with their times and causes",
        params: ReadingParams,
        response: { 200: TransitionList },
      },
    },
    async (request) => ({
      items: (await readings.transitions(requirePrincipal(request), request.params.readingId)).map((row) => ({
        fromState: row.fromState,
        toState: row.toState,
        cause: row.cause,
        at: row.at.toISOString(),
      })),
    }),
  );
  // Accepting acts (refused to a suspended account); declining and ending only stop a reading.
  for (const [action, summary, roles, allowSuspended] of [
    ["accept", "The reader accepts a ringing request", ["reader"], false],
    ["decline", "The reader declines a ringing request", ["reader"], true],
    ["end", "Either side ends the reading (the client may cancel before it starts)", [...participants], true],
  ] as const) {
    app.post(
      `/api/v1/readings/:readingId/${action}`,
      {
        config: { access: [...roles], allowSuspended },
        schema: { tags, summary, params: ReadingParams, response: { 200: ReadingEnvelope } },
      },
      async (request) => ({
        reading: await readings[action](requirePrincipal(request), request.params.readingId),
      }),
    );
  }
  app.put(
    "/api/v1/readings/:readingId/reader-note",
    {
      config: { access: ["reader"], rateLimit: perUserRateLimit(30) },
      schema: {
        tags,
        summary: "The reader leaves a short summary note for the client after the reading",
        params: ReadingParams,
        body: ReaderNoteBody,
        response: { 200: ReaderNoteEnvelope },
      },
    },
    async (request) => ({
      readerNote: await readings.setReaderNote(
        requirePrincipal(request),
        request.params.readingId,
        request.body.note,
      ),
    }),
  );
}
