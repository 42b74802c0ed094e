import type { Config } from "../../config.js";
import type { AppModule, Platform } from "../../platform/module.js";
import type { ReadersService } from "../readers/readers.service.js";
import { registerBrowseRoutes } from "./browse.routes.js";
import { type BrowseService, createBrowseService } from "./browse.service.js";

/** How often the in-memory index checks whether it is due for a reload (it reloads at half its age limit). */
const INDEX_CHECK_MS = 1000;

/**
 * Browse and search of listed readers. Database triggers announce every change browse pages
 * show to every node over the bus; a gap in listening (the bus says when it stops and starts)
 * empties the page cache and reloads the index.
 */
export function createBrowseModule(
  deps: Pick<Platform, "bus" | "clock" | "logger"> & { config: Config; readers: ReadersService },
): AppModule<BrowseService> {
  const service = createBrowseService({
    readers: deps.readers,
    bus: deps.bus,
    clock: deps.clock,
    logger: deps.logger,
    browseCacheMs: deps.config.BROWSE_CACHE_MS,
  });
  const stopEvents = deps.bus.subscribe((event) => service.onBusEvent(event));
  const stopStates = deps.bus.onStateChange(() => service.checkBrowseListening());
  return {
    name: "browse",
    service,
    routes: (app) => registerBrowseRoutes(app, service),
    timers: [
      {
        name: "browse index check",
        everyMs: INDEX_CHECK_MS,
        run: async () => service.checkBrowseListening(),
      },
    ],
    close: async () => {
      stopEvents();
      stopStates();
    },
  };
}
