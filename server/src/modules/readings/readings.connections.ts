import { createLimiter } from "../../platform/concurrency.js";
import { type Executor, retryOnConflict } from "../../platform/db/database.js";
import type { LiveConnection } from "../../platform/realtime/live-rooms.js";
import type { Billing } from "./readings.billing.js";
import type { ReadingsContext } from "./readings.context.js";
import { capToSlot } from "./readings.flat.js";
import { checkLowBalance } from "./readings.low-balance.js";
import type { ReadingRow } from "./readings.repository.js";
import { OPEN_STATES } from "./readings.state.js";
import { isParticipant } from "./readings.view.js";

/** A node's room connections are read this many at a time (a dead node's per heartbeat). */
const NODE_CONNECTIONS_PAGE = 1000;
/** Shutdown ends at most this many pages of its own connections; other nodes sweep the rest. */
const MAX_LEAVE_PAGES = 100;
/** Room joins and leaves of this node run this many at a time (the pool has 10 connections). */
const ROOM_UPDATE_LANES = 4;
/** Connections of a node are dropped this many at a time (separate readings, separate transactions). */
const DROP_LANES = 4;

/**
 * Who is in each reading's room, on which node, and until when: a participant's sockets joining
 * and leaving (`reading:<id>`), node heartbeats, dead nodes' connections ending as drops. Both
 * sides in the room make a waiting or reconnecting reading active; the last of one side leaving
 * an active one drops it (billing stops, the grace window starts).
 */
