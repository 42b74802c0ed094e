import { type WebmFragment, WebmSplitter } from "./webm-splitter.js";

/** One viewer's connection, as the relay sees it (a WebSocket in the app). */
export interface RelayViewer {
  /** Queues bytes to the viewer (one binary frame). */
  send(bytes: Buffer): void;
  /** Bytes queued to the viewer and not yet written to the network (a WebSocket's bufferedAmount). */
  queuedBytes(): number;
}

interface ViewerState {
  /** waiting: sends nothing until the next place to start; playing: gets every fragment. */
  playing: boolean;
  /** The init segment this viewer was given (a restarted recorder makes a new one). */
  init: Buffer | null;
}

/**
 * Relays one live stream from its publisher to its viewers: the publisher's WebM is split into an
 * init segment and media fragments (WebmSplitter); a viewer who joins gets the init segment and
 * then everything from the next keyframe Cluster; a viewer whose queue grows past
 * `maxQueuedBytes` stops getting fragments until the next keyframe Cluster, so a slow viewer skips
 * ahead and never buffers without bound. Every viewer gets the same Buffer objects (no copies).
 */
export class StreamRelay {
  private splitter = new WebmSplitter();
  private readonly viewers = new Map<RelayViewer, ViewerState>();
  private init: Buffer | null = null;
  /** Times a viewer fell behind and skipped to a later keyframe. */
  skips = 0;
  /** Bytes the publisher sent. */
  receivedBytes = 0;

  constructor(private readonly options: { maxQueuedBytes: number }) {}

  get viewerCount() {
    return this.viewers.size;
  }

  /**
   * A new publisher connection: its bytes start a new recording (an EBML header). The previous
   * connection's last chunk may have ended inside an element, so what is left of it is dropped.
   * Viewers stay, and start again at the new recording's first keyframe.
   */
  restart() {
    this.splitter = new WebmSplitter();
  }

  /** A viewer starts watching: from the next keyframe Cluster. */
  join(viewer: RelayViewer) {
    this.viewers.set(viewer, { playing: false, init: null });
  }

  leave(viewer: RelayViewer) {
    this.viewers.delete(viewer);
  }

  /**
   * Bytes from the publisher, cut anywhere. Throws WebmFormatError for bytes that are not a live
   * WebM stream (the caller ends the publisher's connection).
   */
  publish(chunk: Buffer): WebmFragment[] {
    this.receivedBytes += chunk.length;
    const fragments = this.splitter.push(chunk);
    for (const fragment of fragments) this.relay(fragment);
    return fragments;
  }

  private relay(fragment: WebmFragment) {
    if (fragment.kind === "init") {
      // A new recording: everyone starts again from its first keyframe.
      this.init = fragment.bytes;
      for (const state of this.viewers.values()) state.playing = false;
      return;
    }
    for (const [viewer, state] of this.viewers) {
      if (state.playing && viewer.queuedBytes() > this.options.maxQueuedBytes) {
        state.playing = false;
        this.skips += 1;
      }
      if (!state.playing) {
        if (!fragment.joinable || !this.init || viewer.queuedBytes() > this.options.maxQueuedBytes) continue;
        if (state.init !== this.init) {
          viewer.send(this.init);
          state.init = this.init;
        }
        state.playing = true;
      }
      viewer.send(fragment.bytes);
    }
  }
}
