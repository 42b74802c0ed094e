import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyBaseLogger, FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { App } from "../../platform/http/server.js";
import { POLICY_VIOLATION, RelayUpstream } from "../../platform/media/relay-upstream.js";
import { type RelayViewer, StreamRelay } from "../../platform/media/stream-relay.js";
import { WebmFormatError } from "../../platform/media/webm-splitter.js";
import type { StreamStatus } from "./streams.state.js";
import { isOnAir } from "./streams.state.js";

/** Close codes the pages act on (application range 4000–4999; see the web player and publisher). */
export const MEDIA_CLOSE = {
  /** Not allowed to watch or publish this stream. */
  refused: 4403,
  noSuchStream: 4404,
  /** Scheduled and not started yet: start it first. */
  notLive: 4409,
  /** The stream ended (or was cancelled). */
  ended: 4410,
  /** Another connection of the reader took over publishing. */
  replaced: 4412,
} as const;
/** The header carrying an internal relay connection's credentials. */
export const RELAY_TOKEN_HEADER = "x-soulseer-relay-token";
/** A slow viewer skips to the next keyframe past this many queued bytes (about 2 s at 1 Mbit/s). */
const MAX_QUEUED_BYTES = 256 * 1024;
/** What a publisher may send before its connection is checked (then it is relayed). */
const MAX_EARLY_BYTES = 4 * 1024 * 1024;
const UPSTREAM_ATTEMPTS = 8;

/** What the media part asks of the streams service. */
export interface MediaStreams {
  /** The stream's reader and status, or null when there is no such stream. */
  facts(streamId: string): Promise<{ readerUserId: string; status: StreamStatus } | null>;
  mayWatch(principal: Principal | null, streamId: string): Promise<boolean>;
  publisherChanged(streamId: string, connected: boolean): Promise<unknown>;
  registerRelay(streamId: string, internalUrl: string): Promise<void>;
  findRelay(streamId: string): Promise<{ nodeId: string; internalUrl: string } | null>;
  dropRelay(streamId: string): Promise<void>;
}

interface LocalStream {
  relay: StreamRelay;
  viewers: Map<WebSocket, RelayViewer>;
  publisher: WebSocket | null;
  /** This node is not the publisher's: its relay is fed from there. */
  upstream: RelayUpstream | null;
}

const viewerOf = (socket: WebSocket): RelayViewer => ({
  send: (bytes) => socket.send(bytes, { binary: true }),
  queuedBytes: () => socket.bufferedAmount,
});

/**
 * The video of live streams (decision 0022): the reader's page sends MediaRecorder WebM over
 * `…/publish`; this node's StreamRelay sends it to every viewer's `…/watch` socket here, and to
 * the relays of other nodes that ask for it over `/internal/v1/streams/:id/relay` (one socket per
 * stream per node, registered in the database), which serve their own viewers the same way.
 */
