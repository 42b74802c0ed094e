/*
 * About 400 lines on purpose: one socket's whole life (sign-in check, frames, request/reply,
 * subscriptions, budgets, echoes, pings, close); the room registry lives in live-rooms.ts.
 */
import websocket from "@fastify/websocket";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import Type from "typebox";
import Compile from "typebox/compile";
import type { WebSocket } from "ws";
import type { Clock } from "../clock.js";
import type { Principal } from "../http/access.js";
import { DomainError, type ErrorCode } from "../http/errors.js";
import type { BusEvent, EventBus } from "./event-bus.js";
import {
  createRoomRegistry,
  forgetSpentBudgets,
  type LiveConnection,
  type LiveRoom,
  type RegisteredRoom,
  spendBudget,
  USER_ROOM,
} from "./live-rooms.js";

export const LIVE_PATH = "/api/v1/live";
/** The close code of a socket whose sign-in ended (application range 4000–4999). */
export const SIGNED_OUT_CLOSE_CODE = 4001;
const MAX_TOPICS_PER_SOCKET = 200;
const MAX_MESSAGE_BYTES = 16 * 1024;
/**
 * The largest frame any socket of this server may send: the live socket's own limit is checked per
 * message below; the media sockets of live streams (one recorder chunk a frame) share the plugin's
 * WebSocket server, and so its limit.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** A socket may send this many messages per window; more and it is told to slow down. */
