/**
 * Splits a live WebM byte stream (what a browser's MediaRecorder sends, in chunks cut anywhere)
 * into the pieces a relay needs: the initialization segment (EBML header, the Segment's head,
 * Info and Tracks: everything before the first Cluster) and then media fragments, each made of
 * whole elements. A fragment that opens a Cluster is marked `joinable` when the Cluster's first
 * video block is a keyframe: a viewer may start there (after the init segment), and a viewer that
 * fell behind may skip to there. Unknown sizes (a live recorder's Segment and Clusters) are read
 * the way players read them: a Cluster ends where an element that cannot be inside it begins.
 */

/** A piece of the stream for the relay. */
export type WebmFragment =
  | { kind: "init"; bytes: Buffer }
  | {
      kind: "media";
      bytes: Buffer;
      /** Opens a Cluster whose first video block is a keyframe (a place to start or skip to). */
      joinable: boolean;
      /** Opens a Cluster (joinable or not). */
      clusterStart: boolean;
    };

export class WebmFormatError extends Error {}

const EBML_HEADER = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_NUMBER = 0xd7;
const TRACK_TYPE = 0x83;
const TRACK_TYPE_VIDEO = 1;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
const REFERENCE_BLOCK = 0xfb;
/** The children a Cluster may have (anything else ends a Cluster of unknown size). */
const CLUSTER_CHILDREN = new Set([
  0xe7,
  0xa7,
  0xab,
  SIMPLE_BLOCK,
  BLOCK_GROUP,
  0xa8,
  0x5854,
  0xaf,
  0xbf,
  0xec,
]);
/** No element of a live stream comes near this; a larger size means the bytes are not WebM. */
const MAX_ELEMENT_BYTES = 8 * 1024 * 1024;
/** Bytes of the head (before the first Cluster) a stream may have at most. */
const MAX_HEAD_BYTES = 1024 * 1024;

interface Header {
  id: number;
  /** null: unknown size. */
  size: number | null;
  headerBytes: number;
}

/** Reads an element header at `at`, or null when the bytes there are not all in yet. */
export function readHeader(buffer: Buffer, at: number): Header | null {
  if (at >= buffer.length) return null;
  const first = buffer[at] as number;
  const idLength = first >= 0x80 ? 1 : first >= 0x40 ? 2 : first >= 0x20 ? 3 : first >= 0x10 ? 4 : 0;
  if (idLength === 0) throw new WebmFormatError(`not an element ID at byte ${at}`);
  if (at + idLength >= buffer.length) return null;
  let id = 0;
  for (let index = 0; index < idLength; index++) id = id * 256 + (buffer[at + index] as number);
  const sizeAt = at + idLength;
  // A zero first byte has no length marker in its 8 bits: no size can start with it.
  if (buffer[sizeAt] === 0) throw new WebmFormatError(`bad element size at byte ${sizeAt}`);
  const size = readVint(buffer, sizeAt);
  if (!size) return null;
  return { id, size: size.allOnes ? null : size.value, headerBytes: idLength + size.length };
}

/**
 * A variable-length integer (marker removed) at `at`: an element's size or a block's track
 * number. `allOnes` marks the reserved value (an unknown size). Null when it is not all in yet, or
 * has no marker.
 */
function readVint(buffer: Buffer, at: number): { value: number; length: number; allOnes: boolean } | null {
  if (at >= buffer.length) return null;
  const first = buffer[at] as number;
  let length = 1;
  while (length <= 8 && (first & (0x100 >> length)) === 0) length++;
  if (length > 8 || at + length > buffer.length) return null;
  let value = first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let index = 1; index < length; index++) {
    const byte = buffer[at + index] as number;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, allOnes };
}

/** Unsigned integer element content. */
function readUint(buffer: Buffer, at: number, size: number): number {
  let value = 0;
  for (let index = 0; index < size; index++) value = value * 256 + (buffer[at + index] as number);
  return value;
}

/** The video track numbers named in a Tracks element's content. */
function videoTracksOf(content: Buffer): Set<number> {
  const tracks = new Set<number>();
  for (let at = 0; at < content.length; ) {
    const entry = readHeader(content, at);
    if (!entry || entry.size === null) break;
    const start = at + entry.headerBytes;
    if (entry.id === TRACK_ENTRY) {
      let number = -1;
      let type = -1;
      for (let child = start; child < start + entry.size; ) {
        const field = readHeader(content, child);
        if (!field || field.size === null) break;
        const value = child + field.headerBytes;
        if (field.id === TRACK_NUMBER) number = readUint(content, value, field.size);
        if (field.id === TRACK_TYPE) type = readUint(content, value, field.size);
        child = value + field.size;
      }
      if (type === TRACK_TYPE_VIDEO && number >= 0) tracks.add(number);
    }
    at = start + entry.size;
  }
  return tracks;
}

/**
 * The incremental splitter: `push` any chunk, get the fragments it completed. A new EBML header
 * (the publisher restarted its recorder) begins a new stream with a new init segment.
 */
export class WebmSplitter {
  private pending: Buffer = Buffer.alloc(0);
  private head: Buffer[] = [];
  private headBytes = 0;
  private videoTracks = new Set<number>();
  /** Where the parser is: before the first Cluster, or inside a Cluster (bytes left, null: unknown). */
  private state: "head" | "between" | "cluster" = "head";
  private clusterLeft: number | null = null;
  /** The open Cluster's bytes not emitted yet (its header, and blocks until its first video block). */
  private clusterOpening: Buffer[] | null = null;

