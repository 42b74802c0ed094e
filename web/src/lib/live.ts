import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { ApiError } from "./api/client";

/** An event pushed by the server for a topic this page listens to. */
export interface LiveEvent {
  topic: string;
  event: string;
  data: Record<string, unknown>;
}
export type LiveState = "connecting" | "open" | "closed";
/** The server closes a socket with this code when the sign-in it was opened with ends. */
const SIGNED_OUT_CLOSE_CODE = 4001;
type Listener = (event: LiveEvent) => void;
/** A chat message as the server stores it (the socket's `chat-ack` and the POST answer alike). */
export interface ChatMessageView {
  id: string;
  readingId: string;
  senderUserId: string;
  clientMessageId: string;
  body: string;
  createdAt: string;
  deliveredAt: string | null;
}
/** The socket cannot carry this now (closed, not yet in the room, no answer): send it over HTTP. */
export class LiveUnavailableError extends Error {}
interface ChatWaiter {
  resolve(message: ChatMessageView): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}
/** Answers that mean "not over this socket", not "not at all". */
const FALL_BACK_CODES = new Set(["FORBIDDEN", "UNAUTHENTICATED", "INTERNAL"]);
const CHAT_ACK_TIMEOUT_MS = 8_000;

const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000];
const KEEPALIVE_MS = 20_000;
/** In a reading room the app says it is alive often, so a silent drop is dated closely. */
const ROOM_KEEPALIVE_MS = 3_000;

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
  private chatWaiters = new Map<string, ChatWaiter>();
  state: LiveState = "closed";
  userId: string | null = null;
  private signingOut = false;

  /** This page is signing out: the server's close of the socket that follows is expected. */
  signOut() {
    this.signingOut = true;
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
      this.failChats();
      this.setState("closed");
      // This sign-in ended elsewhere (signed out on another tab, revoked, account suspended): as
      // after signing out here, a full load of the home page leaves nothing of it in memory.
      // When this page signed out itself, it is already on its way there (a second load would
      // abort the first).
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
    this.failChats();
    old?.close();
    this.connect();
  }

  private receive(raw: string) {
    let message: {
      type?: string;
      topic?: string;
      event?: string;
      data?: Record<string, unknown>;
      userId?: string;
      clientMessageId?: string;
      message?: unknown;
      code?: string;
    };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (message.type === "hello") this.userId = message.userId ?? null;
    if (message.type === "chat-ack" || message.type === "chat-error") return this.answerChat(message);
    if (message.type !== "event" || !message.topic || !message.event) return;
    const event = { topic: message.topic, event: message.event, data: message.data ?? {} };
    for (const listener of this.listeners.get(message.topic) ?? []) listener(event);
    // A signed-in socket hears its own user topic without subscribing; listeners use "user:me".
    if (message.topic === `user:${this.userId}`) {
      for (const listener of this.listeners.get("user:me") ?? []) listener(event);
    }
  }

  /** Relays a signal (typing, WebRTC) to a room this page has joined. */
  signal(topic: string, kind: string, data: Record<string, unknown> = {}) {
    this.send({ type: "signal", topic, kind, data });
  }

  /**
   * Sends a chat message on the open socket; resolves with the stored message. Rejects with
   * `LiveUnavailableError` when the socket cannot carry it (the caller POSTs it instead: a resend
   * with the same `clientMessageId` is a no-op), or with the server's `ApiError` (e.g. CONFLICT).
   */
  sendChat(readingId: string, input: { clientMessageId: string; body: string }) {
    return new Promise<ChatMessageView>((resolve, reject) => {
      const { clientMessageId } = input;
      // A retry of a message still waiting here goes over HTTP (the server answers both the same).
      if (this.chatWaiters.has(clientMessageId) || !this.send({ type: "chat", readingId, ...input })) {
        return reject(new LiveUnavailableError("The live connection is not open."));
      }
      const timer = setTimeout(() => {
        this.chatWaiters.delete(clientMessageId);
        reject(new LiveUnavailableError("No answer on the live connection."));
      }, CHAT_ACK_TIMEOUT_MS);
      this.chatWaiters.set(clientMessageId, { resolve, reject, timer });
    });
  }

  /** Confirms the other side's messages up to `messageId` are shown; false when the socket is not open. */
  sendChatDelivered(readingId: string, messageId: string) {
    return this.send({ type: "chat-delivered", readingId, messageId });
  }

  private answerChat(message: { type?: string; clientMessageId?: string; message?: unknown; code?: string }) {
    const waiter = message.clientMessageId ? this.chatWaiters.get(message.clientMessageId) : undefined;
    if (!waiter || !message.clientMessageId) return;
    this.chatWaiters.delete(message.clientMessageId);
    clearTimeout(waiter.timer);
    if (message.type === "chat-ack") return waiter.resolve(message.message as ChatMessageView);
    const code = message.code ?? "INTERNAL";
    const text = (message as { message?: string }).message ?? "The message was not sent.";
    waiter.reject(FALL_BACK_CODES.has(code) ? new LiveUnavailableError(text) : new ApiError(0, code, text));
  }

  private failChats() {
    for (const waiter of this.chatWaiters.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(new LiveUnavailableError("The live connection closed."));
    }
    this.chatWaiters.clear();
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
    if (event.event === "reader.status" && typeof event.data.status === "string") {
      setStatus({ loaded, live: event.data.status });
    }
  });
  return status.live ?? loaded;
}
