import { describe, expect, it } from "vitest";
import {
  type BusEvent,
  decodeEvents,
  encodeEvent,
  MAX_PAYLOAD_BYTES,
  packEvents,
  packPayloads,
} from "./event-bus.js";

/** An encoded event of exactly `bytes` bytes (its padding is a multi-byte character where it fits). */
function eventOfBytes(bytes: number, index: number): string {
  const bare = encodeEvent({ topic: "reading:abc", type: "reading.message", data: { index, pad: "" } });
  const missing = bytes - Buffer.byteLength(bare);
  const pad = "🎴".repeat(Math.floor(missing / 4)) + "x".repeat(missing % 4);
  const payload = encodeEvent({ topic: "reading:abc", type: "reading.message", data: { index, pad } });
  expect(Buffer.byteLength(payload)).toBe(bytes);
  return payload;
}

/** The payloads sent for `packEvents`' chunks (one event as is, more as an array). */
const payloadsOf = (events: string[], _chunks: number[]) => packPayloads(events);

describe("packing events into NOTIFY payloads", () => {
  it("puts small events together in one payload, in order", () => {
    const events = Array.from({ length: 20 }, (_, index) => eventOfBytes(200, index));
    const chunks = packEvents(events);
    expect(chunks).toEqual(new Array(20).fill(0));
    const [payload] = payloadsOf(events, chunks);
    expect(decodeEvents(payload).map((event) => event.data.index)).toEqual(events.map((_, index) => index));
  });

  it("starts a new payload before one would pass the limit, counting brackets, commas and UTF-8 bytes", () => {
    // Two events fill a payload exactly: `[` + a + `,` + b + `]`.
    const half = (MAX_PAYLOAD_BYTES - 3) / 2;
    const pairs = [eventOfBytes(Math.floor(half), 0), eventOfBytes(Math.ceil(half), 1)];
    expect(packEvents(pairs)).toEqual([0, 0]);
    // One byte more and the second goes alone.
    expect(packEvents([eventOfBytes(Math.floor(half), 0), eventOfBytes(Math.ceil(half) + 1, 1)])).toEqual([
      0, 1,
    ]);

    const events = [3000, 3000, 3000, 7900, 100, 7800, 100, 100].map(eventOfBytes);
    const chunks = packEvents(events);
    expect(chunks).toEqual([0, 0, 1, 2, 3, 4, 5, 5]);
    const payloads = payloadsOf(events, chunks);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    // An event as large as the limit allows goes alone, as it is.
    expect(payloads[2]).toBe(events[3]);
    expect(payloads.flatMap((payload) => decodeEvents(payload)).map((event) => event.data.index)).toEqual(
      events.map((_, index) => index),
    );
  });

  it("answers nothing for no events", () => {
    expect(packEvents([])).toEqual([]);
  });
});

describe("decoding NOTIFY payloads", () => {
  const event: BusEvent = { topic: "user:u1", type: "notification.created", data: { id: "n1" } };

  it("reads a single event, as every other publisher sends it", () => {
    expect(decodeEvents(encodeEvent(event))).toEqual([event]);
  });

  it("reads an array of events, dropping malformed members", () => {
    const other = { ...event, topic: "user:u2" };
    const payload = `[${encodeEvent(event)},{"topic":1},null,"x",{"topic":"a:b","type":"t"},${encodeEvent(other)}]`;
    expect(decodeEvents(payload)).toEqual([event, other]);
  });

  it("answers no events for an empty, malformed or foreign payload", () => {
    for (const payload of [undefined, "", "not json", "42", "null", "[]", '{"topic":"a:b"}']) {
      expect(decodeEvents(payload)).toEqual([]);
    }
  });
});
