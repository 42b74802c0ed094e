import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { ApiError } from "./api/client";
import type { components } from "./api/live";

type LiveEventMap = components["schemas"]["LiveEvents"];
type LiveRequestMap = components["schemas"]["LiveRequests"];
export type LiveEventName = keyof LiveEventMap;
export type LiveEventData<Name extends LiveEventName> = LiveEventMap[Name]["data"];
/** An event the server pushed for a topic this page listens to: narrowing on `event` types `data`. */
export type LiveEvent = {
  [Name in LiveEventName]: { topic: string; event: Name; data: LiveEventData<Name> };
}[LiveEventName];
/** A request to a room, by `<room>.<name>` (server/src/live.ts). */
export type LiveRequestKey = keyof LiveRequestMap;
type RequestData<Key extends LiveRequestKey> = LiveRequestMap[Key]["data"];
type RequestReply<Key extends LiveRequestKey> = LiveRequestMap[Key]["reply"];
/** A chat message as the server stores it (the socket's reply and the POST answer alike). */
export type ChatMessageView = RequestReply<"reading.chat">;

export type LiveState = "connecting" | "open" | "closed";
/** The server closes a socket with this code when the sign-in it was opened with ends. */
const SIGNED_OUT_CLOSE_CODE = 4001;
type Listener = (event: LiveEvent) => void;

/** What the server sends on the socket (the frames this page acts on). */
type ServerFrame =
  | ({ type: "event" } & LiveEvent)
  | { type: "events"; topic: string; events: { event: LiveEventName; data: unknown }[] }
  | { type: "hello"; userId: string | null }
  | { type: "reply"; ref: string; data: unknown }
  | { type: "refused"; ref: string | null; code: string; message: string; retryAfterMs?: number }
  | { type: "subscribed" | "unsubscribed" | "pong" | "error" };

/** The socket cannot carry this now (closed, not yet in the room, no answer): send it over HTTP. */
export class LiveUnavailableError extends Error {}
interface Waiter {
  resolve(data: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}
/** Answers that mean "not over this socket", not "not at all". */
const FALL_BACK_CODES = new Set(["FORBIDDEN", "UNAUTHENTICATED", "INTERNAL"]);
const REPLY_TIMEOUT_MS = 8_000;

const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000];
const KEEPALIVE_MS = 20_000;
/** In a reading room the app says it is alive often, so a silent drop is dated closely. */
const ROOM_KEEPALIVE_MS = 3_000;
const newRef = () => crypto.randomUUID().replaceAll("-", "");

/**
 * The app's one WebSocket to `/api/v1/live`. Topics are reference-counted and re-subscribed
 * after every reconnect; subscriptions made in one render are sent as a single message.
 */
class LiveConnection {
  private socket: WebSocket | null = null;
  private listeners = new Map<string, Set<Listener>>();
  private pending = new Set<string>();
  private flushQueued = false;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private keepalive: ReturnType<typeof setInterval> | null = null;
  private stateListeners = new Set<() => void>();
  private waiters = new Map<string, Waiter>();
  state: LiveState = "closed";
  userId: string | null = null;
  private signingOut = false;
  private replacingSession = false;

  /** This page is signing out: the server's close of the socket that follows is expected. */
  signOut() {
    this.signingOut = true;
  }

  /** The sign-out this page started did not happen after all (the request failed). */
  signOutFailed() {
    this.signingOut = false;
  }

  /**
   * This page's sign-in is being replaced by a new one (turning two-factor sign-in on or off):
   * the close of the old sign-in's socket is expected, and the socket reopens on the new one.
   */
  expectSessionReplaced(expected: boolean) {
    this.replacingSession = expected;
  }

  private setState(state: LiveState) {
    this.state = state;
    for (const listener of this.stateListeners) listener();
  }

