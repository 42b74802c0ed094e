// The viewer's side of a live stream's video (decision 0022): the relay sends the publisher's WebM
// (from MediaRecorder) over a WebSocket as binary messages, and this plays it through Media Source
// Extensions. The first bytes on every socket are an init segment and a keyframe Cluster; a new
// init segment later means the publisher's recorder restarted; a gap in the timestamps means this
// viewer fell behind and the relay skipped it ahead to a later keyframe.

/** What a viewer's player is doing, for the page to show. */
export type StreamPlayerStatus =
  | "connecting"
  | "buffering"
  | "playing"
  | "reconnecting"
  | "ended"
  | "refused"
  | "unsupported";

export interface StreamPlayerOptions {
  /** The element that shows the stream; the page mutes it when autoplay needs that. */
  video: HTMLVideoElement;
  /** The stream's watch socket, already a ws:// or wss:// URL. */
  url: string;
  /** Called on each change of status (the first one synchronously); never after `close()`. */
  onStatus(status: StreamPlayerStatus): void;
}

export interface StreamPlayer {
  /** Stops for good: the socket, the timers, the MediaSource; no status is reported afterwards. */
  close(): void;
}

/** Tried first: the publisher records its microphone too when it has one. */
const VIDEO_AND_AUDIO_TYPE = 'video/webm; codecs="vp8,opus"';
const VIDEO_ONLY_TYPE = 'video/webm; codecs="vp8"';
/** The first four bytes of every WebM file, so of every init segment. */
const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];
/** The server's close codes that end watching for good (no such stream, the stream ended). */
const ENDED_CLOSE_CODES = new Set([4404, 4410]);
/** The server's close codes for a viewer not allowed to watch (policy violation, forbidden). */
const REFUSED_CLOSE_CODES = new Set([1008, 4403]);
const NORMAL_CLOSE_CODE = 1000;
const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 4_000, 5_000];
/** Without a successful append for this long, a failing connection is given up. */
const GIVE_UP_AFTER_MS = 120_000;
/** Bytes waiting for the SourceBuffer past this: too far behind, start again at a keyframe. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** Bytes kept for replaying with other codecs while the video does not know its tracks yet. */
const MAX_REPLAY_BYTES = 4 * 1024 * 1024;
const MAX_BEHIND_LIVE_EDGE_SECONDS = 3;
/** Where a catch-up jump lands, before the live edge, so playback does not stall at once. */
const LIVE_EDGE_MARGIN_SECONDS = 0.5;
const KEEP_PLAYED_SECONDS = 10;
/** Kept when the browser's buffer is full (QuotaExceededError) before the one retry. */
const QUOTA_KEEP_PLAYED_SECONDS = 1;
const TRIM_INTERVAL_MS = 5_000;
const WATCH_INTERVAL_MS = 500;
/** Looks at a time that did not move on before "playing" turns back to "buffering" (1 s). */
const STALLED_WATCHES = 2;

/** A MediaSource constructor: `window.MediaSource`, or Safari's `ManagedMediaSource` (same shape). */
interface MediaSourceClass {
  new (): MediaSource;
  isTypeSupported(type: string): boolean;
}

interface MediaSourceSupport {
  sourceClass: MediaSourceClass;
  /** ManagedMediaSource (Safari, iOS): plays only with remote playback (AirPlay) turned off. */
  managed: boolean;
  /** The SourceBuffer type tried first for every init segment. */
  preferredType: string;
}

/**
 * Plays a live stream's WebM from its watch socket in `video`, and keeps it near the live edge: it
 * jumps over gaps (a skip after falling behind), catches up when more than 3 s behind, trims what
 * was played, starts again on a new init segment, and reconnects with backoff when the connection
 * drops. Reports "unsupported" when the browser has neither MediaSource nor ManagedMediaSource
 * with WebM VP8.
 */
