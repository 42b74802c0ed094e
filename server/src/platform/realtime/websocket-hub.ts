import websocket from "@fastify/websocket";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import Type, { type Static } from "typebox";
import Compile from "typebox/compile";
import type { WebSocket } from "ws";
import type { Clock } from "../clock.js";
import type { Principal } from "../http/access.js";
import { DomainError, type ErrorCode } from "../http/errors.js";
import type { BusEvent, EventBus } from "./event-bus.js";

export const LIVE_PATH = "/api/v1/live";
/** The close code of a socket whose sign-in ended (application range 4000–4999). */
export const SIGNED_OUT_CLOSE_CODE = 4001;
const MAX_TOPICS_PER_SOCKET = 200;
const MAX_MESSAGE_BYTES = 16 * 1024;
/** A socket may send this many messages per window; more and it is told to slow down. */
const MESSAGE_BUDGET = { count: 60, windowMs: 10_000 };
/** Messages a member of a room relays to the room as it is: typing and WebRTC signaling. */
export const SIGNAL_KINDS = [
  "typing",
  "rtc-offer",
  "rtc-answer",
  "rtc-ice",
  "rtc-hangup",
  "rtc-ready",
] as const;
/** Chat sends per user per window on this node, however many sockets the user opens (as the POST route). */
export const CHAT_BUDGET_PER_USER = { count: 60, windowMs: 60_000 };
const CHAT_ROOM = "reading:";
/** The room event that carries a stored chat message (`data.message`). */
const CHAT_MESSAGE_EVENT = "reading.message";
/** Echoes the hub's sockets may skip at once; past this the oldest is forgotten (and simply delivered). */
const MAX_ECHOES_TO_SKIP = 100_000;
/** Each ping interval is run in this many ticks, each pinging its share of the sockets. */
const PING_SLICES = 10;
const TEXT_FRAME = { binary: false } as const;
const TOPIC = Type.String({ minLength: 3, maxLength: 120, pattern: "^[a-z-]+:[A-Za-z0-9_-]+$" });
const ROOM_ID = Type.String({ minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9_-]+$" });
const CLIENT_MESSAGE_ID = Type.String({ minLength: 8, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$" });
/** A chat message sent on the socket; the same limits as `POST /api/v1/readings/:id/messages`. */
const ChatSend = Type.Object({
  type: Type.Literal("chat"),
  readingId: ROOM_ID,
  clientMessageId: CLIENT_MESSAGE_ID,
  body: Type.String({ minLength: 1, maxLength: 2000 }),
});
const ChatDelivered = Type.Object({
  type: Type.Literal("chat-delivered"),
  readingId: ROOM_ID,
  messageId: Type.String({ format: "uuid" }),
});
const ClientMessage = Type.Union([
  Type.Object({ type: Type.Literal("subscribe"), topics: Type.Array(TOPIC, { maxItems: 100 }) }),
  Type.Object({ type: Type.Literal("unsubscribe"), topics: Type.Array(TOPIC, { maxItems: 100 }) }),
  Type.Object({ type: Type.Literal("ping") }),
  Type.Object({
    type: Type.Literal("signal"),
    topic: TOPIC,
    kind: Type.Enum([...SIGNAL_KINDS]),
    data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
  ChatSend,
  ChatDelivered,
]);
/** Compiled once: every frame a socket sends is checked against it. */
const clientMessage = Compile(ClientMessage);

type ChatSendMessage = Static<typeof ChatSend>;
type ChatDeliveredMessage = Static<typeof ChatDelivered>;

const isChatFrame = (message: unknown): message is { type: string } =>
  typeof message === "object" &&
  message !== null &&
  ((message as { type?: unknown }).type === "chat" ||
    (message as { type?: unknown }).type === "chat-delivered");

/** The sender and client message id of a chat message event, if it is one. */
function chatEchoOf(data: Record<string, unknown>) {
  const message = data.message as { senderUserId?: unknown; clientMessageId?: unknown } | undefined;
  return typeof message?.senderUserId === "string" && typeof message.clientMessageId === "string"
    ? { senderUserId: message.senderUserId, clientMessageId: message.clientMessageId }
    : null;
}

/** The answer to a refused chat frame, naming the message it refuses when the frame did. */
function chatError(message: Record<string, unknown>, code: ErrorCode, text: string) {
  const pick = (key: string) => (typeof message[key] === "string" ? (message[key] as string) : null);
  return message.type === "chat-delivered"
    ? {
        type: "chat-delivered-error",
        readingId: pick("readingId"),
        messageId: pick("messageId"),
        code,
        message: text,
      }
    : { type: "chat-error", clientMessageId: pick("clientMessageId"), code, message: text };
}

/**
 * Refuses a chat frame on its socket. A module function, not a closure made per message: the app
 * runs through tsx, which keeps names by redefining `name` on every named closure it creates
 * (a slow path in V8, and the closure's properties become a dictionary).
 */
function refuseChat(
  connection: LiveConnection,
  message: Record<string, unknown>,
  code: ErrorCode,
  text: string,
) {
  connection.send(chatError(message, code, text));
}

export interface LiveConnection {
  readonly id: number;
  readonly principal: Principal | null;
  send(message: Record<string, unknown>): void;
}

export interface RealtimeHooks {
  /** Topics other than the public `reader:<id>` and the caller's own `user:<id>`. */
  authorizeTopic?(principal: Principal | null, topic: string): Promise<boolean>;
  onOpen?(connection: LiveConnection): void;
  onClose?(connection: LiveConnection): void;
  /** A socket (signed in or not) started watching these public `reader:<id>` topics, in one subscription. */
  onWatch?(connection: LiveConnection, topics: string[]): void;
  /** A signed-in socket joined a topic granted by `authorizeTopic`. */
  onJoin?(connection: LiveConnection, topic: string): void;
  /** It left that topic (unsubscribed or closed); `lastSeenAt` is its last sign of life. */
  onLeave?(connection: LiveConnection, topic: string, lastSeenAt: Date): void;
  /**
   * A member of `reading:<readingId>` sends a chat message on its socket; answers the stored
   * message (sent back to the sender as `chat-ack`) or throws a `DomainError` (`chat-error`).
   */
  onChat?(
    principal: Principal,
    readingId: string,
    input: { clientMessageId: string; body: string },
  ): Promise<Record<string, unknown>>;
  /** A member of `reading:<readingId>` confirms it shows the other side's messages up to `messageId`. */
  onChatDelivered?(principal: Principal, readingId: string, messageId: string): Promise<{ changed: number }>;
}

export type RealtimeHub = ReturnType<typeof createRealtimeHub>;

interface Connection extends LiveConnection {
  socket: WebSocket;
  topics: Set<string>;
  alive: boolean;
  /** When the socket last sent anything (a message or a pong). */
  lastSeenAt: number;
  /** Closed by us for not answering pings. */
  silent: boolean;
  budget: { windowStart: number; used: number };
}

/**
 * The one WebSocket endpoint: a socket subscribes to topics and receives the events the
 * event bus delivers for them. Signed-in sockets always hear their own `user:<id>` topic.
 */
export function createRealtimeHub(deps: {
  bus: EventBus;
  logger: FastifyBaseLogger;
  allowedOrigin: string;
  pingIntervalMs: number;
  /** Times of joins and leaves (a drop is dated to the socket's last sign of life). */
  clock: Clock;
  /** Sends an event to every node (the event bus outside any transaction). */
  relay(event: BusEvent): Promise<void>;
  hooks: RealtimeHooks;
}) {
  const byTopic = new Map<string, Set<Connection>>();
  const connections = new Set<Connection>();
  let nextId = 1;
  /**
   * The node is shutting down: sockets closing now end without `onLeave` / `onClose`, and no room
   * is joined. The node's rooms and presence end in bulk instead (the readings' `leaveNode`, the
   * presence's `close`): thousands of per-socket updates at once would exhaust the pool.
   */
  let closing = false;

  const join = (connection: Connection, topic: string) => {
    connection.topics.add(topic);
    let members = byTopic.get(topic);
    if (!members) {
      members = new Set();
      byTopic.set(topic, members);
    }
    members.add(connection);
  };
  const isHooked = (topic: string) => !topic.startsWith("reader:") && !topic.startsWith("user:");
  const leave = (connection: Connection, topic: string) => {
    if (!connection.topics.has(topic)) return;
    // A clean close or unsubscribe happens now; a socket dropped for silence was last there earlier.
    const at = connection.silent ? connection.lastSeenAt : deps.clock.now().getTime();
    if (isHooked(topic) && !closing) deps.hooks.onLeave?.(connection, topic, new Date(at));
    connection.topics.delete(topic);
    const members = byTopic.get(topic);
    members?.delete(connection);
    if (members?.size === 0) byTopic.delete(topic);
  };

  /**
   * A sign-in ended (signed out, revoked, timed out) or its account was deactivated: the sockets
   * opened with it close, so nothing more reaches them or is sent as that user.
   */
  const revoke = (event: BusEvent) => {
    const { userId, sessionId } = event.data as { userId?: unknown; sessionId?: unknown };
    for (const connection of connections) {
      const principal = connection.principal;
      if (!principal || principal.userId !== userId) continue;
      if (event.type === "auth.session-ended" && principal.sessionId !== sessionId) continue;
      connection.socket.close(SIGNED_OUT_CLOSE_CODE, "Signed out");
    }
  };

  const deliver = (event: BusEvent) => {
    if (event.type === "auth.session-ended" || event.type === "auth.user-deactivated") return revoke(event);
    const members = byTopic.get(event.topic);
    if (!members) return;
    // Encoded once for the whole room (a string would be encoded again for every socket).
    const frame = Buffer.from(
      JSON.stringify({ type: "event", topic: event.topic, event: event.type, data: event.data }),
    );
    const echo = event.type === CHAT_MESSAGE_EVENT ? chatEchoOf(event.data) : null;
    for (const connection of members) {
      if (echo && connection.principal?.userId === echo.senderUserId) {
        if (echoesToSkip.delete(echoKey(connection, echo.clientMessageId))) continue;
      }
      if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(frame, TEXT_FRAME);
    }
  };
  const unsubscribeBus = deps.bus.subscribe(deliver);

  const mayJoin = async (connection: Connection, topic: string) => {
    if (topic.startsWith("reader:")) return true;
    if (topic.startsWith("user:")) return connection.principal?.userId === topic.slice("user:".length);
    return (await deps.hooks.authorizeTopic?.(connection.principal, topic)) ?? false;
  };

  const chatBudgets = new Map<string, { windowStart: number; used: number }>();
  /** Counts a chat send against the user's budget on this node; false when it is spent. */
  const spendChatBudget = (userId: string, now: number) => {
    let budget = chatBudgets.get(userId);
    if (!budget || now - budget.windowStart >= CHAT_BUDGET_PER_USER.windowMs) {
      budget = { windowStart: now, used: 0 };
      chatBudgets.set(userId, budget);
    }
    budget.used += 1;
    return budget.used <= CHAT_BUDGET_PER_USER.count;
  };

  const forgetSpentChatBudgets = () => {
    const now = deps.clock.now().getTime();
    for (const [userId, budget] of chatBudgets) {
      if (now - budget.windowStart >= CHAT_BUDGET_PER_USER.windowMs) chatBudgets.delete(userId);
    }
  };

  /**
   * Chat messages a socket sent on itself whose event it has not heard back yet (`echoKey`): it
   * gets the stored message in its ack, so the room's copy is not written to it a second time.
   * One set for the hub, not one per socket: a socket's own set emptied and refilled on every
   * message, reallocating its table each time, and with a message a second those tables lived
   * long enough to be promoted, filling the old generation (major collections, late messages).
   */
  const echoesToSkip = new Set<string>();
  const echoKey = (connection: Connection, clientMessageId: string) => `${connection.id} ${clientMessageId}`;

  const skipEcho = (connection: Connection, clientMessageId: string) => {
    if (echoesToSkip.size >= MAX_ECHOES_TO_SKIP) {
      const oldest = echoesToSkip.values().next().value;
      if (oldest !== undefined) echoesToSkip.delete(oldest);
    }
    echoesToSkip.add(echoKey(connection, clientMessageId));
  };

  /** Chat on the socket: only a signed-in member of the reading's room, as itself. */
  const chat = async (connection: Connection, message: ChatSendMessage | ChatDeliveredMessage) => {
    const { principal } = connection;
    if (!principal) return refuseChat(connection, message, "UNAUTHENTICATED", "Sign in to chat.");
    if (!connection.topics.has(CHAT_ROOM + message.readingId))
      return refuseChat(connection, message, "FORBIDDEN", "Join the room first.");
    try {
      if (message.type === "chat-delivered") {
        const onDelivered = deps.hooks.onChatDelivered;
        if (!onDelivered) return refuseChat(connection, message, "NOT_FOUND", "Chat is not available here.");
        const { changed } = await onDelivered(principal, message.readingId, message.messageId);
        return connection.send({
          type: "chat-delivered-ack",
          readingId: message.readingId,
          messageId: message.messageId,
          changed,
        });
      }
      const onChat = deps.hooks.onChat;
      if (!onChat) return refuseChat(connection, message, "NOT_FOUND", "Chat is not available here.");
      if (!spendChatBudget(principal.userId, deps.clock.now().getTime())) {
        return refuseChat(connection, message, "RATE_LIMITED", "Too many messages; slow down.");
      }
      skipEcho(connection, message.clientMessageId);
      const stored = await onChat(principal, message.readingId, {
        clientMessageId: message.clientMessageId,
        body: message.body,
      });
      connection.send({ type: "chat-ack", clientMessageId: message.clientMessageId, message: stored });
    } catch (error) {
      if (message.type === "chat") echoesToSkip.delete(echoKey(connection, message.clientMessageId));
      if (error instanceof DomainError && error.code !== "INTERNAL")
        return refuseChat(connection, message, error.code, error.message);
      deps.logger.error({ err: error, type: message.type }, "live chat failed");
      refuseChat(connection, message, "INTERNAL", "Something went wrong.");
    }
  };

  const onMessage = async (connection: Connection, raw: string) => {
    const now = Date.now();
    connection.lastSeenAt = deps.clock.now().getTime();
    if (now - connection.budget.windowStart > MESSAGE_BUDGET.windowMs) {
      connection.budget = { windowStart: now, used: 0 };
    }
    connection.budget.used += 1;
    if (connection.budget.used > MESSAGE_BUDGET.count) {
      connection.send({ type: "error", code: "RATE_LIMITED", message: "Too many messages; slow down." });
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      message = null;
    }
    if (!clientMessage.Check(message)) {
      if (isChatFrame(message)) {
        return connection.send(chatError(message, "VALIDATION_FAILED", "Malformed chat message."));
      }
      connection.send({ type: "error", code: "VALIDATION_FAILED", message: "Unknown or malformed message." });
      return;
    }
    if (message.type === "ping") return connection.send({ type: "pong" });
    if (message.type === "chat" || message.type === "chat-delivered") return chat(connection, message);
    if (message.type === "signal") {
      // Only a member of a room (granted by authorizeTopic) relays to it; the sender is stamped here.
      if (!connection.principal || !isHooked(message.topic) || !connection.topics.has(message.topic)) {
        return connection.send({ type: "error", code: "FORBIDDEN", message: "Join the room first." });
      }
      try {
        await deps.relay({
          topic: message.topic,
          type: "signal",
          data: { from: connection.principal.userId, kind: message.kind, data: message.data ?? {} },
        });
      } catch {
        connection.send({ type: "error", code: "PAYLOAD_TOO_LARGE", message: "That signal is too large." });
      }
      return;
    }
    if (message.type === "unsubscribe") {
      for (const topic of message.topics) leave(connection, topic);
      return connection.send({ type: "unsubscribed", topics: message.topics });
    }
    const granted: string[] = [];
    const refused: string[] = [];
    const watched: string[] = [];
    for (const topic of message.topics) {
      if (connection.topics.size >= MAX_TOPICS_PER_SOCKET) refused.push(topic);
      else if (connection.topics.has(topic)) granted.push(topic);
      else if (closing && isHooked(topic)) refused.push(topic);
      else if (await mayJoin(connection, topic)) {
        join(connection, topic);
        granted.push(topic);
        if (isHooked(topic)) deps.hooks.onJoin?.(connection, topic);
        else if (topic.startsWith("reader:")) watched.push(topic);
      } else refused.push(topic);
    }
    connection.send({ type: "subscribed", topics: granted, refused });
    if (watched.length > 0) deps.hooks.onWatch?.(connection, watched);
  };

  const open = (socket: WebSocket, principal: Principal | null) => {
    const connection: Connection = {
      id: nextId++,
      principal,
      socket,
      topics: new Set(),
      alive: true,
      lastSeenAt: deps.clock.now().getTime(),
      silent: false,
      budget: { windowStart: Date.now(), used: 0 },
      send(message) {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      },
    };
    connections.add(connection);
    if (principal) join(connection, `user:${principal.userId}`);
    socket.on("pong", () => {
      connection.alive = true;
      connection.lastSeenAt = deps.clock.now().getTime();
    });
    socket.on("message", (data, isBinary) => {
      if (isBinary)
        return connection.send({ type: "error", code: "VALIDATION_FAILED", message: "Text only." });
      onMessage(connection, data.toString()).catch((error) => {
        deps.logger.error({ err: error }, "live message failed");
        connection.send({ type: "error", code: "INTERNAL", message: "Something went wrong." });
      });
    });
    socket.on("close", () => {
      connections.delete(connection);
      for (const topic of [...connection.topics]) leave(connection, topic);
      if (!closing) deps.hooks.onClose?.(connection);
    });
    connection.send({ type: "hello", userId: principal?.userId ?? null, role: principal?.role ?? null });
    deps.hooks.onOpen?.(connection);
  };

  // A socket that misses a whole ping interval without answering is gone (a dropped network
  // sends no close frame); terminating it runs the close handler like any other close. The
  // sockets take turns (one slice per tick), so thousands of pings never go out in one burst.
  let pingSlice = 0;
  const pinger = setInterval(() => {
    pingSlice = (pingSlice + 1) % PING_SLICES;
    if (pingSlice === 0) forgetSpentChatBudgets();
    for (const connection of connections) {
      if (connection.id % PING_SLICES !== pingSlice) continue;
      if (!connection.alive) {
        connection.silent = true;
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }, deps.pingIntervalMs / PING_SLICES);
  pinger.unref();

  return {
    /** Registers `GET /api/v1/live` (the WebSocket upgrade). */
    async register(app: FastifyInstance) {
      // Added before the plugin's own preClose hook, which closes every socket.
      app.addHook("preClose", async () => {
        closing = true;
      });
      await app.register(websocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
      app.route({
        method: "GET",
        url: LIVE_PATH,
        config: { access: "public" },
        schema: { hide: true },
        // Cross-site WebSocket hijacking: a cookie-bearing upgrade must come from our own origin.
        preValidation: async (request) => {
          const origin = request.headers.origin;
          if (request.headers.cookie && origin !== undefined && origin !== deps.allowedOrigin) {
            throw new DomainError("CSRF_REJECTED", "Cross-site connection refused.");
          }
        },
        // A plain HTTP request gets a typed answer instead of hanging.
        handler: async () => {
          throw new DomainError("UPGRADE_REQUIRED", "This endpoint is a WebSocket; connect with an upgrade.");
        },
        wsHandler: (socket, request) => open(socket, request.principal),
      });
    },
    /** The sockets on this node (for tests and metrics). */
    get connectionCount() {
      return connections.size;
    },
    async close() {
      closing = true;
      clearInterval(pinger);
      unsubscribeBus();
      for (const connection of connections) connection.socket.close(1001, "server shutting down");
    },
  };
}
