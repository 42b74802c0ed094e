import type { FastifyBaseLogger } from "fastify";
import PgBoss from "pg-boss";

export type JobHandler<T> = (data: T) => Promise<void>;

export interface Jobs {
  /** Registers a handler; call before start(). */
  register<T extends object>(name: string, handler: JobHandler<T>, options?: { retryLimit?: number }): void;
  /** Queues a job; with `id`, sending the same id again queues nothing (while that job is kept). */
  send<T extends object>(name: string, data: T, options?: { id?: string }): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Jobs waiting (created or to retry) in each registered queue; empty before start. */
  queueDepths(): Promise<{ name: string; depth: number }[]>;
}

/** Background jobs on pg-boss, in the application's own PostgreSQL. */
export function createJobs(options: { connectionString: string; logger: FastifyBaseLogger }): Jobs {
  const boss = new PgBoss({ connectionString: options.connectionString, max: 4, schema: "pgboss" });
  boss.on("error", (error) => options.logger.error({ err: error }, "job queue error"));
  const handlers = new Map<string, { handler: JobHandler<object>; retryLimit: number }>();
  let started = false;
  /** Whether pg-boss is up (from its start to the end of its stop, jobs finishing included). */
  let opened = false;
  return {
    register(name, handler, registerOptions) {
      if (started) throw new Error(`job ${name} registered after start`);
      handlers.set(name, {
        handler: handler as JobHandler<object>,
        retryLimit: registerOptions?.retryLimit ?? 5,
      });
    },
    async send(name, data, sendOptions) {
      const entry = handlers.get(name);
      if (!entry) throw new Error(`unknown job ${name}`);
      // pg-boss before its start fails on an unopened pool ("Cannot destructure property 'rows'").
      if (!opened) throw new Error(`job ${name} not queued: the job queue is not running`);
      await boss.send(name, data, {
        retryLimit: entry.retryLimit,
        retryBackoff: true,
        retryDelay: 5,
        ...(sendOptions?.id ? { id: sendOptions.id } : {}),
      });
    },
    async start() {
      await boss.start();
      opened = true;
      for (const [name, entry] of handlers) {
        await boss.createQueue(name);
        await boss.work<object>(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
          for (const job of jobs) await entry.handler(job.data);
        });
      }
      started = true;
    },
    async queueDepths() {
      if (!started) return [];
      const names = [...handlers.keys()];
      return Promise.all(names.map(async (name) => ({ name, depth: await boss.getQueueSize(name) })));
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      opened = false;
    },
  };
}
