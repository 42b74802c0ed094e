import WebSocket from "ws";
import type { StreamRelay } from "./stream-relay.js";
import { WebmFormatError } from "./webm-splitter.js";

const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 5_000];
/** The close code of a refused internal connection (wrong credentials, no such stream here). */
export const POLICY_VIOLATION = 1008;

export type UpstreamEnd = "stopped" | "unreachable" | "refused" | "not-webm";

/**
 * Feeds a node's own relay of a stream from the node that holds the publisher (decision 0022):
 * one internal WebSocket per stream per node, which the publisher's relay serves as one more
 * viewer (init segment, then whole fragments from a keyframe). This node's viewers join `relay`
 * as usual. A dropped connection is opened again with backoff (the relay then starts its viewers
 * again at the next keyframe); after `maxAttempts` tries in a row that were never served, a
 * refusal (close code 1008), or bytes that are not WebM, it stops and says why in `onEnd`.
 */
export class RelayUpstream {
  private socket: WebSocket | null = null;
  private stopped = false;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: {
      /** The publisher node's internal watch address for this stream (ws://…). */
      url: string;
      /** Sent when connecting (the internal endpoint's credentials). */
      headers: Record<string, string>;
      relay: StreamRelay;
      maxAttempts: number;
      onEnd(reason: UpstreamEnd): void;
    },
  ) {
    this.connect();
  }

  get connected() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Ends the feed (no viewers left here, or the stream ended). */
  stop() {
    this.finish("stopped");
  }

  private connect() {
    const socket = new WebSocket(this.options.url, {
      headers: this.options.headers,
      maxPayload: 16 * 1024 * 1024,
    });
    this.socket = socket;
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      if (!isBinary || this.stopped) return;
      // Served (not only accepted): a later drop starts the count of failures again.
      this.failures = 0;
      try {
        this.options.relay.publish(data);
      } catch (error) {
        if (error instanceof WebmFormatError) this.finish("not-webm");
        else throw error;
      }
    });
    socket.on("error", () => {});
    socket.on("close", (code: number) => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      // The publisher's node refused these credentials: trying again would not change that.
      if (code === POLICY_VIOLATION) return this.finish("refused");
      this.failures += 1;
      if (this.failures >= this.options.maxAttempts) return this.finish("unreachable");
      const delay = RECONNECT_DELAYS_MS[Math.min(this.failures - 1, RECONNECT_DELAYS_MS.length - 1)];
      this.timer = setTimeout(() => this.connect(), delay);
      this.timer.unref();
    });
  }

  private finish(reason: UpstreamEnd) {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.terminate();
    this.socket = null;
    this.options.onEnd(reason);
  }
}
