// The reader's side of a live stream's video (decision 0022): the camera is recorded with
// MediaRecorder as WebM and every chunk goes, in order, as one binary message over the stream's
// publish socket to the relay. Every new socket gets a new recorder, so the relay always gets a
// fresh init segment and a keyframe first, and viewers resync there.

/** What the publisher is doing, for the page to show. */
export type PublisherStatus = "connecting" | "live" | "reconnecting" | "ended" | "refused" | "unsupported";

export interface PublishingOptions {
  /** The camera (and microphone) to send; the page owns it: stopping never stops its tracks. */
  media: MediaStream;
  /** The stream's publish socket, already a ws:// or wss:// URL. */
  url: string;
  /** Called on each change of status (the first one synchronously); never after `stop()`. */
  onStatus(status: PublisherStatus): void;
  /** The recorder's video bitrate; 1 Mbit/s by default (the relay's benchmark rate). */
  videoBitsPerSecond?: number;
}

export interface Publishing {
  /** Stops for good: the recorder, the socket (closed with 1000), the timers. */
  stop(): void;
}

/** WebM only: the relay splits WebM. VP8 plays everywhere MSE plays WebM. */
const RECORDER_TYPES = ["video/webm;codecs=vp8,opus", "video/webm;codecs=vp8", "video/webm"];
const TIMESLICE_MS = 250;
/** A keyframe at least this often, so a viewer who joins or skips ahead waits at most this long. */
const KEYFRAME_INTERVAL_MS = 2_000;
const DEFAULT_VIDEO_BITS_PER_SECOND = 1_000_000;
/** Bytes the socket may hold unsent before the connection starts again with a fresh recorder. */
const MAX_BUFFERED_BYTES = 2 * 1024 * 1024;
/** Chunks waiting to be read and sent (10 s of recording) before the connection starts again. */
const MAX_PENDING_CHUNKS = 40;
const STREAM_ENDED_CLOSE_CODE = 4410;
/** The server's close codes for a publisher not allowed to send: policy, forbidden, no stream. */
const REFUSED_CLOSE_CODES = new Set([1008, 4403, 4404]);
const NORMAL_CLOSE_CODE = 1000;
const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 4_000, 5_000];
/** Without a chunk sent for this long, a failing connection is given up. */
const GIVE_UP_AFTER_MS = 120_000;

/** MediaRecorderOptions with Chromium's keyframe interval, which TypeScript's lib.dom lacks. */
type RecorderOptions = MediaRecorderOptions & { videoKeyFrameIntervalDuration?: number };

/** One publish socket and the recorder that feeds it (a new recorder for every socket). */
interface Connection {
  socket: WebSocket;
  recorder: MediaRecorder | null;
  /** Removes this connection's socket and recorder listeners. */
  listeners: AbortController;
  /** Chunks are read and sent one after another through this chain, so they cannot reorder. */
  sendChain: Promise<void>;
  pendingChunks: number;
}

/**
 * Sends `media` to a live stream's relay: records it with MediaRecorder (WebM, 250 ms chunks, a
 * keyframe every 2 s) and sends each chunk as one binary message, in order. When the network
 * cannot keep up (more than 2 MB unsent) or the connection drops, it starts again with a fresh
 * recorder, with backoff, for up to 2 minutes. Reports "unsupported" when the browser cannot
 * record WebM.
 */
export function startPublishing(options: PublishingOptions): Publishing {
  const mimeType =
    "MediaRecorder" in window
      ? RECORDER_TYPES.find((type) => MediaRecorder.isTypeSupported(type))
      : undefined;
  if (!mimeType) {
    options.onStatus("unsupported");
    return { stop: () => undefined };
  }
  const publisher = new StreamPublisher(options, mimeType);
  return { stop: () => publisher.stop() };
}

function reconnectDelayMs(attempt: number): number {
  return RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 5_000;
}

class StreamPublisher {
  private connection: Connection | null = null;
  private status: PublisherStatus | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectAttempt = 0;
  private lastSuccessAtMs = performance.now();
  /** "ended", "refused" or "unsupported" was reported: nothing reconnects or reports any more. */
  private finished = false;
  private stopped = false;

  constructor(
    private readonly options: PublishingOptions,
    private readonly mimeType: string,
  ) {
    this.setStatus("connecting");
    this.openSocket();
  }

  stop() {
    if (this.stopped) return;
    this.stopped = true;
    this.closeConnection();
    this.clearReconnectTimer();
  }

