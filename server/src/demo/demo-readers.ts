import type { FastifyBaseLogger } from "fastify";
import WebSocket from "ws";
import { createDemoApi, type DemoApi, DemoApiError } from "./demo-api.js";
import { createDemoMessages } from "./demo-messages.js";
import { createLines } from "./demo-reader-lines.js";
import {
  createDemoReading,
  type DemoReading,
  type DemoReadingTimings,
  type DemoReadingView,
  OPEN_READING_STATES,
} from "./demo-reading.js";

/**
 * The automatic demo readers: a small client per demo reader that signs in over HTTP, goes online,
 * keeps a live WebSocket open and answers chat readings (see demo-reading.ts) — the public API and
 * the socket exactly as a reader's browser uses them; the server has no special path for them.
 * Started by `npm start` in demo mode only, for readers whose profile says `automaticDemo`.
 */

export interface DemoReaderAccount {
  email: string;
  password: string;
  /** The reader's public page; the client starts only when it shows an automatic demo reader. */
  slug: string;
}

export interface DemoReaderTimings extends DemoReadingTimings {
  /** Ping interval while in a reading room (the web app's 3 s), so a silent drop is dated closely. */
  roomPingMs: number;
  /** Ping interval otherwise. */
  idlePingMs: number;
  /** Waits before reconnecting, the last one repeated. */
  reconnectDelaysMs: readonly number[];
  /** Consecutive failed connections before the reader gives up (and logs it). */
  maxReconnects: number;
  requestTimeoutMs: number;
}

export const DEFAULT_DEMO_READER_TIMINGS: DemoReaderTimings = {
  acceptDelayMs: [1_500, 3_000],
  greetingDelayMs: 1_500,
  replyDelayMs: [2_500, 5_000],
  readingLengthMs: 4 * 60_000,
  quietEndMs: 90_000,
  goodbyeToEndMs: 4_000,
  maxRepliesPerReading: 40,
  roomPingMs: 3_000,
  idlePingMs: 20_000,
  reconnectDelaysMs: [500, 1_000, 2_000, 5_000, 10_000, 30_000],
  maxReconnects: 120,
  requestTimeoutMs: 10_000,
};

/** Readings one demo reader keeps track of at once (the server lets a reader have one open). */
const MAX_TRACKED_READINGS = 4;
const CLOSE_WAIT_MS = 1_000;

type Logger = Pick<FastifyBaseLogger, "info" | "warn" | "error">;

interface ReaderContext {
  api: DemoApi;
  baseUrl: string;
  origin: string;
  timings: DemoReaderTimings;
  random: () => number;
  logger: Logger;
}

export function startDemoReaders(options: {
  /** Where the server listens (loopback). */
  baseUrl: string;
  /** The site's public origin, sent as `Origin` as a browser would. */
  origin: string;
  accounts: readonly DemoReaderAccount[];
  logger: Logger;
  timings?: Partial<DemoReaderTimings>;
  random?: () => number;
}) {
  const timings = { ...DEFAULT_DEMO_READER_TIMINGS, ...options.timings };
  const context: ReaderContext = {
    api: createDemoApi({
      baseUrl: options.baseUrl,
      origin: options.origin,
      timeoutMs: timings.requestTimeoutMs,
    }),
    baseUrl: options.baseUrl,
    origin: options.origin,
    timings,
    random: options.random ?? Math.random,
    logger: options.logger,
  };
  const readers = options.accounts.map((account) => createDemoReader(account, context));
  const started = Promise.all(readers.map((reader) => reader.start()));
  return {
    /** Resolves once every reader has looked itself up and, if it exists, connected or given up. */
    started,
    /** How many readers are running (their profile exists and is an automatic demo reader). */
    running: () => readers.filter((reader) => reader.running()).length,
    async stop() {
      await Promise.all(readers.map((reader) => reader.stop()));
    },
  };
}

