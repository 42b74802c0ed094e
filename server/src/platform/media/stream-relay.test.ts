import { describe, expect, it } from "vitest";
import { clusterHead, simpleBlock, webmHead, webmRecording } from "../../../test/webm.js";
import { StreamRelay } from "./stream-relay.js";
import { WebmSplitter } from "./webm-splitter.js";

/** A viewer whose network drains `drainBytes` each time `drain` is called. */
function viewer() {
  const received: Buffer[] = [];
  let queued = 0;
  return {
    received,
    bytes: () => Buffer.concat(received),
    send(bytes: Buffer) {
      received.push(bytes);
      queued += bytes.length;
    },
    queuedBytes: () => queued,
    drain: () => {
      queued = 0;
    },
  };
}

const MAX_QUEUED = 64 * 1024;
const pieces = () => webmRecording({ seconds: 6, bitsPerSecond: 600_000, keyframeEveryMs: 2_000 });

describe("StreamRelay", () => {
  it("gives a viewer the init segment, then the stream from the next keyframe, byte for byte", () => {
    const relay = new StreamRelay({ maxQueuedBytes: MAX_QUEUED });
    const early = viewer();
    relay.join(early);
    const recording = pieces();
    const late = viewer();
    let lateJoinedAt = -1;
    const all: Buffer[] = [];
    for (const [index, piece] of recording.entries()) {
      // The late viewer joins in the middle of the first keyframe interval.
      if (piece.atMs >= 700 && lateJoinedAt < 0) {
        relay.join(late);
        lateJoinedAt = index;
      }
      relay.publish(piece.bytes);
      all.push(piece.bytes);
      early.drain();
      late.drain();
    }
    const stream = Buffer.concat(all);
    // The early viewer: exactly the stream (it joined before the first keyframe).
    expect(early.bytes().equals(stream)).toBe(true);
    // The late viewer: the head, then everything from the Cluster of 2 s on, and it is valid WebM.
    const head = webmHead();
    const secondCluster = stream.indexOf(clusterHead(2000));
    expect(secondCluster).toBeGreaterThan(0);
    expect(late.bytes().equals(Buffer.concat([head, stream.subarray(secondCluster)]))).toBe(true);
    const again = new WebmSplitter().push(late.bytes());
    expect(again[0]?.kind).toBe("init");
    expect(again.filter((fragment) => fragment.kind === "media" && fragment.joinable)).toHaveLength(2);
    expect(relay.skips).toBe(0);
  });

  it("lets a slow viewer skip to the next keyframe instead of queueing without bound", () => {
    const relay = new StreamRelay({ maxQueuedBytes: MAX_QUEUED });
    const slow = viewer();
    const fast = viewer();
    relay.join(slow);
    relay.join(fast);
    let mostQueued = 0;
    for (const piece of pieces()) {
      relay.publish(piece.bytes);
      fast.drain();
      // The slow viewer's network moves nothing during the first 3 s, then keeps up.
      if (piece.atMs > 3_000) slow.drain();
      mostQueued = Math.max(mostQueued, slow.queuedBytes());
    }
    expect(relay.skips).toBe(1);
    // It never held more than the limit and one fragment (a keyframe Cluster's opening at most).
    expect(mostQueued).toBeLessThan(MAX_QUEUED + 64 * 1024);
    // After the skip it picked up at the keyframe Cluster of 4 s: valid WebM from there.
    const stream = Buffer.concat(pieces().map((piece) => piece.bytes));
    expect(slow.bytes().subarray(-1000).equals(stream.subarray(-1000))).toBe(true);
    expect(fast.bytes().equals(stream)).toBe(true);
  });

  it("starts everyone again at a new recording's first keyframe, with its own init segment", () => {
    const relay = new StreamRelay({ maxQueuedBytes: MAX_QUEUED });
    const watcher = viewer();
    relay.join(watcher);
    relay.publish(Buffer.concat([webmHead(), clusterHead(0), simpleBlock(1, 0, true, 100)]));
    relay.publish(simpleBlock(1, 33, false, 50));
    const second = webmHead({ audio: false });
    relay.publish(Buffer.concat([second, clusterHead(0), simpleBlock(2, 0, true, 30)]));
    // A Cluster with no video keyframe yet is not a place to start.
    expect(watcher.received.at(-1)?.length).toBe(50);
    relay.publish(Buffer.concat([clusterHead(40), simpleBlock(1, 0, true, 100)]));
    expect(watcher.received.at(-2)?.equals(second)).toBe(true);
    relay.leave(watcher);
    relay.publish(simpleBlock(1, 33, false, 50));
    expect(relay.viewerCount).toBe(0);
  });
});

describe("StreamRelay.restart", () => {
  it("drops what a dropped publisher left mid-element and plays the next recording from its keyframe", () => {
    const relay = new StreamRelay({ maxQueuedBytes: MAX_QUEUED });
    const watcher = viewer();
    relay.join(watcher);
    const first = Buffer.concat(pieces().map((piece) => piece.bytes));
    // The first connection's last chunk ends inside an element.
    relay.publish(first.subarray(0, Math.floor(first.length / 2) + 7));
    const before = watcher.received.length;
    expect(before).toBeGreaterThan(0);
    relay.restart();
    // The viewer's network keeps up with the second recording.
    for (const piece of pieces()) {
      watcher.drain();
      relay.publish(piece.bytes);
    }
    const second = Buffer.concat(pieces().map((piece) => piece.bytes));
    const after = watcher.received.slice(before);
    // The new recording's init segment, then a Cluster that opens with a keyframe.
    expect(after[0]?.equals(webmHead())).toBe(true);
    expect(after[1]?.subarray(0, 4).toString("hex")).toBe("1f43b675");
    expect(Buffer.concat(after).length).toBeGreaterThan(second.length / 2);
  });
});