  push(chunk: Buffer): WebmFragment[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: WebmFragment[] = [];
    let at = 0;
    for (;;) {
      const header = readHeader(this.pending, at);
      if (!header) break;
      if (this.head.length === 0 && header.id !== EBML_HEADER)
        throw new WebmFormatError("the stream does not start with an EBML header");
      if (header.size !== null && header.size > MAX_ELEMENT_BYTES)
        throw new WebmFormatError(`an element of ${header.size} bytes is too large for a live stream`);
      if (header.id === EBML_HEADER) {
        if (header.size === null) throw new WebmFormatError("the EBML header has no size");
        if (at + header.headerBytes + header.size > this.pending.length) break;
        this.restart();
        this.addHead(this.pending.subarray(at, at + header.headerBytes + header.size));
        at += header.headerBytes + header.size;
        continue;
      }
      if (header.id === SEGMENT) {
        // Only its header: its children follow as elements of their own.
        if (this.state !== "head") throw new WebmFormatError("a second Segment without an EBML header");
        this.addHead(this.pending.subarray(at, at + header.headerBytes));
        at += header.headerBytes;
        continue;
      }
      if (this.state === "cluster" && this.clusterLeft === null && !CLUSTER_CHILDREN.has(header.id))
        this.closeCluster(out);
      if (header.id === CLUSTER) {
        if (this.state === "head") this.finishHead(out);
        if (this.state === "cluster") this.closeCluster(out);
        this.state = "cluster";
        this.clusterLeft = header.size;
        this.clusterOpening = [this.pending.subarray(at, at + header.headerBytes)];
        at += header.headerBytes;
        continue;
      }
      if (header.size === null) throw new WebmFormatError(`element 0x${header.id.toString(16)} has no size`);
      const end = at + header.headerBytes + header.size;
      if (end > this.pending.length) break;
      const element = this.pending.subarray(at, end);
      if (this.state === "head") {
        if (header.id === TRACKS) this.videoTracks = videoTracksOf(element.subarray(header.headerBytes));
        this.addHead(element);
      } else if (this.state === "cluster") {
        this.inCluster(out, header, element);
        if (this.clusterLeft !== null) {
          this.clusterLeft -= element.length;
          if (this.clusterLeft <= 0) this.closeCluster(out);
        }
      } else {
        // Between Clusters of known size: Cues, Tags and the like go to every viewer as they are.
        out.push({ kind: "media", bytes: Buffer.from(element), joinable: false, clusterStart: false });
      }
      at = end;
    }
    // Keep only what is not parsed yet (copied, so the caller's chunk can be reused).
    this.pending = Buffer.from(this.pending.subarray(at));
    return out;
  }

  private restart() {
    this.head = [];
    this.headBytes = 0;
    this.videoTracks = new Set();
    this.state = "head";
    this.clusterLeft = null;
    this.clusterOpening = null;
  }

  private addHead(bytes: Buffer) {
    this.headBytes += bytes.length;
    if (this.headBytes > MAX_HEAD_BYTES) throw new WebmFormatError("the stream's head is too large");
    this.head.push(Buffer.from(bytes));
  }

  private finishHead(out: WebmFragment[]) {
    if (this.head.length === 0) throw new WebmFormatError("a Cluster before any EBML header");
    out.push({ kind: "init", bytes: Buffer.concat(this.head) });
    this.state = "between";
  }

  private inCluster(out: WebmFragment[], header: Header, element: Buffer) {
    if (!this.clusterOpening) {
      out.push({ kind: "media", bytes: Buffer.from(element), joinable: false, clusterStart: false });
      return;
    }
    this.clusterOpening.push(Buffer.from(element));
    const keyframe = this.videoKeyframe(header, element);
    // Without video tracks (audio only), every Cluster is a place to start.
    if (keyframe !== null || (this.videoTracks.size === 0 && header.id === SIMPLE_BLOCK)) {
      out.push({
        kind: "media",
        bytes: Buffer.concat(this.clusterOpening),
        joinable: keyframe ?? true,
        clusterStart: true,
      });
      this.clusterOpening = null;
    }
  }

  /** For a video block: whether it is a keyframe; null for anything else. */
  private videoKeyframe(header: Header, element: Buffer): boolean | null {
    const content = header.headerBytes;
    if (header.id === SIMPLE_BLOCK) {
      const track = readVint(element, content);
      if (!track || !this.videoTracks.has(track.value)) return null;
      const flags = element[content + track.length + 2];
      return flags !== undefined && (flags & 0x80) !== 0;
    }
    if (header.id === BLOCK_GROUP) {
      // A BlockGroup is a keyframe when it references no other block.
      let video = false;
      let references = false;
      for (let at = content; at < element.length; ) {
        const child = readHeader(element, at);
        if (!child || child.size === null) break;
        if (child.id === BLOCK) {
          const track = readVint(element, at + child.headerBytes);
          video = track !== null && this.videoTracks.has(track.value);
        }
        if (child.id === REFERENCE_BLOCK) references = true;
        at += child.headerBytes + child.size;
      }
      return video ? !references : null;
    }
    return null;
  }

  private closeCluster(out: WebmFragment[]) {
    // A Cluster with no video block: what it holds still goes out, as no place to start.
    if (this.clusterOpening && this.clusterOpening.length > 0)
      out.push({
        kind: "media",
        bytes: Buffer.concat(this.clusterOpening),
        joinable: false,
        clusterStart: true,
      });
    this.clusterOpening = null;
    this.clusterLeft = null;
    this.state = "between";
  }
}
