import type { FastifyReply } from "fastify";
import Type from "typebox";
import { perUserRateLimit, requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  AvailabilityEnvelope,
  AvailabilitySchema,
  BookingEnvelope,
  BookingList,
  BookingListQuery,
  BookingOptionsSchema,
  BookingParams,
  CancelBody,
  CancellationQuote,
  CreateBookingBody,
  JoinEnvelope,
  ReaderParams,
  RescheduleBody,
  SlotsQuery,
  SlotsSchema,
} from "./bookings.schemas.js";
import type { BookingsService } from "./bookings.service.js";

const tags = ["bookings"];

export function registerBookingsRoutes(app: App, bookings: BookingsService) {
  app.get(
    "/api/v1/readers/me/availability",
    {
      config: { access: ["reader"] },
      schema: {
        tags,
        summary: "Your bookable hours, lengths, modalities and rules (defaults until you save them)",
        response: { 200: AvailabilityEnvelope },
      },
    },
    async (request) => bookings.myAvailability(requirePrincipal(request)),
  );
  app.put(
    "/api/v1/readers/me/availability",
    {
      config: { access: ["reader"], rateLimit: perUserRateLimit(30) },
      schema: {
        tags,
        summary: "Set your weekly hours (in your time zone), date exceptions and booking rules",
        body: AvailabilitySchema,
        response: { 200: AvailabilityEnvelope },
      },
    },
    async (request) => bookings.saveAvailability(requirePrincipal(request), request.body),
  );
  app.get(
    "/api/v1/readers/:readerUserId/booking-options",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "What a client may book with a reader: modalities, lengths, rate, and whether booked soon",
        params: ReaderParams,
        response: { 200: BookingOptionsSchema },
      },
    },
    async (request) => bookings.options(request.params.readerUserId),
  );
  app.get(
    "/api/v1/readers/:readerUserId/slots",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "A reader's open slots for one modality and length (default: the next 30 days; at most 62)",
        params: ReaderParams,
        querystring: SlotsQuery,
        response: { 200: SlotsSchema },
      },
    },
    // The service answers with the list already serialised to SlotsSchema, so it is sent as is.
    async (request, reply) =>
      (reply as FastifyReply)
        .type("application/json; charset=utf-8")
        .send(await bookings.slots(request.params.readerUserId, request.query)),
  );
  app.post(
    "/api/v1/bookings",
    {
      config: { access: ["client"], spends: true, rateLimit: perUserRateLimit(20) },
      schema: {
        tags,
        summary: "Book a slot: the full price is held from your wallet (409 SLOT_TAKEN if someone was first)",
        body: CreateBookingBody,
        response: { 201: BookingEnvelope },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ booking: await bookings.book(requirePrincipal(request), request.body) }),
  );
  app.get(
    "/api/v1/bookings",
    {
      config: { access: ["client"] },
      schema: {
        tags,
        summary: "Your bookings as a client: upcoming (soonest first) or past (latest first)",
        querystring: BookingListQuery,
        response: { 200: BookingList },
      },
    },
    async (request) => ({
      items: await bookings.mine(requirePrincipal(request), "client", request.query.scope ?? "upcoming"),
    }),
  );
  app.get(
    "/api/v1/readers/me/bookings",
    {
      config: { access: ["reader"] },
      schema: {
        tags,
        summary: "Your bookings as a reader: upcoming (soonest first) or past (latest first)",
        querystring: BookingListQuery,
        response: { 200: BookingList },
      },
    },
    async (request) => ({
      items: await bookings.mine(requirePrincipal(request), "reader", request.query.scope ?? "upcoming"),
    }),
  );
  app.get(
    "/api/v1/bookings/:bookingId",
    {
      config: { access: ["client", "reader", "admin"] },
      schema: {
        tags,
        summary: "One booking (its client, its reader or an admin)",
        params: BookingParams,
        response: { 200: BookingEnvelope },
      },
    },
    async (request) => ({ booking: await bookings.get(requirePrincipal(request), request.params.bookingId) }),
  );
  app.get(
    "/api/v1/bookings/:bookingId/cancellation",
    {
      config: { access: ["client", "reader"] },
      schema: {
        tags,
        summary: "What cancelling now would give back, and by which rule",
        params: BookingParams,
        response: { 200: CancellationQuote },
      },
    },
    async (request) => bookings.quote(requirePrincipal(request), request.params.bookingId),
  );
  app.post(
    "/api/v1/bookings/:bookingId/cancel",
    {
      // A suspension cancels the person's bookings ahead (full refund): nothing is left to cancel then.
      config: { access: ["client", "reader"], rateLimit: perUserRateLimit(30) },
      schema: {
        tags,
        summary: "Cancel a booking before it starts (the refund follows the cancellation rules)",
        params: BookingParams,
        body: CancelBody,
        response: { 200: BookingEnvelope },
      },
    },
    async (request) => ({
      booking: await bookings.cancel(
        requirePrincipal(request),
        request.params.bookingId,
        request.body.reason,
      ),
    }),
  );
  app.post(
    "/api/v1/bookings/:bookingId/reschedule",
    {
      config: { access: ["client"], rateLimit: perUserRateLimit(20) },
      schema: {
        tags,
        summary: "Move a booking once, for free, at least 24 hours before it starts",
        params: BookingParams,
        body: RescheduleBody,
        response: { 200: BookingEnvelope },
      },
    },
    async (request) => ({
      booking: await bookings.reschedule(requirePrincipal(request), request.params.bookingId, request.body),
    }),
  );
  app.post(
    "/api/v1/bookings/:bookingId/join",
    {
      config: { access: ["client", "reader"], rateLimit: perUserRateLimit(60) },
      schema: {
        tags,
        summary: "Enter the booked reading's room (from 5 minutes before the start); returns the reading",
        params: BookingParams,
        response: { 200: JoinEnvelope },
      },
    },
    async (request) => bookings.join(requirePrincipal(request), request.params.bookingId),
  );
  app.get(
    "/api/v1/bookings/:bookingId/calendar.ics",
    {
      config: { access: ["client", "reader"] },
      schema: {
        tags,
        summary: "The booking as a calendar file (iCalendar); a cancelled one cancels the event",
        params: BookingParams,
        response: { 200: Type.String({ description: "text/calendar" }) },
      },
    },
    async (request, reply) => {
      const file = await bookings.calendar(requirePrincipal(request), request.params.bookingId);
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", `attachment; filename="soulseer-booking.ics"`)
        .header("cache-control", "no-store")
        .send(file);
    },
  );
}
