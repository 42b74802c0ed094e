import type { App } from "../../platform/http/server.js";
import { FiguresQuerySchema, FiguresSchema } from "./figures.schemas.js";
import type { FiguresService } from "./figures.service.js";

export function registerFiguresRoutes(app: App, figures: FiguresService) {
  app.get(
    "/api/v1/admin/figures",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary:
          "Key figures: money in, platform revenue, readers' earnings, payouts, refunds and disputes per UTC day / ISO week / month (from the ledger), sign-ups, readings in progress, the latest ledger check",
        querystring: FiguresQuerySchema,
        response: { 200: FiguresSchema },
      },
    },
    async (request) => figures.keyFigures(request.query.period ?? "day"),
  );
}
