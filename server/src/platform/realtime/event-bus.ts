import { sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import pg from "pg";
import type { Executor } from "../db/database.js";

/** The one PostgreSQL channel every app node listens on. */
export const EVENT_CHANNEL = "soulseer_events";
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
export const MAX_PAYLOAD_BYTES = 7900;
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];

/** A live event for the sockets subscribed to `topic` (`<room>:<id>`). */
export interface BusEvent {
  topic: string;
  type: string;
  data: Record<string, unknown>;
  /**
   * The request this event answers (a chat message): the socket that sent it gets the result in
   * its reply, so the hub does not send it the event as well.
   */
  echo?: { userId: string; ref: string };
}

export type EventBus = ReturnType<typeof createEventBus>;

export function encodeEvent(event: BusEvent): string {
  const payload = JSON.stringify(event);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most payloads are small enough without counting.
  if (payload.length * 3 > MAX_PAYLOAD_BYTES && Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
    throw new Error(`event ${event.type} is too large for NOTIFY (${Buffer.byteLength(payload)} bytes)`);
  }
  return payload;
}

/**
 * Groups encoded events (each from `encodeEvent`) into as few NOTIFY payloads as fit: answers,
 * per event in order, the number of its payload. Consecutive events share a payload, sent as the
 * JSON array `[event,event,…]` while that stays within the limit; an event alone in its payload is
 * sent as it is. One NOTIFY per payload instead of one per event: fewer queue entries to write at
 * commit and fewer notifications for every listening node to read.
 */
export function packEvents(payloads: readonly string[]): number[] {
  const chunks: number[] = [];
  let chunk = -1;
  /** Bytes of the current payload as an array: the brackets, its events and the commas between them. */
  let arrayBytes = 0;
  for (const payload of payloads) {
    const bytes = Buffer.byteLength(payload);
    if (chunk >= 0 && arrayBytes + 1 + bytes <= MAX_PAYLOAD_BYTES) {
      arrayBytes += 1 + bytes;
    } else {
      chunk += 1;
      arrayBytes = 2 + bytes;
    }
    chunks.push(chunk);
  }
  return chunks;
}

/** The NOTIFY payloads of encoded events, packed by `packEvents`: one event as it is, more as an array. */
export function packPayloads(encoded: readonly string[]): string[] {
  const chunks = packEvents(encoded);
  const groups: string[][] = [];
  for (const [index, payload] of encoded.entries()) {
    const chunk = chunks[index] ?? 0;
    groups[chunk] = [...(groups[chunk] ?? []), payload];
  }
  return groups.map((group) => (group.length === 1 ? (group[0] as string) : `[${group.join(",")}]`));
}

const isEvent = (value: unknown): value is BusEvent =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as BusEvent).topic === "string" &&
  typeof (value as BusEvent).type === "string" &&
  typeof (value as BusEvent).data === "object" &&
  (value as BusEvent).data !== null;

/** The events of one NOTIFY payload: one event, or a `packEvents` array of them (malformed ones dropped). */
export function decodeEvents(payload: string | undefined): BusEvent[] {
  if (!payload) return [];
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return [];
  }
  if (Array.isArray(value)) return value.filter(isEvent);
  return isEvent(value) ? [value] : [];
}

/**
 * Events across app nodes over PostgreSQL LISTEN/NOTIFY. Publishing inside a transaction
 * delivers on commit (and never on rollback); every node, the publisher included, receives
 * each event once through its listening connection, so there is one delivery path.
 */
export function createEventBus(deps: {
  connectionString: string;
  /** Publishes events that belong to no transaction (signals relayed by the hub). */
  db: Executor;
  logger: FastifyBaseLogger;
}) {
  const handlers = new Set<(event: BusEvent) => void>();
  const stateListeners = new Set<(connected: boolean) => void>();
  const setClient = (next: pg.Client | null) => {
    const changed = (client === null) !== (next === null);
    client = next;
    if (changed) for (const listener of stateListeners) listener(next !== null);
  };
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: deps.connectionString });
    next.on("notification", (message) => {
      for (const event of decodeEvents(message.payload)) {
        for (const handler of handlers) handler(event);
      }
    });
    next.on("error", (error) => {
      deps.logger.warn({ err: error }, "event bus connection lost; reconnecting");
      void next.end().catch(() => {});
      if (client === next) setClient(null);
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`listen ${EVENT_CHANNEL}`);
    setClient(next);
    attempt = 0;
  };

  const scheduleReconnect = () => {
    if (closed) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
    attempt += 1;
    setTimeout(() => {
      if (closed || client) return;
      connect().catch((error) => {
        deps.logger.warn({ err: error }, "event bus reconnect failed");
        scheduleReconnect();
      });
    }, delay).unref();
  };

  return {
    /** Opens the listening connection; until then events are published but not received here. */
    start: () => connect(),
    /**
     * Sends an event to every node; inside a transaction (`db`) it is sent when the transaction
     * commits, with `null` at once.
     */
    async publish(db: Executor | null, event: BusEvent) {
      await (db ?? deps.db).execute(sql`select pg_notify(${EVENT_CHANNEL}, ${encodeEvent(event)})`);
    },
    /**
     * Several events in one statement (packed into as few NOTIFY payloads as fit, in order): one
     * round trip where a transaction tells several people at once.
     */
    async publishMany(db: Executor | null, events: readonly BusEvent[]) {
      if (events.length === 0) return;
      const grouped = packPayloads(events.map(encodeEvent));
      await (db ?? deps.db).execute(
        sql`select pg_notify(${EVENT_CHANNEL}, payload) from unnest(array[${sql.join(
          grouped.map((payload) => sql`${payload}`),
          sql`, `,
        )}]::text[]) with ordinality as p(payload, n) order by n`,
      );
    },
    subscribe(handler: (event: BusEvent) => void) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    get connected() {
      return client !== null;
    },
    /** Calls `listener` each time listening starts or stops (events may be missed in between). */
    onStateChange(listener: (connected: boolean) => void) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    async close() {
      closed = true;
      handlers.clear();
      stateListeners.clear();
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
