import Type, { type Static, type TSchema } from "typebox";
import type { Executor } from "../db/database.js";
import { type BusEvent, type EventBus, encodeEvent } from "./event-bus.js";

/** One kind of live event: the room it is published to and the shape of its data. */
export interface LiveEventDefinition {
  /** The room (`user` for `user:<id>`, `reading` for `reading:<id>` …). */
  room: string;
  description: string;
  data: TSchema;
}

export type LiveEventMap = Record<string, LiveEventDefinition>;

/** Declares a module's live events (its `<domain>.events.ts`); the names are the event types. */
export function defineLiveEvents<const Events extends LiveEventMap>(events: Events): Events {
  return events;
}

/** The event every room with signals carries: a member's signal relayed as it was sent. */
export const platformEvents = defineLiveEvents({
  signal: {
    room: "*",
    description: "A signal a member relayed to the room (typing, WebRTC negotiation); `from` is the sender.",
    data: Type.Object({
      from: Type.String(),
      kind: Type.String(),
      data: Type.Record(Type.String(), Type.Unknown()),
    }),
  },
});

/**
 * Publishes one module's events over the bus with their types checked at compile time: the topic
 * is made from the event's room and the given id, so an event never goes to a room it is not
 * declared for.
 */
export function createLivePublisher<const Events extends LiveEventMap>(bus: EventBus, events: Events) {
  const toBusEvent = <Name extends keyof Events & string>(
    roomId: string,
    type: Name,
    data: Static<Events[Name]["data"]>,
  ): BusEvent => ({ topic: `${events[type]?.room}:${roomId}`, type, data: data as Record<string, unknown> });
  return {
    /** In `tx`, the event goes out when it commits (never on rollback); with `null`, at once. */
    publish<Name extends keyof Events & string>(
      tx: Executor | null,
      roomId: string,
      type: Name,
      data: Static<Events[Name]["data"]>,
    ) {
      return bus.publish(tx, toBusEvent(roomId, type, data));
    },
    /** Several events in one statement (see `EventBus.publishMany`), committed or rolled back together. */
    publishMany(
      tx: Executor | null,
      events: readonly {
        [Name in keyof Events & string]: { roomId: string; type: Name; data: Static<Events[Name]["data"]> };
      }[keyof Events & string][],
    ) {
      return bus.publishMany(
        tx,
        events.map((event) => toBusEvent(event.roomId, event.type, event.data as never)),
      );
    },
    /** The NOTIFY payload of an event, for statements that publish it themselves (the chat insert). */
    encode<Name extends keyof Events & string>(
      roomId: string,
      type: Name,
      data: Static<Events[Name]["data"]>,
      echo?: BusEvent["echo"],
    ) {
      const topic = `${events[type]?.room}:${roomId}`;
      const payload = data as Record<string, unknown>;
      // One literal each way: adding `echo` to a made object would give it another hidden class.
      return encodeEvent(echo ? { topic, type, data: payload, echo } : { topic, type, data: payload });
    },
    /** A frame for one socket, as the hub would deliver the event (a new watcher's first status). */
    frame<Name extends keyof Events & string>(
      roomId: string,
      type: Name,
      data: Static<Events[Name]["data"]>,
    ) {
      const event = toBusEvent(roomId, type, data);
      return { type: "event", topic: event.topic, event: event.type, data: event.data };
    },
  };
}

export type LivePublisher<Events extends LiveEventMap> = ReturnType<typeof createLivePublisher<Events>>;

/** A room's requests, by name: the data a member sends and the reply it gets (see live-rooms.ts). */
export type LiveRequestMap = Record<string, Record<string, { data: TSchema; reply: TSchema }>>;

/**
 * The live contract as JSON Schema, for generating the web app's types: `LiveEvents` (each event
 * by name: its room and data) and `LiveRequests` (by `<room>.<name>`: room, name, data, reply).
 */
export function liveContractSchemas(events: LiveEventMap, requests: LiveRequestMap) {
  const literal = (value: string) => ({ type: "string", enum: [value] });
  const exactObject = (properties: Record<string, unknown>) => ({
    type: "object",
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  });
  const eventEntries = Object.entries(events).map(([name, event]) => [
    name,
    { ...exactObject({ room: literal(event.room), data: event.data }), description: event.description },
  ]);
  const requestEntries = Object.entries(requests).flatMap(([room, byName]) =>
    Object.entries(byName).map(([name, request]) => [
      `${room}.${name}`,
      exactObject({ room: literal(room), name: literal(name), data: request.data, reply: request.reply }),
    ]),
  );
  return {
    LiveEvents: exactObject(Object.fromEntries(eventEntries)),
    LiveRequests: exactObject(Object.fromEntries(requestEntries)),
  };
}
