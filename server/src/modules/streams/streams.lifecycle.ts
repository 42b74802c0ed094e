import type { Executor } from "../../platform/db/database.js";
import { isUniqueViolation } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { StreamsContext } from "./streams.context.js";
import type { StreamMoney } from "./streams.money.js";
import type { StreamRow } from "./streams.repository.js";
import type { CreateStreamBody } from "./streams.schemas.js";
import {
  EARLY_END_REFUND_MS,
  RECONNECT_GRACE_MS,
  SCHEDULE_HORIZON_MS,
  START_GRACE_MS,
  type StreamCause,
  streamTransition,
} from "./streams.state.js";
import { streamNotFound } from "./streams.view.js";

/** A reader may have this many streams scheduled at once. */
const MAX_SCHEDULED = 20;
/** Favorites and reminder holders told of one start, at most. */
const MAX_NOTICES_PER_START = 5_000;
/**
 * A live stream whose publisher no node has registered for this long has dropped (its node
 * stopped, or the reader never connected); nodes refresh their publishers' registrations every 15 s.
 */
export const PUBLISHER_SILENCE_MS = 60_000;
/** Timed changes applied per sweep. */
const SWEEP_BATCH = 50;

/** Scheduling, starting, reconnecting and ending streams: every change through the state machine. */
export function createStreamLifecycle(ctx: StreamsContext, money: StreamMoney) {
  const { repository } = ctx;

  /** Moves a locked stream by `cause`, with its refunds and notices, and tells its room on commit. */
  async function move(tx: Executor, stream: StreamRow, cause: StreamCause, actorUserId: string | null) {
    const status = streamTransition(stream.status, cause);
    const now = ctx.clock.now();
    const changes: Partial<StreamRow> = { status };
    if (status === "live" && cause === "started") changes.startedAt = now;
    if (status === "reconnecting") changes.reconnectingSince = now;
    if (status === "live") changes.reconnectingSince = null;
    if (status === "ended" || status === "cancelled") {
      changes.endedAt = now;
      changes.endReason = cause;
      changes.endedByUserId = actorUserId;
      changes.reconnectingSince = null;
    }
    const updated = await updateOrRefuse(tx, stream.id, changes);
    if (failedItsViewers(updated)) await money.refundTickets(tx, updated, now);
    if (cause === "started") await announceStart(tx, updated);
    if (status === "cancelled") await announceCancel(tx, updated);
    await ctx.live.publish(tx, updated.id, "stream.status", {
      streamId: updated.id,
      status: updated.status,
      endReason: updated.endReason,
    });
    return updated;
  }

  async function updateOrRefuse(tx: Executor, streamId: string, changes: Partial<StreamRow>) {
    try {
      return await repository.update(tx, streamId, changes);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError("CONFLICT", "You are already live: end that stream first.");
      throw error;
    }
  }

  /** A premium stream cancelled, or ended within 5 minutes of its start: every ticket back. */
  function failedItsViewers(stream: StreamRow) {
    if (stream.visibility !== "premium") return false;
    if (stream.status === "cancelled") return true;
    if (stream.status !== "ended" || !stream.startedAt || !stream.endedAt) return false;
    return stream.endedAt.getTime() - stream.startedAt.getTime() < EARLY_END_REFUND_MS;
  }

  /** Favorites and everyone who asked to be reminded hear that the reader is live. */
  async function announceStart(tx: Executor, stream: StreamRow) {
    const names = await ctx.readers.namesOf([stream.readerUserId]);
    const readerName = names.get(stream.readerUserId)?.displayName ?? "A reader";
    const [favorites, reminders] = await Promise.all([
      stream.visibility === "private"
        ? []
        : ctx.readers.favoritedBy(stream.readerUserId, MAX_NOTICES_PER_START, tx),
      repository.remindersOf(tx, stream.id, MAX_NOTICES_PER_START),
    ]);
    const invited = new Set(reminders);
    for (const userId of new Set([...reminders, ...favorites]))
      await ctx.notifications.notify(tx, {
        userId,
        kind: invited.has(userId) ? "stream-reminder" : "favorite-live",
        title: `${readerName} is live`,
        body: stream.title,
        link: `/live/${stream.id}`,
      });
  }

  /** Everyone who asked to be reminded hears that a scheduled stream will not happen. */
  async function announceCancel(tx: Executor, stream: StreamRow) {
    const names = await ctx.readers.namesOf([stream.readerUserId]);
    const readerName = names.get(stream.readerUserId)?.displayName ?? "A reader";
    for (const userId of await repository.remindersOf(tx, stream.id, MAX_NOTICES_PER_START))
      await ctx.notifications.notify(tx, {
        userId,
        kind: "stream-cancelled",
        title: `${readerName}'s stream was cancelled`,
        body: stream.title,
        link: `/live/${stream.id}`,
      });
  }

  async function lockOwned(tx: Executor, principal: Principal, streamId: string) {
    const stream = await repository.lock(tx, streamId);
    if (!stream || stream.readerUserId !== principal.userId) throw streamNotFound();
    return stream;
  }

  return {
    move,

    /** A reader schedules a stream (for now, to start it at once, or up to 60 days ahead). */
    async create(principal: Principal, body: CreateStreamBody) {
      const now = ctx.clock.now();
      const scheduledFor = body.startsAt ? new Date(body.startsAt) : now;
      if (
        scheduledFor.getTime() < now.getTime() - 60_000 ||
        scheduledFor.getTime() > now.getTime() + SCHEDULE_HORIZON_MS
      )
        throw new DomainError("VALIDATION_FAILED", "A stream starts now or within the next 60 days.", [
          { path: "/startsAt", message: "must be between now and 60 days from now" },
        ]);
      const premium = body.visibility === "premium";
      if (premium !== (body.ticketPriceCents !== undefined))
        throw new DomainError("VALIDATION_FAILED", "A premium stream has a ticket price, and only it.", [
          { path: "/ticketPriceCents", message: premium ? "required for premium" : "only for premium" },
        ]);
      if ((await ctx.readers.namesOf([principal.userId])).size === 0)
        throw new DomainError("FORBIDDEN", "Set up your reader profile first.");
      return ctx.db.transaction(async (tx) => {
        if ((await repository.countScheduled(tx, principal.userId)) >= MAX_SCHEDULED)
          throw new DomainError("CONFLICT", `You can have at most ${MAX_SCHEDULED} streams scheduled.`);
        return repository.insertStream(tx, {
          readerUserId: principal.userId,
          title: body.title.trim(),
          topic: body.topic.trim(),
          visibility: body.visibility,
          ticketPriceCents: body.ticketPriceCents ?? null,
          scheduledFor,
          createdAt: now,
        });
      });
    },

    /** The reader goes live. */
    start: (principal: Principal, streamId: string) =>
      ctx.db.transaction(async (tx) =>
        move(tx, await lockOwned(tx, principal, streamId), "started", principal.userId),
      ),

    /** The reader ends the stream (on air) or cancels it (scheduled). */
    finish: (principal: Principal, streamId: string) =>
      ctx.db.transaction(async (tx) => {
        const stream = await lockOwned(tx, principal, streamId);
        const cause = stream.status === "scheduled" ? "cancelled_by_reader" : "ended_by_reader";
        return move(tx, stream, cause, principal.userId);
      }),

    /** An admin ends (or cancels) any stream, audit-logged with the reason. */
    adminEnd: (admin: Principal, streamId: string, reason: string, requestId: string | null) =>
      ctx.db.transaction(async (tx) => {
        const stream = await repository.lock(tx, streamId);
        if (!stream) throw streamNotFound();
        const ended = await move(tx, stream, "ended_by_admin", admin.userId);
        await ctx.audit.record(tx, {
          actor: { userId: admin.userId, email: admin.email },
          action: "stream.end",
          objectType: "stream",
          objectId: streamId,
          details: { reason, readerUserId: stream.readerUserId, was: stream.status },
          requestId,
        });
        return ended;
      }),

    /** The reader's media connection dropped (live → reconnecting) or came back (→ live). */
    async publisherChanged(streamId: string, connected: boolean) {
      return ctx.db.transaction(async (tx) => {
        const stream = await repository.lock(tx, streamId);
        if (!stream) return null;
        if (connected && stream.status === "reconnecting")
          return move(tx, stream, "publisher_returned", null);
        if (!connected && stream.status === "live") return move(tx, stream, "publisher_dropped", null);
        return stream;
      });
    },

    /**
     * Ends reconnects that ran out, cancels scheduled streams not started in time, and marks live
     * streams whose publisher is registered nowhere any more as reconnecting.
     */
    async sweep() {
      const now = ctx.clock.now().getTime();
      const cutoffs = {
        reconnectBefore: new Date(now - RECONNECT_GRACE_MS),
        startBefore: new Date(now - START_GRACE_MS),
        silentBefore: ctx.relayCarriesVideo ? new Date(now - PUBLISHER_SILENCE_MS) : null,
      };
      const due = await repository.due(ctx.db, cutoffs, SWEEP_BATCH);
      for (const { id, status, cause } of due)
        await ctx.db.transaction(async (tx) => {
          const stream = await repository.lock(tx, id);
          // Moved meanwhile (the reader came back or started it): nothing is due any more.
          if (stream?.status === status) await move(tx, stream, cause, null);
        });
      return due.length;
    },

    /** A suspended or banned reader's streams end (on air) or are cancelled (scheduled), in `tx`. */
    async endAllOf(tx: Executor, readerUserId: string) {
      for (const id of await repository.scheduledOrOnAirOf(tx, readerUserId)) {
        const stream = await repository.lock(tx, id);
        if (stream) await move(tx, stream, "account_suspended", null);
      }
    },
  };
}

export type StreamLifecycle = ReturnType<typeof createStreamLifecycle>;
