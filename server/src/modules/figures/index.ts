import type { AppModule, Platform } from "../../platform/module.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { UsersService } from "../users/users.service.js";
import type { WalletsService } from "../wallets/wallets.service.js";
import { registerFiguresRoutes } from "./figures.routes.js";
import { createFiguresService, type FiguresService } from "./figures.service.js";

/** The admin key figures home: money by period from the ledger, sign-ups, live readings, ledger check. */
export function createFiguresModule(
  deps: Pick<Platform, "clock"> & {
    ledger: LedgerService;
    users: UsersService;
    readings: ReadingsService;
    wallets: WalletsService;
  },
): AppModule<FiguresService> {
  const service = createFiguresService(deps);
  return { name: "figures", service, routes: (app) => registerFiguresRoutes(app, service) };
}
