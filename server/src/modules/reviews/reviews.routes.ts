import { perUserRateLimit, requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  AfterReadingSchema,
  ClientNotesBody,
  ClientNotesEnvelope,
  ReaderSlugParams,
  ReaderUserParams,
  ReadingParams,
  ReplyBody,
  ReviewBody,
  ReviewEnvelope,
  ReviewPage,
  ReviewPageQuery,
  ReviewParams,
  TipBody,
  TipResult,
} from "./reviews.schemas.js";
import type { ReviewsService } from "./reviews.service.js";

const tags = ["reviews"];

const perUserLimit = (max: number) => perUserRateLimit(max);

export function registerReviewRoutes(app: App, reviews: ReviewsService) {
  app.put(
    "/api/v1/readings/:readingId/review",
    {
      config: { access: ["client"], rateLimit: perUserLimit(20) },
      schema: {
        tags,
        summary: "Write (or, for 7 days, edit) the review of a reading of at least 3 billed minutes",
        params: ReadingParams,
        body: ReviewBody,
        response: { 200: ReviewEnvelope, 201: ReviewEnvelope },
      },
    },
    async (request, reply) => {
      const saved = await reviews.putReview(
        requirePrincipal(request),
        request.params.readingId,
        request.body,
      );
      return reply.status(saved.created ? 201 : 200).send({ review: saved.review });
    },
  );
  app.post(
    "/api/v1/reviews/:reviewId/reply",
    {
      config: { access: ["reader"], rateLimit: perUserLimit(20) },
      schema: {
        tags,
        summary: "The reader replies to a review of theirs, once",
        params: ReviewParams,
        body: ReplyBody,
        response: { 200: ReviewEnvelope },
      },
    },
    async (request) => ({
      review: await reviews.reply(requirePrincipal(request), request.params.reviewId, request.body.text),
    }),
  );
  app.get(
    "/api/v1/readers/:slug/reviews",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "A reader's reviews, newest first, with their rating",
        params: ReaderSlugParams,
        querystring: ReviewPageQuery,
        response: { 200: ReviewPage },
      },
    },
    async (request) => reviews.listForReader(request.params.slug, request.principal, request.query),
  );
  app.post(
    "/api/v1/readings/:readingId/tip",
    {
      config: { access: ["client"], spends: true, rateLimit: perUserLimit(20) },
      schema: {
        tags,
        summary: "Tip the reader of a finished reading (70% goes to the reader)",
        params: ReadingParams,
        body: TipBody,
        response: { 200: TipResult },
      },
    },
    async (request) => reviews.tip(requirePrincipal(request), request.params.readingId, request.body),
  );
  app.get(
    "/api/v1/readings/:readingId/after",
    {
      config: { access: ["client", "reader"] },
      schema: {
        tags,
        summary: "After a reading: its review, tip window, the reader's note and your private notes",
        params: ReadingParams,
        response: { 200: AfterReadingSchema },
      },
    },
    async (request) => reviews.after(requirePrincipal(request), request.params.readingId),
  );
  app.get(
    "/api/v1/readers/:readerUserId/notes",
    {
      config: { access: ["client"] },
      schema: {
        tags,
        summary: "Your private notes on a reader",
        params: ReaderUserParams,
        response: { 200: ClientNotesEnvelope },
      },
    },
    async (request) => ({
      notes: await reviews.notes(requirePrincipal(request), request.params.readerUserId),
    }),
  );
  app.put(
    "/api/v1/readers/:readerUserId/notes",
    {
      config: { access: ["client"], rateLimit: perUserLimit(30) },
      schema: {
        tags,
        summary: "Save your private notes on a reader (empty deletes them)",
        params: ReaderUserParams,
        body: ClientNotesBody,
        response: { 200: ClientNotesEnvelope },
      },
    },
    async (request) => ({
      notes: await reviews.saveNotes(
        requirePrincipal(request),
        request.params.readerUserId,
        request.body.body,
      ),
    }),
  );
}
