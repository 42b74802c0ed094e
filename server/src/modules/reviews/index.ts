import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { UsersService } from "../users/users.service.js";
import { reviewsPersonalData } from "./reviews.personal-data.js";
import { registerReviewRoutes } from "./reviews.routes.js";
import { createReviewsService, type ReviewsService } from "./reviews.service.js";

/** After a reading: the client's review (and the reader's one reply), tips, private notes on readers. */
export function createReviewsModule(
  deps: Pick<Platform, "db" | "clock"> & {
    config: Config;
    readings: ReadingsService;
    readers: ReadersService;
    users: UsersService;
    ledger: LedgerService;
  },
): AppModule<ReviewsService> {
  const service = createReviewsService({
    ...deps,
    readerShareBasisPoints: deps.config.READER_SHARE_BASIS_POINTS,
  });
  return {
    name: "reviews",
    service,
    routes: (app) => registerReviewRoutes(app, service),
    personalData: reviewsPersonalData,
  };
}