export function createConnections(ctx: ReadingsContext, billing: Billing) {
  const { db, timings, repository } = ctx;
  const deps = ctx;
  const { moveTo } = ctx.moves;
  const { bill, stopBilling, activate, connectedParticipants } = billing;
  /**
   * Room joins and leaves of one participant run in order, so a quick join/leave never lands
   * reversed; a few at a time across participants, so thousands of sockets closing together (a
   * network blip, a load balancer restart) queue here instead of failing on the pool's timeout,
   * which left their connections counted and the reading billed.
   */
  const roomQueue = new Map<string, Promise<void>>();
  const roomLanes = createLimiter(ROOM_UPDATE_LANES);
  function inOrder(key: string, run: () => Promise<void>) {
    // A join or leave may be picked as a deadlock victim (seen while thousands of sockets join
    // as the biller runs): it was rolled back whole, so it runs again rather than leave the room
    // count wrong.
    const next = (roomQueue.get(key) ?? Promise.resolve())
      .then(() => roomLanes.run(() => retryOnConflict(run)))
      .catch((error) => deps.logger.error({ err: error, key }, "reading room update failed"));
    roomQueue.set(key, next);
    void next.then(() => {
      if (roomQueue.get(key) === next) roomQueue.delete(key);
    });
    return next;
  }

  const connections = {
    /** Waits for this node's pending room updates (tests and shutdown). */
    settled: () => Promise.all([...roomQueue.values()]).then(() => undefined),

    /**
     * A participant's socket joined the room (queued in order per participant); with the socket,
     * its frames count as the participant's signs of life from now on.
     */
    queueJoin: (userId: string, readingId: string, socket?: LiveConnection) => {
      if (socket) deps.lastSeen.add(readingId, userId, socket);
      return inOrder(`${readingId}:${userId}`, () => connections.joined(userId, readingId));
    },

    /** A participant's socket left the room at `lastSeenAt` (queued in order per participant). */
    queueLeave: (userId: string, readingId: string, lastSeenAt: Date, socket?: LiveConnection) => {
      if (socket) deps.lastSeen.remove(readingId, userId, socket);
      return inOrder(`${readingId}:${userId}`, () => connections.left(userId, readingId, lastSeenAt));
    },

    /** A participant's socket joined the room on this node. */
    async joined(userId: string, readingId: string) {
      const activated = await db.transaction(async (tx) => {
        const row = await repository.lock(tx, readingId);
        if (!row || !isParticipant(row, userId) || !OPEN_STATES.has(row.state)) return;
        const now = deps.clock.now();
        if (row.state === "active") {
          const rejoined = await rejoinAfterSilentNode(tx, row, userId, now);
          if (rejoined) return;
        }
        await repository.addConnections(tx, { readingId, userId, nodeId: deps.nodeId }, 1, now);
        if (row.pricing === "flat") await markBookedJoin(tx, row, userId, now);
        if (row.state !== "waiting" && row.state !== "reconnecting") return;
        // A booked reading starts at its slot, not before (the biller starts it then).
        if (row.pricing === "flat" && row.scheduledStartAt && now < row.scheduledStartAt) return;
        const present = await connectedParticipants(tx, row, now);
        if (!present.has(row.clientUserId) || !present.has(row.readerUserId)) return;
        return activate(tx, row, row.state === "waiting" ? "both_connected" : "reconnected", now);
      });
      // The first minute is held now: a client already low is reloaded before the next one.
      if (activated) checkLowBalance(ctx, [activated]);
    },

    /** A participant's socket left the room on this node at `at` (its last sign of life). */
    async left(userId: string, readingId: string, at: Date) {
      await db.transaction(async (tx) => {
        const row = await repository.lock(tx, readingId);
        if (!row || !isParticipant(row, userId)) return;
        await repository.addConnections(tx, { readingId, userId, nodeId: deps.nodeId }, -1);
        await dropIfGone(tx, row, userId, at);
      });
    },

    /**
     * This node is alive, and its participants' last frames are written with it; dead nodes'
     * connections end (a drop at their last heartbeat).
     */
    async heartbeat() {
      const now = deps.clock.now();
      await repository.heartbeatNode(db, deps.nodeId, now);
      await repository.markSeen(db, deps.nodeId, deps.lastSeen.takeUnwritten());
      const dead = await repository.deadNodes(db, new Date(now.getTime() - timings.nodeStaleMs), 10);
      for (const node of dead) await endNode(node.id, node.seenAt, 1);
    },

    /**
     * On shutdown, once the hub has stopped reporting leaves one socket at a time: each of this
     * node's room connections ends now, a drop like any other (billing stops, the grace window
     * starts unless the participant is connected elsewhere), and the node is gone.
     */
    async leaveNode() {
      await connections.settled();
      await endNode(deps.nodeId, deps.clock.now(), MAX_LEAVE_PAGES);
    },
  };
  return connections;

  /**
   * Ends a node's room connections as drops at `at`, a page at a time for at most `maxPages`
   * pages; the node's row goes once none are left (until then, other nodes' dead-node sweep
   * finds it and ends the rest).
   */
  async function endNode(nodeId: string, at: Date, maxPages: number) {
    for (let page = 0; page < maxPages; page += 1) {
      const rows = await repository.connectionsOfNode(db, nodeId, NODE_CONNECTIONS_PAGE);
      await dropConnections(rows, at);
      if (rows.length < NODE_CONNECTIONS_PAGE) return repository.deleteNode(db, nodeId);
    }
  }

  /**
   * Ends room connections of a node as drops at `at`: each in its own transaction (the reading
   * locked, the connection deleted, the participant dropped unless connected elsewhere), a few
   * readings at a time.
   */
  async function dropConnections(rows: { readingId: string; userId: string; nodeId: string }[], at: Date) {
    let next = 0;
    const lane = async () => {
      for (let connection = rows[next++]; connection; connection = rows[next++]) {
        const { readingId, userId } = connection;
        await db.transaction(async (tx) => {
          const row = await repository.lock(tx, readingId);
          await repository.deleteConnection(tx, connection);
          if (row) await dropIfGone(tx, row, userId, at);
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(DROP_LANES, rows.length) }, lane));
  }

  /**
   * A participant joins an active reading while their earlier connection sits on a node that has
   * stopped heartbeating but is not yet declared dead (a quick restart): that was a drop at the
   * node's last heartbeat. Records it, then the reconnect now, so the gap is never billed.
   * Returns false when the participant was connected all along (another tab, a healthy node).
   */
  async function rejoinAfterSilentNode(tx: Executor, row: ReadingRow, userId: string, now: Date) {
    const present = await connectedParticipants(tx, row, now, undefined, "node");
    const seen = present.get(userId);
    const freshSince = now.getTime() - (timings.nodeStaleMs / 3) * 1.5;
    if (seen && seen.getTime() >= freshSince) return false;
    const accruedAt = row.accruedAt ?? now;
    const dropAt = new Date(Math.max((seen ?? accruedAt).getTime(), accruedAt.getTime()));
    const billed = await bill(tx, row, dropAt);
    await repository.addConnections(tx, { readingId: row.id, userId, nodeId: deps.nodeId }, 1, now);
    if (billed.refusal) {
      await stopBilling(tx, billed.row, billed.refusal, billed.at);
      return true;
    }
    const graceEndsAt = new Date(billed.at.getTime() + timings.graceMs);
    const dropped = await moveTo(tx, billed.row, "dropped", billed.at, {
      graceEndsAt,
      dueAt: capToSlot(row, graceEndsAt),
    });
    // Back to active only if the other side is really here (fresh) too.
    const after = await connectedParticipants(tx, dropped, now, undefined, "node");
    const fresh = (id: string) => (after.get(id)?.getTime() ?? 0) >= freshSince;
    if (fresh(dropped.clientUserId) && fresh(dropped.readerUserId))
      await activate(tx, dropped, "reconnected", now);
    return true;
  }

  /** A booked reading remembers when each side first came (the no-show rules read it). */
  async function markBookedJoin(tx: Executor, row: ReadingRow, userId: string, now: Date) {
    if (userId === row.clientUserId && !row.clientJoinedAt)
      await repository.update(tx, row.id, { clientJoinedAt: now });
    if (userId === row.readerUserId && !row.readerJoinedAt)
      await repository.update(tx, row.id, { readerJoinedAt: now });
  }

  async function dropIfGone(tx: Executor, row: ReadingRow, userId: string, at: Date) {
    if (row.state !== "active" && row.state !== "waiting") return;
    const now = deps.clock.now();
    const present = await connectedParticipants(tx, row, now);
    if (present.has(userId) || row.state === "waiting") return;
    const billed = await bill(tx, row, new Date(Math.max(at.getTime(), (row.accruedAt ?? at).getTime())));
    const graceEndsAt = new Date(billed.at.getTime() + timings.graceMs);
    await moveTo(tx, billed.row, "dropped", billed.at, { graceEndsAt, dueAt: capToSlot(row, graceEndsAt) });
  }
}
