import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { clusterHead, webmHead, webmRecording } from "../../../test/webm.js";
import { RelayUpstream } from "./relay-upstream.js";
import { StreamRelay } from "./stream-relay.js";

const SECRET = "internal-secret";
const MAX_QUEUED = 1024 * 1024;

/** The publisher's node: its relay, served to other nodes on /watch for the right secret only. */
async function publisherNode() {
  const relay = new StreamRelay({ maxQueuedBytes: MAX_QUEUED });
  const server = http.createServer();
  const sockets = new WebSocketServer({ server });
  sockets.on("connection", (socket, request) => {
    if (request.headers["x-internal-secret"] !== SECRET) return socket.close(1008, "forbidden");
    const viewer = { send: (bytes: Buffer) => socket.send(bytes), queuedBytes: () => socket.bufferedAmount };
    relay.join(viewer);
    socket.on("close", () => relay.leave(viewer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/watch`;
  return {
    relay,
    url,
    dropConnections: () => {
      for (const socket of sockets.clients) socket.terminate();
    },
    close: async () => {
      for (const socket of sockets.clients) socket.terminate();
      sockets.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function edgeViewer() {
  const received: Buffer[] = [];
  return { received, send: (bytes: Buffer) => received.push(bytes), queuedBytes: () => 0 };
}

async function until(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${check.toString().slice(0, 120)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("RelayUpstream", () => {
  it("serves a viewer on another node the same bytes, and picks up again after a dropped link", async () => {
    const origin = await publisherNode();
    cleanups.push(origin.close);
    const edge = new StreamRelay({ maxQueuedBytes: MAX_QUEUED });
    const ends: string[] = [];
    const upstream = new RelayUpstream({
      url: origin.url,
      headers: { "x-internal-secret": SECRET },
      relay: edge,
      maxAttempts: 3,
      onEnd: (reason) => ends.push(reason),
    });
    cleanups.push(() => upstream.stop());
    const viewer = edgeViewer();
    edge.join(viewer);
    await until(() => upstream.connected && origin.relay.viewerCount === 1);

    const pieces = webmRecording({ seconds: 4, bitsPerSecond: 300_000, keyframeEveryMs: 1_000 });
    const stream = Buffer.concat(pieces.map((piece) => piece.bytes));
    const firstHalf = pieces.filter((piece) => piece.atMs < 2_000);
    for (const piece of firstHalf) origin.relay.publish(piece.bytes);
    const sentFirst = Buffer.concat(firstHalf.map((piece) => piece.bytes));
    // Everything arrived, byte for byte (the half ends on a whole video block).
    await until(() => Buffer.concat(viewer.received).length >= sentFirst.length - 2_000).catch((error) => {
      console.log(
        "DEBUG",
        Buffer.concat(viewer.received).length,
        sentFirst.length,
        upstream.connected,
        origin.relay.viewerCount,
      );
      throw error;
    });
    expect(
      Buffer.concat(viewer.received).equals(sentFirst.subarray(0, Buffer.concat(viewer.received).length)),
    ).toBe(true);

    // The link drops: the upstream connects again, and this node's viewer starts again with the
    // init segment at the next keyframe Cluster (2 s).
    origin.dropConnections();
    await until(() => !upstream.connected && origin.relay.viewerCount === 0);
    await until(() => upstream.connected && origin.relay.viewerCount === 1);
    const before = viewer.received.length;
    for (const piece of pieces.filter((piece) => piece.atMs >= 2_000)) origin.relay.publish(piece.bytes);
    const rest = Buffer.concat(pieces.filter((piece) => piece.atMs >= 2_000).map((piece) => piece.bytes));
    await until(
      () => Buffer.concat(viewer.received.slice(before)).length === webmHead().length + rest.length,
    );
    const after = Buffer.concat(viewer.received.slice(before));
    expect(after.subarray(0, webmHead().length).equals(webmHead())).toBe(true);
    const fromCluster = stream.indexOf(clusterHead(2_000));
    expect(
      after
        .subarray(webmHead().length)
        .equals(stream.subarray(fromCluster, fromCluster + after.length - webmHead().length)),
    ).toBe(true);
    expect(ends).toEqual([]);
  });

  it("ends when the publisher's node refuses it or is gone, and when stopped", async () => {
    const origin = await publisherNode();
    cleanups.push(origin.close);
    const ends: string[] = [];
    const refused = new RelayUpstream({
      url: origin.url,
      headers: { "x-internal-secret": "wrong" },
      relay: new StreamRelay({ maxQueuedBytes: MAX_QUEUED }),
      maxAttempts: 2,
      onEnd: (reason) => ends.push(reason),
    });
    cleanups.push(() => refused.stop());
    await until(() => ends.length === 1);
    expect(ends).toEqual(["refused"]);
    expect(origin.relay.viewerCount).toBe(0);
    // A node that is gone: tried maxAttempts times, then given up.
    const gone: string[] = [];
    const nowhere = new RelayUpstream({
      url: "ws://127.0.0.1:9/watch",
      headers: {},
      relay: new StreamRelay({ maxQueuedBytes: MAX_QUEUED }),
      maxAttempts: 2,
      onEnd: (reason) => gone.push(reason),
    });
    cleanups.push(() => nowhere.stop());
    await until(() => gone.length === 1);
    expect(gone).toEqual(["unreachable"]);

    const stopped: string[] = [];
    const upstream = new RelayUpstream({
      url: origin.url,
      headers: { "x-internal-secret": SECRET },
      relay: new StreamRelay({ maxQueuedBytes: MAX_QUEUED }),
      maxAttempts: 5,
      onEnd: (reason) => stopped.push(reason),
    });
    await until(() => upstream.connected);
    upstream.stop();
    upstream.stop();
    expect(stopped).toEqual(["stopped"]);
    await until(() => origin.relay.viewerCount === 0);
  });
});