export function createStreamPlayer(options: StreamPlayerOptions): StreamPlayer {
  const support = findMediaSourceSupport();
  if (!support) {
    options.onStatus("unsupported");
    return { close: () => undefined };
  }
  const player = new LiveStreamPlayer(options, support);
  return { close: () => player.close() };
}

function findMediaSourceSupport(): MediaSourceSupport | null {
  // TypeScript's lib.dom (5.9) does not declare ManagedMediaSource; it is a MediaSource subclass.
  const managed = (window as Window & { ManagedMediaSource?: MediaSourceClass }).ManagedMediaSource;
  const sourceClass = managed ?? ("MediaSource" in window ? window.MediaSource : undefined);
  if (!sourceClass) return null;
  const preferredType = [VIDEO_AND_AUDIO_TYPE, VIDEO_ONLY_TYPE].find((type) =>
    sourceClass.isTypeSupported(type),
  );
  if (!preferredType) return null;
  return { sourceClass, managed: managed !== undefined, preferredType };
}

function startsWithEbmlHeader(bytes: ArrayBuffer): boolean {
  const head = new Uint8Array(bytes, 0, Math.min(bytes.byteLength, EBML_MAGIC.length));
  return EBML_MAGIC.every((value, index) => head[index] === value);
}

function reconnectDelayMs(attempt: number): number {
  return RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 5_000;
}

/**
 * Where playback should jump to, or null to stay: to the start of the last buffered range when
 * the time is before it (in a gap, or in older media before a skip), and near the live edge when
 * more than `MAX_BEHIND_LIVE_EDGE_SECONDS` behind it.
 */
function jumpTargetSeconds(currentTimeSeconds: number, buffered: TimeRanges): number | null {
  if (buffered.length === 0) return null;
  const lastStartSeconds = buffered.start(buffered.length - 1);
  const liveEdgeSeconds = buffered.end(buffered.length - 1);
  if (liveEdgeSeconds - currentTimeSeconds > MAX_BEHIND_LIVE_EDGE_SECONDS) {
    return Math.max(lastStartSeconds, liveEdgeSeconds - LIVE_EDGE_MARGIN_SECONDS);
  }
  return currentTimeSeconds < lastStartSeconds ? lastStartSeconds : null;
}

type FeedFailure = "media" | "overflow";

interface MediaFeedListener {
  /** Bytes went into the SourceBuffer. */
  onAppended(feed: MediaFeed): void;
  /** The feed cannot go on: the browser rejected the media, or its buffer stayed full. */
  onFailure(feed: MediaFeed, failure: FeedFailure): void;
}

/**
 * One MediaSource attached to the video, with its one SourceBuffer and the messages waiting for
 * it. Appends one message at a time, in order; trims what was played; keeps what it appended
 * before the video knew its tracks, so a wrong guess of the codecs can be replayed once.
 */
class MediaFeed {
  readonly objectUrl: string;
  private readonly source: MediaSource;
  private readonly listeners = new AbortController();
  private sourceBuffer: SourceBuffer | null = null;
  private readonly queue: ArrayBuffer[] = [];
  private queuedBytes = 0;
  /** Every message appended so far, until the video has its metadata (then null). */
  private replayable: ArrayBuffer[] | null = [];
  private replayableBytes = 0;
  private appending = false;
  private quotaRetried = false;
  private lastTrimAtMs = performance.now();
  private closed = false;

  constructor(
    private readonly video: HTMLVideoElement,
    readonly mimeType: string,
    sourceClass: MediaSourceClass,
    private readonly listener: MediaFeedListener,
  ) {
    const signal = this.listeners.signal;
    this.source = new sourceClass();
    this.source.addEventListener("sourceopen", () => this.open(), { once: true, signal });
    // ManagedMediaSource says when it wants data (startstreaming) and when not (endstreaming): a
    // live source cannot pause, so appending simply goes on either way.
    this.source.addEventListener("startstreaming", () => this.pump(), { signal });
    video.addEventListener("loadedmetadata", () => this.forgetReplay(), { signal });
    video.addEventListener("error", () => this.fail("media"), { signal });
    this.objectUrl = URL.createObjectURL(this.source);
    video.src = this.objectUrl;
  }

