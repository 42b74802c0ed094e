import Type from "typebox";
import type { App } from "../../platform/http/server.js";
import type { PaymentsService } from "./payments.service.js";

/** The provider's webhook: the signature is checked over the raw body, so JSON is not parsed here. */
export async function registerPaymentRoutes(app: App, payments: PaymentsService) {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/json",
      { parseAs: "buffer", bodyLimit: 256 * 1024 },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      "/api/v1/payments/webhook",
      {
        config: { access: "public" },
        schema: {
          tags: ["payments"],
          summary: "Payment provider events (Stripe-signed; the sandbox signs with a local secret)",
          headers: Type.Object({ "stripe-signature": Type.Optional(Type.String({ maxLength: 2000 })) }),
          response: { 200: Type.Object({ eventId: Type.String(), outcome: Type.String() }) },
        },
      },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from(String(request.body ?? ""));
        const signature = request.headers["stripe-signature"];
        return payments.handleWebhook(raw, typeof signature === "string" ? signature : undefined);
      },
    );
  });
}
