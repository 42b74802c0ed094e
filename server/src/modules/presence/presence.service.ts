import type { FastifyBaseLogger } from "fastify";
import type { Clock, ClockTimer } from "../../platform/clock.js";
import { createLimiter } from "../../platform/concurrency.js";
import type { Database } from "../../platform/db/database.js";
import { createPresenceRepository } from "./presence.repository.js";

export type PresenceService = ReturnType<typeof createPresenceService>;

/** Presence writes of this node run this many at a time (the pool has 10 connections). */
const WRITE_LANES = 2;

/**
 * Who is connected, across every app node. Each node counts its own WebSocket connections per
 * user and mirrors the count into `presence_connections`; a node heartbeats its rows, so the rows
 * of a node that died stop counting after `staleAfterMs`. When a user's last connection closes,
 * the "gone" listeners run after `offlineDelayMs` unless the user came back (another tab, a
 * reconnect, another node) in the meantime.
 */
export function createPresenceService(deps: {
  db: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  nodeId: string;
  offlineDelayMs: number;
  staleAfterMs: number;
}) {
  const repository = createPresenceRepository();
  const { db } = deps;
  const local = new Map<string, number>();
  const timers = new Map<string, ClockTimer>();
  /** "Gone" checks running now (their delay passed). */
  const checks = new Set<Promise<void>>();
  const writes = new Map<string, Promise<void>>();
  const lanes = createLimiter(WRITE_LANES);
  const goneListeners: ((userId: string) => Promise<void>)[] = [];
  const heartbeatListeners: (() => Promise<unknown>)[] = [];
  let closed = false;
  let mirrored = false;

  const freshSince = () => new Date(deps.clock.now().getTime() - deps.staleAfterMs);

  /**
   * Writes for one user run in order, so a quick connect/close never lands out of order, and a
   * few at a time across users: thousands of sockets closing together queue here instead of
   * failing on the pool's connection timeout (which left those users counted as connected).
   */
  const mirror = (userId: string) => {
    mirrored = true;
    const previous = writes.get(userId) ?? Promise.resolve();
    const next = previous
      .then(() =>
        lanes.run(() =>
          repository.setCount(db, {
            userId,
            nodeId: deps.nodeId,
            connections: local.get(userId) ?? 0,
            at: deps.clock.now(),
          }),
        ),
      )
      .catch((error) => deps.logger.error({ err: error, userId }, "presence write failed"));
    writes.set(userId, next);
    void next.then(() => {
      if (writes.get(userId) === next) writes.delete(userId);
    });
    return next;
  };

  const check = async (userId: string) => {
    timers.delete(userId);
    if (closed || (local.get(userId) ?? 0) > 0) return;
    await writes.get(userId);
    if ((await repository.totalConnections(db, userId, freshSince())) > 0) return;
    for (const listener of goneListeners) {
      await listener(userId).catch((error) =>
        deps.logger.error({ err: error, userId }, "presence listener failed"),
      );
    }
  };

  const schedule = (userId: string) => {
    timers.get(userId)?.cancel();
    timers.set(
      userId,
      deps.clock.setTimeout(() => {
        const running = check(userId).finally(() => checks.delete(running));
        checks.add(running);
      }, deps.offlineDelayMs),
    );
  };

  return {
    connected(userId: string) {
      local.set(userId, (local.get(userId) ?? 0) + 1);
      timers.get(userId)?.cancel();
      timers.delete(userId);
      return mirror(userId);
    },
    disconnected(userId: string) {
      const count = Math.max(0, (local.get(userId) ?? 0) - 1);
      if (count === 0) local.delete(userId);
      else local.set(userId, count);
      const written = mirror(userId);
      if (count === 0) schedule(userId);
      return written;
    },
    /** Runs the "gone" check after the delay unless a connection opens first (e.g. a status set without a socket). */
    expectConnection(userId: string) {
      if ((local.get(userId) ?? 0) === 0) schedule(userId);
    },
    onGone(listener: (userId: string) => Promise<void>) {
      goneListeners.push(listener);
    },
    /** Runs `listener` after each heartbeat of this node (its rows are fresh, dead nodes' swept). */
    afterHeartbeat(listener: () => Promise<unknown>) {
      heartbeatListeners.push(listener);
    },
    async isConnected(userId: string) {
      if ((local.get(userId) ?? 0) > 0) return true;
      return (await repository.totalConnections(db, userId, freshSince())) > 0;
    },
    connectedAmong: (userIds: string[]) => repository.connectedAmong(db, userIds, freshSince()),
    /**
     * When each user was last online: now while connected (on any live node), else when their last
     * connection closed; absent for users never connected.
     */
    async lastOnline(userIds: string[]) {
      const [connected, seen] = await Promise.all([
        repository.connectedAmong(db, userIds, freshSince()),
        repository.lastSeen(db, userIds),
      ]);
      const now = deps.clock.now();
      for (const userId of userIds)
        if (connected.has(userId) || (local.get(userId) ?? 0) > 0) seen.set(userId, now);
      return seen;
    },
    /** Waits for this node's presence writes and the "gone" checks running now (tests, shutdown). */
    settled: () => Promise.all([...writes.values(), ...checks]).then(() => undefined),
    /** Refreshes this node's rows and clears rows of dead nodes, checking their users. */
    async heartbeat() {
      await repository.heartbeat(db, deps.nodeId, deps.clock.now());
      const orphaned = await repository.sweepStale(db, freshSince());
      for (const userId of orphaned) await check(userId);
      for (const listener of heartbeatListeners) await listener();
    },
    /** Ends this node's part: its rows go, so other nodes stop counting its connections. */
    async close() {
      closed = true;
      for (const timer of timers.values()) timer.cancel();
      timers.clear();
      await Promise.all(writes.values());
      if (mirrored) await repository.removeNode(db, deps.nodeId, deps.clock.now());
    },
  };
}
