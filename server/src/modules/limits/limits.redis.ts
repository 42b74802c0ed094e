import type { FastifyBaseLogger } from "fastify";
import { createClient } from "redis";
import type { CounterStore } from "./limits.service.js";

/**
 * One attempt in one script (atomic in Redis): the first attempt of a window sets its expiry;
 * returns the count and the milliseconds left in the window.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

/**
 * Counters in Redis (REDIS_URL): keys `soulseer:limit:<budget>:<key hash>` that expire with their
 * window, so nothing needs sweeping. Windows run on Redis's clock, not the platform's. Commands
 * fail at once while Redis is unreachable (no offline queue), so a request is refused rather
 * than left waiting.
 */
export function createRedisCounterStore(options: { url: string; logger: FastifyBaseLogger }) {
  const client = createClient({ url: options.url, disableOfflineQueue: true });
  client.on("error", (error: unknown) => options.logger.error({ err: error }, "rate-limit Redis error"));
  let connecting: Promise<unknown> | null = null;
  const connected = () => {
    connecting ??= client.connect();
    return connecting;
  };
  const store: CounterStore & { close(): Promise<void> } = {
    async hit(budget, keyHash, now, windowMs) {
      await connected();
      const reply = (await client.eval(HIT_SCRIPT, {
        keys: [`soulseer:limit:${budget}:${keyHash}`],
        arguments: [String(windowMs)],
      })) as [number, number];
      const [count, ttlMs] = reply;
      return { count: Number(count), windowEndsAt: new Date(now.getTime() + Number(ttlMs)) };
    },
    sweep: async () => 0,
    async close() {
      if (connecting) {
        await connecting.catch(() => {});
        if (client.isOpen) await client.close();
      }
    },
  };
  return store;
}
