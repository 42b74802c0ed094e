import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import type { EarningsService } from "./earnings.service.js";

const Cents = Type.Integer({ minimum: 0 });

export function registerEarningsRoutes(app: App, earnings: EarningsService) {
  app.get(
    "/api/v1/readers/me/earnings",
    {
      config: { access: ["reader"] },
      schema: {
        tags: ["earnings"],
        summary:
          "Your earnings: payable balance, your share of readings and tips today / this week / this month (UTC), 30 days by day, recent paid readings",
        response: {
          200: Type.Object({
            payableCents: Cents,
            todayCents: Cents,
            weekCents: Cents,
            monthCents: Cents,
            tips: Type.Object(
              { todayCents: Cents, weekCents: Cents, monthCents: Cents },
              { description: "The part of each total that came from tips." },
            ),
            days: Type.Array(
              Type.Object({ day: Type.String({ format: "date" }), cents: Cents, tipCents: Cents }),
            ),
            readings: Type.Array(
              Type.Object({
                id: Type.String(),
                modality: Type.String(),
                endedAt: Type.String({ format: "date-time" }),
                billedSeconds: Type.Integer(),
                chargedCents: Cents,
                readerShareCents: Cents,
                tipCents: Cents,
              }),
            ),
          }),
        },
      },
    },
    async (request) => earnings.mine(requirePrincipal(request)),
  );
}