  /** Queues a message; false when that would put more than `MAX_QUEUED_BYTES` in the queue. */
  push(bytes: ArrayBuffer): boolean {
    if (this.queuedBytes + bytes.byteLength > MAX_QUEUED_BYTES) return false;
    this.queue.push(bytes);
    this.queuedBytes += bytes.byteLength;
    this.pump();
    return true;
  }

  /** Everything this feed was given, in order, while it can still be replayed; else null. */
  takeReplay(): ArrayBuffer[] | null {
    return this.replayable ? [...this.replayable, ...this.queue] : null;
  }

  dropQueue() {
    this.queue.length = 0;
    this.queuedBytes = 0;
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.listeners.abort();
    this.dropQueue();
    this.forgetReplay();
    URL.revokeObjectURL(this.objectUrl);
  }

  private open() {
    try {
      this.sourceBuffer = this.source.addSourceBuffer(this.mimeType);
    } catch {
      this.fail("media");
      return;
    }
    const signal = this.listeners.signal;
    this.sourceBuffer.addEventListener("updateend", () => this.onUpdateEnd(), { signal });
    this.sourceBuffer.addEventListener("error", () => this.fail("media"), { signal });
    this.pump();
  }

  private onUpdateEnd() {
    if (this.closed) return;
    if (this.appending) {
      this.appending = false;
      this.quotaRetried = false;
      this.listener.onAppended(this);
    }
    this.pump();
  }

  /** Starts the next operation when the SourceBuffer is free: a trim when due, else an append. */
  private pump() {
    const sourceBuffer = this.sourceBuffer;
    if (this.closed || !sourceBuffer || sourceBuffer.updating || this.source.readyState === "closed") return;
    if (this.trimPlayed(sourceBuffer)) return;
    const bytes = this.queue.shift();
    if (!bytes) return;
    this.queuedBytes -= bytes.byteLength;
    this.append(sourceBuffer, bytes);
  }

  private append(sourceBuffer: SourceBuffer, bytes: ArrayBuffer) {
    try {
      sourceBuffer.appendBuffer(bytes);
    } catch (error) {
      const quotaExceeded = error instanceof DOMException && error.name === "QuotaExceededError";
      if (!quotaExceeded || this.quotaRetried) {
        this.fail(quotaExceeded ? "overflow" : "media");
        return;
      }
      // The browser's buffer is full: free all but the last second played, then retry once.
      this.quotaRetried = true;
      this.queue.unshift(bytes);
      this.queuedBytes += bytes.byteLength;
      if (!this.removePlayed(sourceBuffer, QUOTA_KEEP_PLAYED_SECONDS)) this.fail("overflow");
      return;
    }
    this.appending = true;
    this.rememberForReplay(bytes);
  }

  /** At most every `TRIM_INTERVAL_MS`, removes media played more than `KEEP_PLAYED_SECONDS` ago. */
  private trimPlayed(sourceBuffer: SourceBuffer): boolean {
    const nowMs = performance.now();
    if (nowMs - this.lastTrimAtMs < TRIM_INTERVAL_MS) return false;
    this.lastTrimAtMs = nowMs;
    return this.removePlayed(sourceBuffer, KEEP_PLAYED_SECONDS);
  }

  /** Removes buffered media older than `keepSeconds` before the current time; true when started. */
  private removePlayed(sourceBuffer: SourceBuffer, keepSeconds: number): boolean {
    const buffered = sourceBuffer.buffered;
    if (buffered.length === 0) return false;
    const startSeconds = buffered.start(0);
    const endSeconds = this.video.currentTime - keepSeconds;
    if (endSeconds <= startSeconds) return false;
    try {
      sourceBuffer.remove(startSeconds, endSeconds);
      return true;
    } catch {
      return false;
    }
  }