  private openSocket() {
    this.reconnectTimer = null;
    const socket = new WebSocket(this.options.url);
    socket.binaryType = "arraybuffer";
    const connection: Connection = {
      socket,
      recorder: null,
      listeners: new AbortController(),
      sendChain: Promise.resolve(),
      pendingChunks: 0,
    };
    this.connection = connection;
    const signal = connection.listeners.signal;
    socket.addEventListener("open", () => this.startRecorder(connection), { signal });
    socket.addEventListener("close", (event) => this.onSocketClosed(connection, event.code), { signal });
  }

  /** A new recorder for every socket: its first chunk is a fresh init segment and keyframe. */
  private startRecorder(connection: Connection) {
    const recorderOptions: RecorderOptions = {
      mimeType: this.mimeType,
      videoBitsPerSecond: this.options.videoBitsPerSecond ?? DEFAULT_VIDEO_BITS_PER_SECOND,
      videoKeyFrameIntervalDuration: KEYFRAME_INTERVAL_MS,
    };
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(this.options.media, recorderOptions);
      recorder.start(TIMESLICE_MS);
    } catch {
      // Nothing to record (every track ended) or a stream this browser cannot record.
      this.finish(this.options.media.active ? "unsupported" : "ended");
      return;
    }
    connection.recorder = recorder;
    const signal = connection.listeners.signal;
    recorder.addEventListener("dataavailable", (event) => this.enqueueChunk(connection, event.data), {
      signal,
    });
    recorder.addEventListener("error", () => this.restartConnection(connection), { signal });
    // Listeners are removed before this page stops a recorder, so this is the recorder stopping
    // by itself: every track ended (the camera is gone), or it failed (tracks were added).
    recorder.addEventListener(
      "stop",
      () => {
        if (this.options.media.active) this.restartConnection(connection);
        else this.finish("ended");
      },
      { signal },
    );
  }

  private enqueueChunk(connection: Connection, chunk: Blob) {
    if (chunk.size === 0 || this.connection !== connection) return;
    if (connection.pendingChunks >= MAX_PENDING_CHUNKS) {
      this.restartConnection(connection);
      return;
    }
    connection.pendingChunks += 1;
    connection.sendChain = connection.sendChain
      .then(() => chunk.arrayBuffer())
      .then((bytes) => this.send(connection, bytes))
      .catch(() => this.restartConnection(connection))
      .finally(() => {
        connection.pendingChunks -= 1;
      });
  }

  private send(connection: Connection, bytes: ArrayBuffer) {
    if (this.connection !== connection || connection.socket.readyState !== WebSocket.OPEN) return;
    connection.socket.send(bytes);
    this.lastSuccessAtMs = performance.now();
    this.reconnectAttempt = 0;
    this.setStatus("live");
    // The network is not keeping up: start again with a fresh recorder rather than queue more;
    // viewers resync at its first keyframe.
    if (connection.socket.bufferedAmount > MAX_BUFFERED_BYTES) this.restartConnection(connection);
  }

  private onSocketClosed(connection: Connection, code: number) {
    if (this.connection !== connection) return;
    this.closeConnection();
    if (code === STREAM_ENDED_CLOSE_CODE) this.finish("ended");
    else if (REFUSED_CLOSE_CODES.has(code)) this.finish("refused");
    else {
      this.setStatus("reconnecting");
      this.scheduleReconnect();
    }
  }

  private restartConnection(connection: Connection) {
    if (this.connection !== connection) return;
    this.closeConnection();
    this.setStatus("reconnecting");
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.reconnectTimer !== null || this.finished || this.stopped) return;
    if (performance.now() - this.lastSuccessAtMs > GIVE_UP_AFTER_MS) {
      this.finish("ended");
      return;
    }
    const delayMs = reconnectDelayMs(this.reconnectAttempt);
    this.reconnectAttempt += 1;
    this.reconnectTimer = setTimeout(() => this.openSocket(), delayMs);
  }

  /** Reports a final status, and stops recording and connecting. */
  private finish(status: "ended" | "refused" | "unsupported") {
    this.setStatus(status);
    this.finished = true;
    this.closeConnection();
    this.clearReconnectTimer();
  }

  /** Stops the current recorder (not the media's tracks) and closes its socket with 1000. */
  private closeConnection() {
    const connection = this.connection;
    if (!connection) return;
    this.connection = null;
    connection.listeners.abort();
    if (connection.recorder && connection.recorder.state !== "inactive") connection.recorder.stop();
    connection.socket.close(NORMAL_CLOSE_CODE);
  }

  private clearReconnectTimer() {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private setStatus(status: PublisherStatus) {
    if (this.stopped || this.finished || status === this.status) return;
    this.status = status;
    this.options.onStatus(status);
  }
}
