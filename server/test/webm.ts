/**
 * Writes WebM as a browser's MediaRecorder does for a live camera: an EBML header, a Segment of
 * unknown size, Info, Tracks (VP8 video as track 1, Opus audio as track 2) and Clusters of unknown
 * size, a new one at each video keyframe. The frames' bytes are filler: the relay never decodes them.
 */

const UNKNOWN_SIZE = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

function idBytes(id: number): Buffer {
  const bytes: number[] = [];
  for (let value = id; value > 0; value = Math.floor(value / 256)) bytes.unshift(value % 256);
  return Buffer.from(bytes);
}

/** An EBML size (8-byte form, as libwebm writes them). */
function sizeBytes(size: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes[0] = 0x01;
  for (let index = 7, value = size; index >= 1; index--, value = Math.floor(value / 256))
    bytes[index] = value % 256;
  return bytes;
}

export function element(id: number, content: Buffer): Buffer {
  return Buffer.concat([idBytes(id), sizeBytes(content.length), content]);
}

const uint = (id: number, value: number) => {
  const bytes: number[] = [];
  for (let rest = value; bytes.length === 0 || rest > 0; rest = Math.floor(rest / 256))
    bytes.unshift(rest % 256);
  return element(id, Buffer.from(bytes));
};
const text = (id: number, value: string) => element(id, Buffer.from(value, "ascii"));

/** Everything before the first Cluster. */
export function webmHead(options: { audio?: boolean } = {}): Buffer {
  const ebml = element(
    0x1a45dfa3,
    Buffer.concat([uint(0x4286, 1), uint(0x42f7, 1), uint(0x42f2, 4), uint(0x42f3, 8), text(0x4282, "webm")]),
  );
  const info = element(0x1549a966, Buffer.concat([uint(0x2ad7b1, 1_000_000), text(0x4d80, "SoulSeer test")]));
  const video = element(
    0xae,
    Buffer.concat([
      uint(0xd7, 1),
      uint(0x73c5, 1),
      uint(0x83, 1),
      text(0x86, "V_VP8"),
      element(0xe0, Buffer.concat([uint(0xb0, 640), uint(0xba, 360)])),
    ]),
  );
  const audio = element(
    0xae,
    Buffer.concat([uint(0xd7, 2), uint(0x73c5, 2), uint(0x83, 2), text(0x86, "A_OPUS")]),
  );
  const tracks = element(0x1654ae6b, options.audio === false ? video : Buffer.concat([video, audio]));
  return Buffer.concat([ebml, idBytes(0x18538067), UNKNOWN_SIZE, info, tracks]);
}

/** A Cluster's opening (unknown size) and its Timecode. */
export function clusterHead(timecodeMs: number): Buffer {
  return Buffer.concat([idBytes(0x1f43b675), UNKNOWN_SIZE, uint(0xe7, timecodeMs)]);
}

/** A SimpleBlock of `track` at `relativeMs` from its Cluster, `bytes` long in all. */
export function simpleBlock(
  track: number,
  relativeMs: number,
  keyframe: boolean,
  bytes: number,
  fill = 0,
): Buffer {
  const head = Buffer.from([0x80 | track, (relativeMs >> 8) & 0xff, relativeMs & 0xff, keyframe ? 0x80 : 0]);
  return element(0xa3, Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - 13), fill)]));
}

/**
 * A recording of `seconds` at about `bitsPerSecond`: 30 video frames a second, a keyframe (five
 * times a frame's size) every `keyframeEveryMs`, each opening a Cluster, and Opus audio every
 * 20 ms. Answers the bytes in order, with where each Cluster starts and when (ms) each byte range
 * would have been recorded, so a bench can send it at the pace it was recorded.
 */
export function webmRecording(options: { seconds: number; bitsPerSecond: number; keyframeEveryMs: number }) {
  const frameMs = 1000 / 30;
  const framesPerKeyframe = Math.round(options.keyframeEveryMs / frameMs);
  // Per keyframe interval: one keyframe worth 5 frames and the rest 1 each, plus audio (about 6 %).
  const videoBytesPerSecond = (options.bitsPerSecond / 8) * 0.94;
  const frameBytes = Math.round(
    (videoBytesPerSecond * options.keyframeEveryMs) / 1000 / (framesPerKeyframe + 4),
  );
  const pieces: { atMs: number; bytes: Buffer }[] = [{ atMs: 0, bytes: webmHead() }];
  let clusterAt = 0;
  let audioAt = 0;
  const frames = Math.round((options.seconds * 1000) / frameMs);
  for (let frame = 0; frame < frames; frame++) {
    const atMs = Math.round(frame * frameMs);
    const keyframe = frame % framesPerKeyframe === 0;
    if (keyframe) {
      clusterAt = atMs;
      pieces.push({ atMs, bytes: clusterHead(atMs) });
    }
    for (; audioAt <= atMs; audioAt += 20)
      if (audioAt >= clusterAt) pieces.push({ atMs, bytes: simpleBlock(2, audioAt - clusterAt, true, 160) });
    pieces.push({
      atMs,
      bytes: simpleBlock(1, atMs - clusterAt, keyframe, keyframe ? frameBytes * 5 : frameBytes, frame % 251),
    });
  }
  return pieces;
}