export function createStreamMedia(deps: {
  streams: MediaStreams;
  nodeId: string;
  logger: FastifyBaseLogger;
  allowedOrigin: string;
  /** Signs internal relay connections (derived from AUTH_SECRET). */
  relaySecret: string;
  /** How other nodes reach this one (ws://host:port), known once it listens. */
  internalOrigin(): string | null;
}) {
  const local = new Map<string, LocalStream>();
  const tokenFor = (streamId: string) =>
    createHmac("sha256", deps.relaySecret).update(streamId).digest("base64url");

  function ensure(streamId: string) {
    let entry = local.get(streamId);
    if (!entry) {
      entry = {
        relay: new StreamRelay({ maxQueuedBytes: MAX_QUEUED_BYTES }),
        viewers: new Map(),
        publisher: null,
        upstream: null,
      };
      local.set(streamId, entry);
    }
    return entry;
  }

  /** Forgets a stream here once nobody publishes or watches it on this node. */
  function release(streamId: string) {
    const entry = local.get(streamId);
    if (!entry || entry.publisher || entry.viewers.size > 0) return;
    entry.upstream?.stop();
    local.delete(streamId);
  }

  function addViewer(streamId: string, socket: WebSocket) {
    const entry = ensure(streamId);
    const viewer = viewerOf(socket);
    entry.viewers.set(socket, viewer);
    entry.relay.join(viewer);
    socket.on("close", () => {
      entry.relay.leave(viewer);
      entry.viewers.delete(socket);
      release(streamId);
    });
    return entry;
  }

  /** A viewer here of a stream published on another node: feed this node's relay from there. */
  async function feedFromPublisherNode(streamId: string, entry: LocalStream) {
    if (entry.publisher || entry.upstream) return;
    const registered = await deps.streams.findRelay(streamId);
    if (!registered || registered.nodeId === deps.nodeId || entry.publisher || entry.upstream) return;
    entry.upstream = new RelayUpstream({
      url: `${registered.internalUrl}/internal/v1/streams/${streamId}/relay`,
      headers: { [RELAY_TOKEN_HEADER]: tokenFor(streamId) },
      relay: entry.relay,
      maxAttempts: UPSTREAM_ATTEMPTS,
      onEnd: (reason) => {
        if (entry.upstream && local.get(streamId) === entry) entry.upstream = null;
        if (reason === "stopped") return;
        deps.logger.info({ streamId, reason }, "stream relay feed ended");
        // The publisher may have moved to another node: the viewers reconnect and look again.
        for (const socket of entry.viewers.keys()) socket.close(1012, "Stream moved");
      },
    });
  }

  /**
   * Checks a publisher's socket, then makes it the stream's publisher here. `takeOver` hands over
   * the chunks that came during the checks and stops holding new ones: it is called in the same
   * tick as the socket's own handlers are attached, so no chunk and no close is missed.
   */
  async function openPublisher(
    socket: WebSocket,
    principal: Principal,
    streamId: string,
    takeOver: () => Buffer[],
  ) {
    const facts = await deps.streams.facts(streamId);
    if (!facts || facts.readerUserId !== principal.userId)
      return socket.close(MEDIA_CLOSE.noSuchStream, "No such stream");
    if (principal.accountStatus !== "active") return socket.close(MEDIA_CLOSE.refused, "Account suspended");
    if (facts.status === "scheduled") return socket.close(MEDIA_CLOSE.notLive, "Start the stream first");
    if (!isOnAir(facts.status)) return socket.close(MEDIA_CLOSE.ended, "The stream ended");
    if (socket.readyState !== socket.OPEN) return;
    const entry = ensure(streamId);
    entry.upstream?.stop();
    entry.upstream = null;
    entry.publisher?.close(MEDIA_CLOSE.replaced, "Publishing from another connection");
    entry.publisher = socket;
    entry.relay.restart();
    let announced = false;
    const take = (chunk: Buffer) => {
      if (entry.publisher !== socket) return;
      try {
        entry.relay.publish(chunk);
      } catch (error) {
        if (!(error instanceof WebmFormatError)) throw error;
        socket.close(1003, "Not a WebM stream");
        return;
      }
      if (!announced) {
        announced = true;
        void deps.streams
          .publisherChanged(streamId, true)
          .catch((failure: unknown) =>
            deps.logger.error({ err: failure, streamId }, "stream reconnect not recorded"),
          );
      }
    };
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      if (isBinary) take(data);
    });
    socket.on("close", () => {
      if (entry.publisher !== socket) return;
      entry.publisher = null;
      release(streamId);
      void deps.streams
        .publisherChanged(streamId, false)
        .catch((error: unknown) => deps.logger.error({ err: error, streamId }, "stream drop not recorded"));
    });
    for (const chunk of takeOver()) take(chunk);
    const origin = deps.internalOrigin();
    if (origin) await deps.streams.registerRelay(streamId, origin);
  }

  async function openViewer(socket: WebSocket, principal: Principal | null, streamId: string) {
    const facts = await deps.streams.facts(streamId);
    if (!facts) return socket.close(MEDIA_CLOSE.noSuchStream, "No such stream");
    if (!(await deps.streams.mayWatch(principal, streamId)))
      return socket.close(MEDIA_CLOSE.refused, "Not allowed");
    if (!isOnAir(facts.status))
      return socket.close(facts.status === "scheduled" ? MEDIA_CLOSE.notLive : MEDIA_CLOSE.ended, "Not live");
    if (socket.readyState !== socket.OPEN) return;
    const entry = addViewer(streamId, socket);
    await feedFromPublisherNode(streamId, entry);
  }

  function openInternal(socket: WebSocket, request: FastifyRequest, streamId: string) {
    const given = Buffer.from(String(request.headers[RELAY_TOKEN_HEADER] ?? ""));
    const expected = Buffer.from(tokenFor(streamId));
    const entry = local.get(streamId);
    // A relay that lost its publisher a moment ago stays: the reader may come back here.
    if (given.length !== expected.length || !timingSafeEqual(given, expected) || !entry)
      return socket.close(POLICY_VIOLATION, "Refused");
    addViewer(streamId, socket);
  }

  /** Runs `open` once the socket's checks are done; a failure closes the socket, never the node. */
  const guarded = (socket: WebSocket, streamId: string, open: () => Promise<void> | void) => {
    Promise.resolve()
      .then(open)
      .catch((error: unknown) => {
        deps.logger.error({ err: error, streamId }, "stream media socket failed");
        socket.close(1011, "Something went wrong");
      });
  };

  return {
    register(app: App) {
      const originGuard = async (request: FastifyRequest) => {
        const origin = request.headers.origin;
        if (request.headers.cookie && origin !== undefined && origin !== deps.allowedOrigin)
          throw new DomainError("CSRF_REJECTED", "Cross-site connection refused.");
      };
      const upgradeOnly = async () => {
        throw new DomainError("UPGRADE_REQUIRED", "This endpoint is a WebSocket; connect with an upgrade.");
      };
      app.route<{ Params: { streamId: string } }>({
        method: "GET",
        url: "/api/v1/streams/:streamId/publish",
        config: { access: ["reader"] },
        schema: { hide: true },
        preValidation: originGuard,
        handler: upgradeOnly,
        wsHandler: (socket, request) => {
          // Chunks sent while the checks run are kept (bounded) and relayed once they pass.
          const early: Buffer[] = [];
          let earlyBytes = 0;
          const hold = (data: Buffer, isBinary: boolean) => {
            if (!isBinary) return;
            earlyBytes += data.length;
            if (earlyBytes > MAX_EARLY_BYTES)
              return socket.close(1009, "Too much before the stream was checked");
            early.push(data);
          };
          socket.on("message", hold);
          const takeOver = () => {
            socket.off("message", hold);
            return early.splice(0);
          };
          const principal = request.principal;
          if (!principal) return socket.close(MEDIA_CLOSE.refused, "Sign in");
          guarded(socket, request.params.streamId, () =>
            openPublisher(socket, principal, request.params.streamId, takeOver),
          );
        },
      });
      app.route<{ Params: { streamId: string } }>({
        method: "GET",
        url: "/api/v1/streams/:streamId/watch",
        config: { access: "public" },
        schema: { hide: true },
        preValidation: originGuard,
        handler: upgradeOnly,
        wsHandler: (socket, request) =>
          guarded(socket, request.params.streamId, () =>
            openViewer(socket, request.principal, request.params.streamId),
          ),
      });
      app.route<{ Params: { streamId: string } }>({
        method: "GET",
        url: "/internal/v1/streams/:streamId/relay",
        config: { access: "public" },
        schema: { hide: true },
        handler: upgradeOnly,
        wsHandler: (socket, request) =>
          guarded(socket, request.params.streamId, () =>
            openInternal(socket, request, request.params.streamId),
          ),
      });
    },

    /**
     * A stream's status changed (heard from any node). Ended or cancelled: its sockets here close.
     * Live again after a drop: viewers here that the publisher's socket no longer feeds (it may now
     * be on another node) reconnect and are fed from wherever it is.
     */
    statusChanged(streamId: string, status: StreamStatus) {
      const entry = local.get(streamId);
      if (!entry) return;
      if (status === "live") {
        if (entry.publisher) return;
        entry.upstream?.stop();
        entry.upstream = null;
        for (const socket of entry.viewers.keys()) socket.close(1012, "Stream moved");
        return;
      }
      if (status !== "ended" && status !== "cancelled") return;
      entry.upstream?.stop();
      entry.upstream = null;
      entry.publisher?.close(MEDIA_CLOSE.ended, "The stream ended");
      for (const socket of entry.viewers.keys()) socket.close(MEDIA_CLOSE.ended, "The stream ended");
      if (entry.publisher) void deps.streams.dropRelay(streamId).catch(() => {});
    },

    /** Keeps this node's publishers registered (a stream whose registration goes stale has dropped). */
    async heartbeat() {
      const origin = deps.internalOrigin();
      if (!origin) return;
      for (const [streamId, entry] of local)
        if (entry.publisher) await deps.streams.registerRelay(streamId, origin);
    },

    /** Relays on this node (tests, metrics). */
    stats(streamId: string) {
      const entry = local.get(streamId);
      return entry
        ? {
            viewers: entry.viewers.size,
            publishing: entry.publisher !== null,
            fed: entry.upstream !== null,
            skips: entry.relay.skips,
          }
        : null;
    },

    close() {
      for (const [streamId, entry] of local) {
        entry.upstream?.stop();
        entry.publisher?.close(1001, "server shutting down");
        for (const socket of entry.viewers.keys()) socket.close(1001, "server shutting down");
        local.delete(streamId);
      }
    },
  };
}

export type StreamMedia = ReturnType<typeof createStreamMedia>;