function createDemoReader(account: DemoReaderAccount, context: ReaderContext) {
  const { api, timings, logger } = context;
  let name = account.slug;
  let running = false;
  let stopped = false;
  let cookie: string | null = null;
  let userId: string | null = null;
  let socket: WebSocket | null = null;
  let failures = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let pingTimer: NodeJS.Timeout | null = null;
  let lines = createLines(name, context.random);
  const readings = new Map<string, DemoReading>();
  const messages = createDemoMessages({
    api,
    cookie: () => cookie,
    lines: () => lines,
    replyDelayMs: timings.replyDelayMs,
    random: context.random,
    logger,
  });

  const sendFrame = (frame: object) => {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  };

  function track(view: DemoReadingView) {
    if (!userId || view.readerUserId !== userId) return;
    let reading = readings.get(view.id);
    if (!reading) {
      if (!OPEN_READING_STATES.has(view.state) || readings.size >= MAX_TRACKED_READINGS) return;
      reading = createDemoReading(view, {
        api,
        cookie: () => cookie,
        userId,
        lines,
        timings,
        random: context.random,
        logger,
        sendFrame,
        done(readingId, last) {
          readings.delete(readingId);
          // A request that rang out leaves the reader away: come back online for the next client.
          if (last?.endCause === "missed")
            goOnline().catch((error) =>
              logger.warn({ err: error, reader: name }, "demo reader could not go online"),
            );
        },
      });
      readings.set(view.id, reading);
    }
    reading.update(view);
  }

  async function goOnline() {
    try {
      await api.call("PUT", "/api/v1/readers/me/status", cookie, { status: "online" });
    } catch (error) {
      // Busy in a reading: the status follows the reading.
      if (!(error instanceof DemoApiError && error.code === "CONFLICT")) throw error;
    }
  }

  /** After each (re)connect: online again, and pick up readings that moved on while disconnected. */
  async function resume() {
    await goOnline();
    const mine = (await api.call("GET", "/api/v1/readings?limit=10", cookie)) as {
      items?: DemoReadingView[];
    };
    const open = (mine.items ?? []).filter((view) => OPEN_READING_STATES.has(view.state));
    for (const reading of readings.values()) {
      if (open.some((view) => view.id === reading.id)) continue;
      const latest = (await api.call("GET", `/api/v1/readings/${reading.id}`, cookie)) as {
        reading?: DemoReadingView;
      };
      reading.close(latest.reading ?? null);
    }
    for (const view of open) track(view);
  }

  function onFrame(raw: string) {
    let message: { type?: string; topic?: string; event?: string; userId?: string | null; data?: unknown };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (message.type === "hello") {
      // Not signed in any more (the session ended): sign in again on the next connection.
      if (!message.userId) return void dropSession();
      failures = 0;
      for (const reading of readings.values()) reading.socketReopened();
      resume().catch((error) => logger.warn({ err: error, reader: name }, "demo reader could not resume"));
      return;
    }
    if (message.type !== "event" || !message.topic) return;
    const data = (message.data ?? {}) as { reading?: DemoReadingView; message?: { senderUserId?: unknown } };
    if (message.topic === `user:${userId}` && data.reading) return track(data.reading);
    if (message.topic === `user:${userId}` && message.event === "message.new")
      return messages.onMessage(data as Parameters<typeof messages.onMessage>[0]);
    if (message.event === "reading.message" && message.topic.startsWith("reading:") && data.message)
      readings.get(message.topic.slice("reading:".length))?.onMessage(data.message);
  }

  function dropSession() {
    cookie = null;
    socket?.close();
  }

  function scheduleReconnect(reason: unknown) {
    if (stopped) return;
    failures += 1;
    if (failures > timings.maxReconnects) {
      logger.error({ err: reason, reader: name }, "demo reader gave up reconnecting");
      return;
    }
    const delays = timings.reconnectDelaysMs;
    const delayMs = delays[Math.min(failures - 1, delays.length - 1)] ?? 1_000;
    reconnectTimer = setTimeout(() => {
      connect().catch((error) => scheduleReconnect(error));
    }, delayMs);
    reconnectTimer.unref();
  }

  function startPinging() {
    let sinceIdlePingMs = 0;
    pingTimer = setInterval(() => {
      sinceIdlePingMs += timings.roomPingMs;
      if (readings.size > 0 || sinceIdlePingMs >= timings.idlePingMs) {
        sinceIdlePingMs = 0;
        sendFrame({ type: "ping" });
      }
    }, timings.roomPingMs);
    pingTimer.unref();
  }

  async function connect() {
    reconnectTimer = null;
    if (stopped) return;
    try {
      if (!cookie) ({ cookie, userId } = await api.signIn(account.email, account.password));
    } catch (error) {
      logger.warn({ err: error, reader: name }, "demo reader could not sign in");
      return scheduleReconnect(error);
    }
    if (stopped) return;
    const url = new URL("/api/v1/live", context.baseUrl);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const opened = new WebSocket(url, { headers: { origin: context.origin, cookie: cookie ?? "" } });
    socket = opened;
    opened.on("message", (data) => onFrame(data.toString()));
    opened.on("error", (error) => logger.warn({ err: error, reader: name }, "demo reader socket error"));
    opened.on("open", startPinging);
    opened.on("close", (code) => {
      if (pingTimer) clearInterval(pingTimer);
      pingTimer = null;
      if (socket === opened) socket = null;
      if (code === 4001) cookie = null;
      scheduleReconnect(new Error(`socket closed (${code})`));
    });
  }

  return {
    running: () => running,
    /** Never throws: a reader that cannot start says why in the log. */
    async start() {
      const found = await api
        .call("GET", `/api/v1/readers/${encodeURIComponent(account.slug)}`, null)
        .catch((error) => {
          logger.warn({ err: error, reader: account.slug }, "demo reader could not look itself up");
          return null;
        });
      const reader = found?.reader as { automaticDemo?: boolean; displayName?: string } | undefined;
      if (!reader?.automaticDemo || stopped) {
        logger.info(`no automatic demo reader at /readers/${account.slug}; not starting it`);
        return;
      }
      name = reader.displayName ?? name;
      lines = createLines(name.split(" ")[0] ?? name, context.random);
      running = true;
      await connect().catch((error) => scheduleReconnect(error));
      logger.info(`automatic demo reader ${name} is answering chat readings`);
    },
    async stop() {
      stopped = true;
      running = false;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      messages.stop();
      for (const reading of [...readings.values()]) reading.close();
      const open = socket;
      if (!open || open.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          open.terminate();
          resolve();
        }, CLOSE_WAIT_MS);
        open.once("close", () => {
          clearTimeout(timer);
          resolve();
        });
        open.close();
      });
    },
  };
}
