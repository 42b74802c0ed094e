import type { FastifyBaseLogger } from "fastify";
import type { Clock, ClockTimer } from "./clock.js";
import type { Database, DatabaseHandle } from "./db/database.js";
import type { Mailer } from "./email/mailer.js";
import type { ErrorReporter } from "./error-reporting.js";
import type { App } from "./http/server.js";
import type { Jobs } from "./jobs/jobs.js";
import type { LagProbe } from "./load/lag-probe.js";
import type { Metrics } from "./metrics.js";
import type { PersonalDataTable } from "./personal-data.js";
import type { EventBus } from "./realtime/event-bus.js";
import type { LiveRoom } from "./realtime/live-rooms.js";
import type { RealtimeHub } from "./realtime/websocket-hub.js";
import type { ObjectStorage } from "./storage/object-storage.js";

/** What every module may be built from: the platform's adapters, made once per app. */
export interface Platform {
  app: App;
  db: Database;
  database: DatabaseHandle;
  bus: EventBus;
  hub: RealtimeHub;
  jobs: Jobs;
  mailer: Mailer;
  storage: ObjectStorage;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** Sends failures of ours (500s, timers, jobs) to Sentry when configured. */
  errorReporter: ErrorReporter;
  /** This node's Prometheus registry; modules add gauges read at scrape time. */
  metrics: Metrics;
  /** This node's measured event-loop lag (load shedding, decision 0019). */
  lag: LagProbe;
  /** This app node (a process); rows of its live connections carry it. */
  nodeId: string;
  /** The site's origin (links in emails, notifications). */
  publicOrigin: string;
}

/** Work every node runs on a timer of the platform's clock; a run never overlaps the previous one. */
export interface ModuleTimer {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/** A background job (pg-boss, in the application's database), handled by the module that sends it. */
export interface ModuleJob {
  name: string;
  retryLimit?: number;
  handle(data: object): Promise<void>;
}

/** Declares a job with its data type checked by its handler. */
export function defineJob<Data extends object>(job: {
  name: string;
  retryLimit?: number;
  handle(data: Data): Promise<void>;
}): ModuleJob {
  return job as ModuleJob;
}

/**
 * The one shape of a module (`modules/<domain>/index.ts` exports `create<Domain>Module(deps)`
 * returning it): its service for other modules, its HTTP routes, its live rooms, its jobs and
 * timers, and what it does when the node starts and stops.
 */
export interface AppModule<Service = unknown> {
  name: string;
  service: Service;
  /** Registers the module's HTTP routes (HTTP only: schemas in, one service call, schemas out). */
  routes?(app: App): void | Promise<void>;
  /** Live rooms by name (`reading` for `reading:<id>` topics). */
  rooms?: Record<string, LiveRoom>;
  jobs?: readonly ModuleJob[];
  /** The module's tables that hold a person's data: their export and erase (platform/personal-data.ts). */
  personalData?: readonly PersonalDataTable[];
  timers?: readonly ModuleTimer[];
  /** Runs once the node listens for events, before the timers start. */
  start?(): Promise<void>;
  /** Ends the module's part of the node; modules close in the reverse of their order. */
  close?(): Promise<void>;
}

/**
 * Wires modules into the platform in their order: routes, rooms and jobs now; `start` runs each
 * module's start, then its timers; `close` stops every timer, then closes the modules in reverse.
 */
export async function mountModules(platform: Platform, modules: readonly AppModule[]) {
  for (const module of modules) {
    await module.routes?.(platform.app);
    for (const [name, room] of Object.entries(module.rooms ?? {})) platform.hub.addRoom(name, room);
    for (const job of module.jobs ?? [])
      platform.jobs.register(
        job.name,
        async (data) => {
          try {
            await job.handle(data);
          } catch (error) {
            platform.errorReporter.capture(error, { task: `job ${job.name}` });
            throw error;
          }
        },
        { retryLimit: job.retryLimit },
      );
  }
  const timers: ClockTimer[] = [];
  let stopped = false;
  const every = (module: AppModule, timer: ModuleTimer) => {
    let running = false;
    timers.push(
      platform.clock.setInterval(() => {
        if (running || stopped) return;
        running = true;
        timer
          .run()
          .catch((error) => {
            platform.logger.error({ err: error, module: module.name }, `${timer.name} failed`);
            platform.errorReporter.capture(error, { task: `timer ${timer.name}` });
          })
          .finally(() => {
            running = false;
          });
      }, timer.everyMs),
    );
  };
  return {
    async start() {
      for (const module of modules) await module.start?.();
      for (const module of modules) for (const timer of module.timers ?? []) every(module, timer);
    },
    async close() {
      stopped = true;
      for (const timer of timers) timer.cancel();
      for (const module of [...modules].reverse()) {
        await module
          .close?.()
          .catch((error) => platform.logger.error({ err: error }, `closing ${module.name} failed`));
      }
    },
  };
}