  private rememberForReplay(bytes: ArrayBuffer) {
    if (!this.replayable) return;
    this.replayableBytes += bytes.byteLength;
    if (this.replayableBytes > MAX_REPLAY_BYTES) this.forgetReplay();
    else this.replayable.push(bytes);
  }

  private forgetReplay() {
    this.replayable = null;
    this.replayableBytes = 0;
  }

  private fail(failure: FeedFailure) {
    if (!this.closed) this.listener.onFailure(this, failure);
  }
}

/** One viewer's connection to a stream: the socket, its reconnects, and the feed it fills. */
class LiveStreamPlayer {
  private readonly video: HTMLVideoElement;
  private readonly watchTimer: ReturnType<typeof setInterval>;
  private socket: WebSocket | null = null;
  /** Whether the current socket has sent anything yet (its first message is an init segment). */
  private socketHasMessages = false;
  private feed: MediaFeed | null = null;
  private status: StreamPlayerStatus | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectAttempt = 0;
  private lastSuccessAtMs = performance.now();
  /** The current time at the last look: playback is "playing" once it moves on from here. */
  private observedTimeSeconds = 0;
  /** Looks in a row at which the time had not moved on (while not paused). */
  private stalledWatches = 0;
  private playRequested = false;
  /** "ended" or "refused" was reported: nothing reconnects or reports any more. */
  private finished = false;
  private closed = false;

  constructor(
    private readonly options: StreamPlayerOptions,
    private readonly support: MediaSourceSupport,
  ) {
    this.video = options.video;
    // ManagedMediaSource plays only when the page offers no AirPlay of this element.
    if (support.managed) this.video.disableRemotePlayback = true;
    this.setStatus("connecting");
    this.openSocket();
    this.watchTimer = setInterval(() => this.watch(), WATCH_INTERVAL_MS);
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.stopConnection();
    clearInterval(this.watchTimer);
    const feed = this.feed;
    this.feed = null;
    if (!feed) return;
    const attached = this.video.src === feed.objectUrl;
    feed.close();
    if (attached) {
      this.video.removeAttribute("src");
      this.video.load();
    }
  }

  private openSocket() {
    this.reconnectTimer = null;
    const socket = new WebSocket(this.options.url);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    this.socketHasMessages = false;
    socket.addEventListener("message", (event: MessageEvent<unknown>) => {
      if (this.socket === socket) this.receive(event.data);
    });
    socket.addEventListener("close", (event) => {
      if (this.socket === socket) this.onSocketClosed(event.code);
    });
  }

  private receive(data: unknown) {
    if (!(data instanceof ArrayBuffer) || data.byteLength === 0) return;
    // A socket's first message, and any later EBML header (the publisher's recorder restarted and
    // its timestamps start again at 0), is an init segment: start a fresh MediaSource with it.
    if (!this.socketHasMessages || startsWithEbmlHeader(data)) {
      this.socketHasMessages = true;
      this.startFeed(this.support.preferredType, [data]);
      return;
    }
    if (this.feed && !this.feed.push(data)) this.dropBehind();
  }

  private startFeed(mimeType: string, messages: ArrayBuffer[]) {
    this.feed?.close();
    this.playRequested = false;
    this.observedTimeSeconds = 0;
    this.stalledWatches = 0;
    const feed = new MediaFeed(this.video, mimeType, this.support.sourceClass, {
      onAppended: (appended) => this.onAppended(appended),
      onFailure: (failed, failure) => this.onFeedFailure(failed, failure),
    });
    this.feed = feed;
    this.setStatus("buffering");
    for (const bytes of messages) {
      if (!feed.push(bytes)) {
        this.dropBehind();
        return;
      }
    }
  }

