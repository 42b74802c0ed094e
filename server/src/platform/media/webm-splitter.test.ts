import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clusterHead, element, simpleBlock, webmHead, webmRecording } from "../../../test/webm.js";
import { WebmFormatError, type WebmFragment, WebmSplitter } from "./webm-splitter.js";

/** Feeds `bytes` cut at the given offsets. */
function split(bytes: Buffer, cuts: readonly number[]) {
  const splitter = new WebmSplitter();
  const out: WebmFragment[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out.push(...splitter.push(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(...splitter.push(bytes.subarray(from)));
  return out;
}

const recording = () =>
  Buffer.concat(
    webmRecording({ seconds: 5, bitsPerSecond: 400_000, keyframeEveryMs: 1_000 }).map((piece) => piece.bytes),
  );

describe("WebmSplitter", () => {
  it("gives the head as the init segment and every byte after it once, in order, however it is cut", () => {
    const bytes = recording();
    const head = webmHead();
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
        (cuts) => {
          const fragments = split(bytes, cuts);
          expect(fragments[0]).toEqual({ kind: "init", bytes: head });
          expect(fragments.slice(1).every((fragment) => fragment.kind === "media")).toBe(true);
          // Nothing lost, nothing repeated: the pieces put back are the stream.
          expect(Buffer.concat(fragments.map((fragment) => fragment.bytes)).equals(bytes)).toBe(true);
          // Five seconds with a keyframe a second: five Clusters, each a place to start.
          const joinable = fragments.filter((fragment) => fragment.kind === "media" && fragment.joinable);
          expect(joinable).toHaveLength(5);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("marks a Cluster joinable only when its first video block is a keyframe, audio before it or not", () => {
    const splitter = new WebmSplitter();
    const out = [
      ...splitter.push(webmHead()),
      // Audio first, then a video keyframe: joinable.
      ...splitter.push(
        Buffer.concat([clusterHead(0), simpleBlock(2, 0, true, 40), simpleBlock(1, 0, true, 80)]),
      ),
      ...splitter.push(simpleBlock(1, 33, false, 60)),
      // A Cluster that starts on a video delta frame: not joinable (audio keyframes do not count).
      ...splitter.push(
        Buffer.concat([clusterHead(66), simpleBlock(2, 0, true, 40), simpleBlock(1, 0, false, 60)]),
      ),
      // The next Cluster's head closes the previous one.
      ...splitter.push(Buffer.concat([clusterHead(100), simpleBlock(1, 0, true, 80)])),
    ];
    expect(
      out.map((fragment) =>
        fragment.kind === "init"
          ? "init"
          : `${fragment.clusterStart ? "C" : "-"}${fragment.joinable ? "K" : ""}`,
      ),
    ).toEqual(["init", "CK", "-", "C", "CK"]);
  });

  it("starts a new init segment when the recorder restarts, and refuses bytes that are not WebM", () => {
    const splitter = new WebmSplitter();
    splitter.push(Buffer.concat([webmHead(), clusterHead(0), simpleBlock(1, 0, true, 80)]));
    const again = splitter.push(
      Buffer.concat([webmHead({ audio: false }), clusterHead(0), simpleBlock(1, 0, true, 80)]),
    );
    expect(again.map((fragment) => fragment.kind)).toEqual(["init", "media"]);
    expect(again[0]?.bytes.equals(webmHead({ audio: false }))).toBe(true);

    expect(() => new WebmSplitter().push(Buffer.from("GET / HTTP/1.1\r\n"))).toThrow(WebmFormatError);
    expect(() =>
      new WebmSplitter().push(Buffer.concat([clusterHead(0), simpleBlock(1, 0, true, 80)])),
    ).toThrow(WebmFormatError);
    // A 1 GB element is refused at its header, before its bytes are waited for.
    const huge = Buffer.from([0xa3, 0x08, 0x40, 0x00, 0x00, 0x00]);
    expect(() => new WebmSplitter().push(Buffer.concat([webmHead(), clusterHead(0), huge]))).toThrow(
      /too large/,
    );
    // Any bytes at all either split or are refused with WebmFormatError, never another error.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (noise) => {
        try {
          new WebmSplitter().push(Buffer.concat([webmHead(), Buffer.from(noise)]));
        } catch (error) {
          expect(error).toBeInstanceOf(WebmFormatError);
        }
      }),
    );
    expect(element(0xec, Buffer.alloc(0)).length).toBe(9);
  });
});
