import { createHash } from "node:crypto";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { openCountingViewer } from "./counting-viewer.js";

/**
 * The gifts bench's counting viewer decides what every viewer received, so it is checked against
 * the `ws` server (frames of every length class, pings, a masked send) and against a server that
 * splits a frame's header and payload across reads.
 */
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  // Viewers first (they were opened last), then their servers.
  for (const close of closers.splice(0).reverse()) await close();
});

type Seen = { head: string; length: number };

function viewerOn(port: number, path = "/") {
  const seen: Seen[] = [];
  let closed = false;
  const viewer = openCountingViewer({
    port,
    path,
    headers: { origin: "http://127.0.0.1" },
    onText: (head, length) => seen.push({ head: head.toString(), length }),
    onClose: () => {
      closed = true;
    },
  });
  closers.push(() => viewer.close());
  return { viewer, seen, isClosed: () => closed };
}

async function until(check: () => boolean, what: string) {
  for (let waited = 0; waited < 5_000; waited += 10) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("counting viewer", () => {
  it("reads every frame length the ws server sends, answers pings and sends masked frames", async () => {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise((resolve) => server.once("listening", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const lengths = [0, 5, 125, 126, 200, 65_535, 65_536, 300_000];
    const received: string[] = [];
    let ponged = false;
    server.on("connection", (socket) => {
      socket.on("message", (data) => received.push(data.toString()));
      socket.on("pong", () => {
        ponged = true;
      });
      for (const length of lengths) socket.send("é".repeat(length / 2) + "x".repeat(length % 2));
      socket.ping(Buffer.from("are you there"));
    });
    const first = viewerOn(port);
    const second = viewerOn(port);
    await until(
      () => first.seen.length === lengths.length && second.seen.length === lengths.length,
      "frames",
    );
    for (const { seen } of [first, second]) {
      expect(seen.map((frame) => frame.length)).toEqual(lengths);
      for (const [k, frame] of seen.entries()) {
        const length = lengths[k] as number;
        const sent = Buffer.from("é".repeat(length / 2) + "x".repeat(length % 2));
        expect(frame.head).toBe(sent.subarray(0, 256).toString());
      }
    }
    await until(() => ponged, "the pong");
    first.viewer.send("subscribe me");
    await until(() => received.includes("subscribe me"), "the viewer's message");
  });

  it("reads headers and payloads split across reads", async () => {
    const payload = Buffer.from(`{"type":"events",${"a".repeat(1_000)}}`);
    const header = Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
    const server = net.createServer((socket) => {
      socket.setNoDelay(true);
      socket.once("data", async (request) => {
        const key = /Sec-WebSocket-Key: (.+)\r\n/i.exec(request.toString())?.[1] ?? "";
        const accept = createHash("sha1")
          .update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
          .digest("base64");
        const pieces = [
          Buffer.from(
            `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
          ),
          header.subarray(0, 1),
          header.subarray(1, 3),
          Buffer.concat([header.subarray(3), payload.subarray(0, 10)]),
          payload.subarray(10, 700),
          Buffer.concat([payload.subarray(700), header, payload.subarray(0, 100)]),
          payload.subarray(100),
        ];
        for (const piece of pieces) {
          socket.write(piece);
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      });
    });
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { seen } = viewerOn((server.address() as net.AddressInfo).port);
    await until(() => seen.length === 2, "two frames");
    for (const frame of seen) {
      expect(frame.length).toBe(payload.length);
      expect(frame.head).toBe(payload.subarray(0, 256).toString());
    }
  });

  it("reports a refused upgrade as closed", async () => {
    const server = net.createServer((socket) =>
      socket.once("data", () => socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")),
    );
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const viewer = viewerOn((server.address() as net.AddressInfo).port);
    await until(viewer.isClosed, "the close");
    expect(viewer.seen).toEqual([]);
  });
});