  onState = (listener: () => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  /** Opens the socket (no-op when open); `restart` reopens it, e.g. after signing in. */
  connect() {
    if (this.socket || typeof WebSocket === "undefined") return;
    const url = new URL("/api/v1/live", window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url);
    this.socket = socket;
    this.setState("connecting");
    socket.onopen = () => {
      this.attempt = 0;
      this.setState("open");
      for (const topic of this.listeners.keys()) this.pending.add(topic);
      this.flush();
      let lastPing = Date.now();
      this.keepalive = setInterval(() => {
        const inRoom = [...this.listeners.keys()].some((topic) => topic.startsWith("reading:"));
        if (inRoom || Date.now() - lastPing >= KEEPALIVE_MS) {
          lastPing = Date.now();
          this.send({ type: "ping" });
        }
      }, ROOM_KEEPALIVE_MS);
    };
    socket.onmessage = (message) => this.receive(String(message.data));
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.keepalive) clearInterval(this.keepalive);
      this.failWaiters();
      this.setState("closed");
      // This sign-in ended elsewhere (signed out on another tab, revoked, account banned) or the
      // account's standing changed (suspended, restored): as after signing out here, a full load
      // of the home page leaves nothing of it in memory (and shows the standing as it is now).
      // When this page signed out itself, it is already on its way there (a second load would
      // abort the first).
      if (event.code === SIGNED_OUT_CLOSE_CODE && this.replacingSession) {
        this.replacingSession = false;
        this.connect();
        return;
      }
      if (event.code === SIGNED_OUT_CLOSE_CODE) {
        if (!this.signingOut) window.location.assign("/");
        return;
      }
      const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)];
      this.attempt += 1;
      this.retry = setTimeout(() => this.connect(), delay);
    };
  }

  restart() {
    if (this.retry) clearTimeout(this.retry);
    const old = this.socket;
    this.socket = null;
    if (this.keepalive) clearInterval(this.keepalive);
    this.failWaiters();
    old?.close();
    this.connect();
  }

  private receive(raw: string) {
    let frame: ServerFrame;
    try {
      // The one place the socket's JSON is trusted: the server sends what server/src/live.ts declares.
      frame = JSON.parse(raw) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === "hello") this.userId = frame.userId ?? null;
    if (frame.type === "reply" || frame.type === "refused") return this.answer(frame);
    if (frame.type === "events") {
      // A busy room's events, batched by the server (at most one frame per room each 100 ms).
      for (const { event, data } of frame.events)
        this.dispatch({ topic: frame.topic, event, data } as LiveEvent);
      return;
    }
    if (frame.type !== "event") return;
    const { type: _type, ...event } = frame;
    this.dispatch(event);
  }

  private dispatch(event: LiveEvent) {
    for (const listener of this.listeners.get(event.topic) ?? []) listener(event);
    // A signed-in socket hears its own user topic without subscribing; listeners use "user:me".
    if (event.topic === `user:${this.userId}`) {
      for (const listener of this.listeners.get("user:me") ?? []) listener(event);
    }
  }

  /** Relays a signal (typing, WebRTC) to a room this page has joined. */
  signal(topic: string, kind: string, data: Record<string, unknown> = {}) {
    this.send({ type: "signal", topic, kind, data });
  }

  /**
   * Sends a request to a room this page has joined; resolves with its reply. Rejects with
   * `LiveUnavailableError` when the socket cannot carry it (the caller uses HTTP instead), or
   * with the server's `ApiError` (e.g. CONFLICT).
   */
  request<Key extends LiveRequestKey>(topic: string, key: Key, ref: string, data: RequestData<Key>) {
    return new Promise<RequestReply<Key>>((resolve, reject) => {
      const name = key.slice(key.indexOf(".") + 1);
      // A retry of a request still waiting here goes over HTTP (the server answers both the same).
      if (this.waiters.has(ref) || !this.send({ type: "request", topic, name, ref, data })) {
        return reject(new LiveUnavailableError("The live connection is not open."));
      }
      const timer = setTimeout(() => {
        this.waiters.delete(ref);
        reject(new LiveUnavailableError("No answer on the live connection."));
      }, REPLY_TIMEOUT_MS);
      this.waiters.set(ref, { resolve: (reply) => resolve(reply as RequestReply<Key>), reject, timer });
    });
  }

  /** Sends a chat message; its client id is the request's ref, so a resend answers the stored one. */
  sendChat(readingId: string, input: { clientMessageId: string; body: string }) {
    return this.request(`reading:${readingId}`, "reading.chat", input.clientMessageId, { body: input.body });
  }

  /** Confirms the other side's messages up to `messageId` are shown; false when the socket is not open. */
  sendChatDelivered(readingId: string, messageId: string) {
    const sent = this.state === "open";
    if (sent)
      this.request(`reading:${readingId}`, "reading.delivered", newRef(), { messageId }).catch(() => {});
    return sent;
  }

  private answer(frame: Extract<ServerFrame, { type: "reply" | "refused" }>) {
    const waiter = frame.ref ? this.waiters.get(frame.ref) : undefined;
    if (!waiter || !frame.ref) return;
    this.waiters.delete(frame.ref);
    clearTimeout(waiter.timer);
    if (frame.type === "reply") return waiter.resolve(frame.data);
    waiter.reject(
      FALL_BACK_CODES.has(frame.code)
        ? new LiveUnavailableError(frame.message)
        : new ApiError(0, frame.code, frame.message, [], frame.retryAfterMs),
    );
  }

  private failWaiters() {
    for (const waiter of this.waiters.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(new LiveUnavailableError("The live connection closed."));
    }
    this.waiters.clear();
  }

  private send(message: unknown) {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  private flush() {
    this.flushQueued = false;
    const topics = [...this.pending].filter((topic) => topic !== "user:me");
    this.pending.clear();
    for (let index = 0; index < topics.length; index += 100) {
      this.send({ type: "subscribe", topics: topics.slice(index, index + 100) });
    }
  }

  subscribe(topic: string, listener: Listener) {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
      this.pending.add(topic);
      if (!this.flushQueued) {
        this.flushQueued = true;
        queueMicrotask(() => this.flush());
      }
    }
    set.add(listener);
    this.connect();
    return () => {
      const current = this.listeners.get(topic);
      current?.delete(listener);
      if (current?.size === 0) {
        this.listeners.delete(topic);
        if (topic !== "user:me") this.send({ type: "unsubscribe", topics: [topic] });
      }
    };
  }
}

export const live = new LiveConnection();

/** Calls `onEvent` for each event on `topic` while the component is mounted. */
export function useLiveTopic(topic: string | null, onEvent: Listener) {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    if (!topic) return;
    return live.subscribe(topic, (event) => latest.current(event));
  }, [topic]);
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(live.onState, () => live.state);
}

/** A reader's status as it changes live, starting from what the page loaded. */
export function useReaderStatus(readerUserId: string, loaded: string) {
  const [status, setStatus] = useState({ loaded, live: null as string | null });
  if (status.loaded !== loaded) setStatus({ loaded, live: null });
  useLiveTopic(`reader:${readerUserId}`, (event) => {
    if (event.event === "reader.status") setStatus({ loaded, live: event.data.status });
  });
  return status.live ?? loaded;
}