const MESSAGE_BUDGET = { count: 60, windowMs: 10_000 };
/** Echoes the hub's sockets may skip at once; past this the oldest is forgotten (and simply delivered). */
const MAX_ECHOES_TO_SKIP = 100_000;
/** A batched room's frame carries at most this many events; a fuller batch goes out at once. */
const MAX_EVENTS_PER_BATCH = 500;
/** Each ping interval is run in this many ticks, each pinging its share of the sockets. */
const PING_SLICES = 10;
const TEXT_FRAME = { binary: false } as const;
const TOPIC = Type.String({ minLength: 3, maxLength: 120, pattern: "^[a-z-]+:[A-Za-z0-9_-]+$" });
const REF = Type.String({ minLength: 8, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$" });
const ClientMessage = Type.Union([
  Type.Object({ type: Type.Literal("subscribe"), topics: Type.Array(TOPIC, { maxItems: 100 }) }),
  Type.Object({ type: Type.Literal("unsubscribe"), topics: Type.Array(TOPIC, { maxItems: 100 }) }),
  Type.Object({ type: Type.Literal("ping") }),
  Type.Object({
    type: Type.Literal("signal"),
    topic: TOPIC,
    kind: Type.String({ minLength: 1, maxLength: 40 }),
    data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
  Type.Object({
    type: Type.Literal("request"),
    topic: TOPIC,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    ref: REF,
    data: Type.Unknown(),
  }),
]);
/** Compiled once: every frame a socket sends is checked against it. */
const clientMessage = Compile(ClientMessage);
type RequestFrame = Extract<Type.Static<typeof ClientMessage>, { type: "request" }>;

/** The `ref` of a frame that looks like a request, so a malformed one is refused by name. */
const refOf = (message: unknown) => {
  const frame = message as { type?: unknown; ref?: unknown } | null;
  return typeof frame === "object" && frame?.type === "request" && typeof frame.ref === "string"
    ? frame.ref.slice(0, 64)
    : null;
};

/** The bytes of a received frame (ws hands over a Buffer, or fragments as an array of them). */
function frameBytes(data: Buffer | ArrayBuffer | Buffer[]) {
  return Array.isArray(data) ? data.reduce((sum, part) => sum + part.length, 0) : data.byteLength;
}

/**
 * Refuses a request on its socket. A module function, not a closure made per message: a closure
 * per frame is garbage on the hottest path (chat), and named closures are slower to create.
 */
function refuse(
  connection: LiveConnection,
  ref: string | null,
  code: ErrorCode,
  message: string,
  retryAfterMs?: number,
) {
  connection.send(
    retryAfterMs === undefined
      ? { type: "refused", ref, code, message }
      : { type: "refused", ref, code, message, retryAfterMs },
  );
}

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

export type RealtimeHub = ReturnType<typeof createRealtimeHub>;

/**
 * The one WebSocket endpoint: a socket subscribes to topics (`<room>:<id>`) and receives the
 * events the event bus delivers for them. Rooms are registered by the modules that own them
 * (`addRoom`); the hub knows only the `user` room, which every signed-in socket is in.
 */
export function createRealtimeHub(deps: {
  bus: EventBus;
  logger: FastifyBaseLogger;
  allowedOrigin: string;
  pingIntervalMs: number;
  /** Times of joins, leaves, budgets and pings (a drop is dated to the socket's last sign of life). */
  clock: Clock;
}) {
  const rooms = createRoomRegistry();
  const byTopic = new Map<string, Set<Connection>>();
  const connections = new Set<Connection>();
  let nextId = 1;
  /**
   * The node is shutting down: sockets closing now end without leave hooks, and no room is
   * joined. The node's rooms and presence end in bulk instead (the modules' `close`): thousands
   * of per-socket updates at once would exhaust the pool.
   */
  let closing = false;
  const nowMs = () => deps.clock.now().getTime();

  const join = (connection: Connection, topic: string) => {
    connection.topics.add(topic);
    let members = byTopic.get(topic);
    if (!members) {
      members = new Set();
      byTopic.set(topic, members);
    }
    members.add(connection);
  };

  const leave = (connection: Connection, topic: string) => {
    if (!connection.topics.has(topic)) return;
    const room = rooms.of(topic);
    if (room?.room.onLeave && !closing) {
      // A clean close or unsubscribe happens now; a socket dropped for silence was last there earlier.
      const at = connection.silent ? connection.lastSeenAt : nowMs();
      room.room.onLeave(connection, topic.slice(room.name.length + 1), new Date(at));
    }
    connection.topics.delete(topic);
    const members = byTopic.get(topic);
    members?.delete(connection);
    if (members?.size === 0) byTopic.delete(topic);
  };

  /**
   * Chat-like requests whose room event a socket has not heard back yet (`echoKey`): it gets the
   * result in its reply, so the room's copy is not written to it a second time. One set for the
   * hub, not one per socket: a socket's own set emptied and refilled on every message,
   * reallocating its table each time, and those tables lived long enough to be promoted.
   */
  const echoesToSkip = new Set<string>();
  const echoKey = (connection: Connection, ref: string) => `${connection.id} ${ref}`;
  const skipEcho = (connection: Connection, ref: string) => {
    if (echoesToSkip.size >= MAX_ECHOES_TO_SKIP) {
      const oldest = echoesToSkip.values().next().value;
      if (oldest !== undefined) echoesToSkip.delete(oldest);
    }
    echoesToSkip.add(echoKey(connection, ref));
  };

  /** Events of batched rooms waiting for their topic's next frame. */
  const batches = new Map<string, { events: BusEvent[]; timer: ReturnType<typeof setTimeout> }>();
  const flushBatch = (topic: string) => {
    const batch = batches.get(topic);
    batches.delete(topic);
    if (!batch) return;
    clearTimeout(batch.timer);
    const members = byTopic.get(topic);
    if (!members || batch.events.length === 0) return;
    const frame = Buffer.from(
      JSON.stringify({
        type: "events",
        topic,
        events: batch.events.map((event) => ({ event: event.type, data: event.data })),
      }),
    );
    for (const connection of members)
      if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(frame, TEXT_FRAME);
  };
  const queueBatch = (event: BusEvent, room: LiveRoom & { batchMs: number }) => {
    let batch = batches.get(event.topic);
    if (!batch) {
      // A delivery delay of the transport, not the platform's clock: it runs in every test too.
      const timer = setTimeout(() => flushBatch(event.topic), room.batchMs);
      timer.unref?.();
      batch = { events: [], timer };
      batches.set(event.topic, batch);
    }
    if (room.latestOnly?.includes(event.type)) {
      const earlier = batch.events.findIndex((queued) => queued.type === event.type);
      if (earlier >= 0) batch.events.splice(earlier, 1);
    }
    batch.events.push(event);
    if (batch.events.length >= MAX_EVENTS_PER_BATCH) flushBatch(event.topic);
  };

  const deliver = (event: BusEvent) => {
    const members = byTopic.get(event.topic);
    if (!members) return;
    const batched = rooms.of(event.topic)?.room;
    if (batched?.batchMs) return queueBatch(event, batched as LiveRoom & { batchMs: number });
    // Encoded once for the whole room (a string would be encoded again for every socket).
    const frame = Buffer.from(
      JSON.stringify({ type: "event", topic: event.topic, event: event.type, data: event.data }),
    );
    const echo = event.echo;
    for (const connection of members) {
      if (echo && connection.principal?.userId === echo.userId) {
        if (echoesToSkip.delete(echoKey(connection, echo.ref))) continue;
      }
      if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(frame, TEXT_FRAME);
    }
  };
  const unsubscribeBus = deps.bus.subscribe(deliver);

  const mayJoin = async (connection: Connection, room: RegisteredRoom | undefined, roomId: string) => {
    if (!room) return false;
    if (room.name === USER_ROOM) return connection.principal?.userId === roomId;
    if (room.room.public) return true;
    return (await room.room.authorize?.(connection.principal, roomId)) ?? false;
  };

  /** A request to a room: only a signed-in member, as itself, within the request's budget. */
  const request = async (connection: Connection, frame: RequestFrame) => {
    const { principal } = connection;
    const { ref } = frame;
    if (!principal) return refuse(connection, ref, "UNAUTHENTICATED", "Sign in first.");
    // Every request acts (chat, receipts); a suspended account's socket only listens. A socket
    // opened before the suspension was closed by it (auth's trigger event) and reopened as suspended.
    if (principal.accountStatus === "suspended")
      return refuse(connection, ref, "ACCOUNT_SUSPENDED", "Your account is suspended.");
    if (!connection.topics.has(frame.topic))
      return refuse(connection, ref, "FORBIDDEN", "Join the room first.");
    const room = rooms.of(frame.topic);
    const compiled = room?.requests.get(frame.name);
    if (!room || !compiled) return refuse(connection, ref, "NOT_FOUND", "This room takes no such request.");
    if (!compiled.check(frame.data))
      return refuse(connection, ref, "VALIDATION_FAILED", "Malformed request.");
    if (!spendBudget(compiled, principal.userId, nowMs()))
      return refuse(connection, ref, "RATE_LIMITED", "Too many messages; slow down.");
    const echoes = compiled.request.echoes === true;
    if (echoes) skipEcho(connection, ref);
    try {
      const data = await compiled.request.handle(
        principal,
        frame.topic.slice(room.name.length + 1),
        frame.data,
        ref,
      );
      connection.send({ type: "reply", ref, data });
    } catch (error) {
      if (echoes) echoesToSkip.delete(echoKey(connection, ref));
      if (error instanceof DomainError && error.code !== "INTERNAL")
        return refuse(connection, ref, error.code, error.message, error.retryAfterMs);
      deps.logger.error({ err: error, request: frame.name }, "live request failed");
      refuse(connection, ref, "INTERNAL", "Something went wrong.");
    }
  };

  /** Relays a signal to a room whose members may send that kind; the sender is stamped here. */
  const signal = async (
    connection: Connection,
    topic: string,
    kind: string,
    data: Record<string, unknown>,
  ) => {
    const room = rooms.of(topic);
    if (room && !room.signals.has(kind)) {
      return connection.send({
        type: "error",
        code: "VALIDATION_FAILED",
        message: "This room takes no such signal.",
      });
    }
    if (!connection.principal || !room || !connection.topics.has(topic)) {
      return connection.send({ type: "error", code: "FORBIDDEN", message: "Join the room first." });
    }
    if (connection.principal.accountStatus === "suspended") {
      return connection.send({
        type: "error",
        code: "ACCOUNT_SUSPENDED",
        message: "Your account is suspended.",
      });
    }
    try {
      await deps.bus.publish(null, {
        topic,
        type: "signal",
        data: { from: connection.principal.userId, kind, data },
      });
    } catch {
      connection.send({ type: "error", code: "PAYLOAD_TOO_LARGE", message: "That signal is too large." });
    }
  };

  const subscribe = async (connection: Connection, topics: readonly string[]) => {
    const granted: string[] = [];
    const refused: string[] = [];
    const watched = new Map<RegisteredRoom, string[]>();
    for (const topic of topics) {
      const room = rooms.of(topic);
      if (connection.topics.size >= MAX_TOPICS_PER_SOCKET) refused.push(topic);
      else if (connection.topics.has(topic)) granted.push(topic);
      else if (closing && room?.room.onJoin) refused.push(topic);
      else if (room && (await mayJoin(connection, room, topic.slice(room.name.length + 1)))) {
        join(connection, topic);
        granted.push(topic);
        const roomId = topic.slice(room.name.length + 1);
        if (room.room.public) watched.set(room, [...(watched.get(room) ?? []), roomId]);
        else room.room.onJoin?.(connection, roomId);
      } else refused.push(topic);
    }
    connection.send({ type: "subscribed", topics: granted, refused });
    for (const [room, roomIds] of watched) room.room.onWatch?.(connection, roomIds);
  };

  const onMessage = async (connection: Connection, raw: string) => {
    const now = nowMs();
    connection.lastSeenAt = now;
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
      const ref = refOf(message);
      if (ref !== null) return refuse(connection, ref, "VALIDATION_FAILED", "Malformed request.");
      connection.send({ type: "error", code: "VALIDATION_FAILED", message: "Unknown or malformed message." });
      return;
    }
    if (message.type === "ping") return connection.send({ type: "pong" });
    if (message.type === "request") return request(connection, message);
    if (message.type === "signal") return signal(connection, message.topic, message.kind, message.data ?? {});
    if (message.type === "unsubscribe") {
      // A signed-in socket is in its own user room for as long as it is open.
      const topics = message.topics.filter((topic) => rooms.of(topic)?.name !== USER_ROOM);
      for (const topic of topics) leave(connection, topic);
      return connection.send({ type: "unsubscribed", topics });
    }
    return subscribe(connection, message.topics);
  };

  const open = (socket: WebSocket, principal: Principal | null) => {
    const connection: Connection = {
      id: nextId++,
      principal,
      socket,
      topics: new Set(),
      alive: true,
      lastSeenAt: nowMs(),
      silent: false,
      budget: { windowStart: nowMs(), used: 0 },
      send(message) {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      },
    };
    connections.add(connection);
    socket.on("pong", () => {
      connection.alive = true;
      connection.lastSeenAt = nowMs();
    });
    socket.on("message", (data, isBinary) => {
      if (frameBytes(data) > MAX_MESSAGE_BYTES) return socket.close(1009, "Message too big");
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
    });
    connection.send({ type: "hello", userId: principal?.userId ?? null, role: principal?.role ?? null });
    if (principal) {
      join(connection, `${USER_ROOM}:${principal.userId}`);
      rooms.of(`${USER_ROOM}:`)?.room.onJoin?.(connection, principal.userId);
    }
  };

  // A socket that misses a whole ping interval without answering is gone (a dropped network
  // sends no close frame); terminating it runs the close handler like any other close. The
  // sockets take turns (one slice per tick), so thousands of pings never go out in one burst.
  let pingSlice = 0;
  const pinger = deps.clock.setInterval(() => {
    pingSlice = (pingSlice + 1) % PING_SLICES;
    if (pingSlice === 0) forgetSpentBudgets(rooms, nowMs());
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

  return {
    /** Registers a kind of room (`name` for `name:<id>` topics); before the app starts listening. */
    addRoom(name: string, room: LiveRoom) {
      rooms.add(name, room);
    },
    /** Registers `GET /api/v1/live` (the WebSocket upgrade). */
    async register(app: FastifyInstance) {
      // Added before the plugin's own preClose hook, which closes every socket.
      app.addHook("preClose", async () => {
        closing = true;
      });
      await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
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
    /** Closes the sockets of every principal `matches` (a sign-in that ended, an account suspended). */
    disconnect(
      matches: (principal: Principal) => boolean,
      code = SIGNED_OUT_CLOSE_CODE,
      reason = "Signed out",
    ) {
      for (const connection of connections) {
        if (connection.principal && matches(connection.principal)) connection.socket.close(code, reason);
      }
    },
    /** The sockets on this node (for tests and metrics). */
    get connectionCount() {
      return connections.size;
    },
    async close() {
      closing = true;
      pinger.cancel();
      unsubscribeBus();
      for (const batch of batches.values()) clearTimeout(batch.timer);
      batches.clear();
      for (const connection of connections) connection.socket.close(1001, "server shutting down");
    },
  };
}
