import type { Static, TSchema } from "typebox";
import Compile from "typebox/compile";
import type { Principal } from "../http/access.js";

/** A socket as rooms see it. */
export interface LiveConnection {
  readonly id: number;
  readonly principal: Principal | null;
  /** When the socket last sent anything (a frame or a pong), in clock milliseconds. */
  readonly lastSeenAt: number;
  /** Sends a frame to this socket alone (dropped when it is no longer open). */
  send(message: Record<string, unknown>): void;
}

/** Sends per user on this node in each window, however many sockets the user opens. */
export interface LiveBudget {
  count: number;
  windowMs: number;
}

/**
 * A request a member of a room sends on its socket (`{ type: "request", topic, name, ref, data }`),
 * answered on that socket alone: `{ type: "reply", ref, data }` with what `handle` returns, or
 * `{ type: "refused", ref, code, message }` when it throws a `DomainError`.
 */
export interface LiveRequest<Data extends TSchema = TSchema> {
  /** The shape of `data`; a frame whose data does not match is refused (VALIDATION_FAILED). */
  data: Data;
  /** The shape of the reply (for the typed web client; the hub does not check it). */
  reply: TSchema;
  budget?: LiveBudget;
  /**
   * The room event this request publishes names the sender and this `ref` (`BusEvent.echo`):
   * the sending socket, which gets the reply, is not sent the event too.
   */
  echoes?: boolean;
  handle(principal: Principal, roomId: string, data: Static<Data>, ref: string): Promise<unknown>;
}

/** Declares a request with its data type checked against its schema. */
export function defineLiveRequest<Data extends TSchema>(request: LiveRequest<Data>): LiveRequest {
  return request as unknown as LiveRequest;
}

/**
 * A kind of room, registered by the module that owns it: sockets subscribe to `<name>:<id>`
 * topics and receive the events published to them. The hub itself knows only the `user` room (a
 * signed-in socket is always in its own `user:<id>`); modules may observe its joins and leaves.
 */
export interface LiveRoom {
  /**
   * Anyone may subscribe, signed in or not, and a subscription is all there is: no join or leave
   * is reported, only `onWatch` with every id a subscription added.
   */
  public?: boolean;
  /** Who may join `<name>:<id>` (rooms that are not public). Refused when absent. */
  authorize?(principal: Principal | null, roomId: string): boolean | Promise<boolean>;
  onWatch?(connection: LiveConnection, roomIds: string[]): void;
  /** A socket joined (granted by `authorize`). */
  onJoin?(connection: LiveConnection, roomId: string): void;
  /** It left (unsubscribed or closed); `lastSeenAt` is its last sign of life. */
  onLeave?(connection: LiveConnection, roomId: string, lastSeenAt: Date): void;
  /** Signals a member may relay to the room as they are (`{ type: "signal", topic, kind, data }`). */
  signals?: readonly string[];
  requests?: Record<string, LiveRequest>;
  /**
   * A busy room (a stream's chat and gifts for thousands): its events reach each socket at most
   * once per `batchMs`, together in one frame (`{ type: "events", topic, events: [{ event, data }] }`),
   * encoded once for the room. Its requests must not `echo` (every member hears every event).
   */
  batchMs?: number;
  /** Event types of which a batch keeps only the latest (a state, such as a count or a board). */
  latestOnly?: readonly string[];
}

/** A room's request as the hub runs it: the data check compiled once, the budget counted per user. */
export interface CompiledRequest {
  request: LiveRequest;
  check(data: unknown): boolean;
  budgets: Map<string, { windowStart: number; used: number }>;
}

export interface RegisteredRoom {
  name: string;
  room: LiveRoom;
  signals: ReadonlySet<string>;
  requests: ReadonlyMap<string, CompiledRequest>;
}

export const USER_ROOM = "user";
const ROOM_NAME = /^[a-z][a-z-]{0,30}$/;

/** The rooms of one hub, by name; each is registered once (the user room's hooks once too). */
export function createRoomRegistry() {
  const rooms = new Map<string, RegisteredRoom>();
  let userRoomHooked = false;
  const registry = {
    add(name: string, room: LiveRoom) {
      if (!ROOM_NAME.test(name)) throw new Error(`invalid room name ${name}`);
      if (name === USER_ROOM) {
        if (room.public || room.authorize || room.requests || room.signals || userRoomHooked)
          throw new Error("the user room takes onJoin and onLeave, once");
        userRoomHooked = true;
      } else if (rooms.has(name)) throw new Error(`room ${name} is registered twice`);
      const requests = new Map<string, CompiledRequest>();
      for (const [requestName, request] of Object.entries(room.requests ?? {})) {
        const compiled = Compile(request.data);
        requests.set(requestName, { request, check: (data) => compiled.Check(data), budgets: new Map() });
      }
      rooms.set(name, { name, room, signals: new Set(room.signals ?? []), requests });
    },
    /** The room of a topic (`reading:abc` → the reading room), or undefined. */
    of(topic: string) {
      const colon = topic.indexOf(":");
      return colon > 0 ? rooms.get(topic.slice(0, colon)) : undefined;
    },
    all: () => rooms.values(),
  };
  // Every signed-in socket is in its own user room; its hooks are added by whoever observes it.
  rooms.set(USER_ROOM, { name: USER_ROOM, room: {}, signals: new Set(), requests: new Map() });
  return registry;
}

export type RoomRegistry = ReturnType<typeof createRoomRegistry>;

/** Counts a send against its user's budget; false when the window's budget is spent. */
export function spendBudget(compiled: CompiledRequest, userId: string, now: number) {
  const budget = compiled.request.budget;
  if (!budget) return true;
  let spent = compiled.budgets.get(userId);
  if (!spent || now - spent.windowStart >= budget.windowMs) {
    spent = { windowStart: now, used: 0 };
    compiled.budgets.set(userId, spent);
  }
  spent.used += 1;
  return spent.used <= budget.count;
}

/** Forgets budgets whose window has passed (run now and then, so the maps stay bounded). */
export function forgetSpentBudgets(registry: RoomRegistry, now: number) {
  for (const { requests } of registry.all()) {
    for (const compiled of requests.values()) {
      const windowMs = compiled.request.budget?.windowMs ?? 0;
      for (const [userId, spent] of compiled.budgets)
        if (now - spent.windowStart >= windowMs) compiled.budgets.delete(userId);
    }
  }
}
