import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import {
  BookingParamsSchema,
  BookingRefundSchema,
  ReadingParamsSchema,
  ReadingRefundBodySchema,
  ReadingRefundSchema,
} from "./refunds.schemas.js";
import type { RefundsService } from "./refunds.service.js";

export function registerRefundsRoutes(app: App, refunds: RefundsService) {
  app.post(
    "/api/v1/admin/readings/:readingId/refunds",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary:
          "Refund all or part of a reading to the client's wallet (70/30 taken back; reason required, audit-logged)",
        params: ReadingParamsSchema,
        body: ReadingRefundBodySchema,
        response: { 200: ReadingRefundSchema },
      },
    },
    async (request) =>
      refunds.refundReading(requirePrincipal(request), request.params.readingId, request.body, request.id),
  );
  app.post(
    "/api/v1/admin/bookings/:bookingId/refunds",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary:
          "Refund all or part of a booking to the client's wallet: its reading's charges, or what its cancellation captured (70/30 taken back; reason required, audit-logged)",
        params: BookingParamsSchema,
        body: ReadingRefundBodySchema,
        response: { 200: BookingRefundSchema },
      },
    },
    async (request) =>
      refunds.refundBooking(requirePrincipal(request), request.params.bookingId, request.body, request.id),
  );
}