  private onAppended(feed: MediaFeed) {
    if (feed !== this.feed) return;
    this.lastSuccessAtMs = performance.now();
    this.reconnectAttempt = 0;
    this.followLiveEdge();
    if (!this.playRequested && this.video.buffered.length > 0) {
      this.playRequested = true;
      // Rejected when autoplay is not allowed (the page mutes the video when it needs to).
      this.video.play().catch(() => undefined);
    }
  }

  private onFeedFailure(feed: MediaFeed, failure: FeedFailure) {
    if (feed !== this.feed) return;
    if (failure === "overflow") {
      this.dropBehind();
      return;
    }
    // The init segment may have no audio track: the "vp8,opus" SourceBuffer then rejects it, and
    // the same bytes are replayed once into a "vp8" one.
    const canFallBack =
      feed.mimeType === VIDEO_AND_AUDIO_TYPE && this.support.sourceClass.isTypeSupported(VIDEO_ONLY_TYPE);
    const replay = canFallBack ? feed.takeReplay() : null;
    if (replay) {
      this.startFeed(VIDEO_ONLY_TYPE, replay);
      return;
    }
    feed.close();
    this.feed = null;
    this.restartConnection();
  }

  /** Too far behind: drop what waits and reconnect, to start again at a fresh init segment. */
  private dropBehind() {
    this.feed?.dropQueue();
    this.restartConnection();
  }

  private restartConnection() {
    const socket = this.socket;
    if (!socket) return; // already closed: a reconnect is scheduled, or watching is over
    this.socket = null;
    socket.close(NORMAL_CLOSE_CODE);
    this.setStatus("reconnecting");
    this.scheduleReconnect();
  }

  private onSocketClosed(code: number) {
    this.socket = null;
    if (ENDED_CLOSE_CODES.has(code)) this.finish("ended");
    else if (REFUSED_CLOSE_CODES.has(code)) this.finish("refused");
    else {
      this.setStatus("reconnecting");
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect() {
    if (this.reconnectTimer !== null || this.finished || this.closed) return;
    if (performance.now() - this.lastSuccessAtMs > GIVE_UP_AFTER_MS) {
      this.finish("ended");
      return;
    }
    const delayMs = reconnectDelayMs(this.reconnectAttempt);
    this.reconnectAttempt += 1;
    this.reconnectTimer = setTimeout(() => this.openSocket(), delayMs);
  }

  /** Reports a final status and stops connecting; the video keeps its last frames until close. */
  private finish(status: "ended" | "refused") {
    this.setStatus(status);
    this.finished = true;
    this.stopConnection();
    clearInterval(this.watchTimer);
  }

  private stopConnection() {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(NORMAL_CLOSE_CODE);
  }

  /**
   * Runs every `WATCH_INTERVAL_MS`: keeps playback near the live edge; "playing" once the time
   * moves on, "buffering" again once it has stood still for `STALLED_WATCHES` looks (a single
   * "waiting" event, which every jump fires, would make the status flicker).
   */
  private watch() {
    this.followLiveEdge();
    const timeSeconds = this.video.currentTime;
    const moved = timeSeconds > this.observedTimeSeconds;
    this.stalledWatches = moved || this.video.paused ? 0 : this.stalledWatches + 1;
    if (this.status === "buffering" && moved) this.setStatus("playing");
    if (this.status === "playing" && this.stalledWatches >= STALLED_WATCHES) this.setStatus("buffering");
    this.observedTimeSeconds = timeSeconds;
  }

  private followLiveEdge() {
    if (this.video.seeking) return;
    const targetSeconds = jumpTargetSeconds(this.video.currentTime, this.video.buffered);
    if (targetSeconds === null) return;
    this.video.currentTime = targetSeconds;
    // A jump is not playback moving on.
    this.observedTimeSeconds = targetSeconds;
  }

  private setStatus(status: StreamPlayerStatus) {
    if (this.closed || this.finished || status === this.status) return;
    this.status = status;
    this.options.onStatus(status);
  }
}
