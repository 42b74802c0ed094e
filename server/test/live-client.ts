import WebSocket from "ws";
import { TEST_ORIGIN } from "./harness.js";

export interface LiveMessage {
  type: string;
  topic?: string;
  event?: string;
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A real WebSocket client of `/api/v1/live` that records every message it receives. */
export async function openLive(baseUrl: string, options: { cookie?: string; origin?: string } = {}) {
  const headers: Record<string, string> = { origin: options.origin ?? TEST_ORIGIN };
  if (options.cookie) headers.cookie = options.cookie;
  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/api/v1/live`, { headers });
  const messages: LiveMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on("message", (data) => {
    const frame = JSON.parse(data.toString()) as LiveMessage;
    // A batched room's frame: recorded as the events it carries, each as the hub sends one alone.
    if (frame.type === "events" && Array.isArray(frame.events))
      for (const { event, data: payload } of frame.events as {
        event: string;
        data: Record<string, unknown>;
      }[])
        messages.push({ type: "event", topic: frame.topic, event, data: payload, batched: true });
    else messages.push(frame);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
    socket.once("unexpected-response", (_request, response) =>
      reject(new Error(`upgrade refused with ${response.statusCode}`)),
    );
  });
  let seen = 0;
  const client = {
    socket,
    messages,
    send: (message: unknown) => socket.send(JSON.stringify(message)),
    /** The next message (after those already taken) that matches, waiting up to `timeoutMs`. */
    next(match: (message: LiveMessage) => boolean = () => true, timeoutMs = 5_000): Promise<LiveMessage> {
      return new Promise((resolve, reject) => {
        const look = () => {
          while (seen < messages.length) {
            const message = messages[seen++] as LiveMessage;
            if (match(message)) {
              waiters.delete(look);
              clearTimeout(timer);
              resolve(message);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no matching live message in ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
        }, timeoutMs);
        waiters.add(look);
        look();
      });
    },
    /**
     * Sends a request to a room (`{ type: "request", topic, name, ref, data }`) and waits for its
     * answer: `{ type: "reply", ref, data }` or `{ type: "refused", ref, code, message }`.
     */
    async request(topic: string, name: string, ref: string, data: unknown) {
      client.send({ type: "request", topic, name, ref, data });
      return client.next(
        (message) => (message.type === "reply" || message.type === "refused") && message.ref === ref,
      );
    },
    async subscribe(topics: string[]) {
      client.send({ type: "subscribe", topics });
      return client.next((message) => message.type === "subscribed");
    },
    close() {
      return new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once("close", () => resolve());
        socket.close();
      });
    },
  };
  await client.next((message) => message.type === "hello");
  return client;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until it returns `expected` (bounded); returns the last value read. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await sleep(25);
    value = await read();
  }
  return value;
}
