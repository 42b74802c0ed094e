import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { EventBus } from "../../platform/realtime/event-bus.js";
import { createLivePublisher } from "../../platform/realtime/live-events.js";
import { splitReaderShare } from "../ledger/split.js";
import { createStreamAgora } from "./streams.agora.js";
import { createGiftCatalog } from "./streams.catalog.js";
import { createStreamChat } from "./streams.chat.js";
import type { StreamsContext, StreamsDeps } from "./streams.context.js";
import { streamsEvents } from "./streams.events.js";
import { createStreamLifecycle } from "./streams.lifecycle.js";
import type { MediaStreams } from "./streams.media.js";
import { createStreamMoney } from "./streams.money.js";
import { createStreamsRepository } from "./streams.repository.js";
import type { StreamView } from "./streams.schemas.js";
import { isOnAir, type StreamStatus } from "./streams.state.js";
import { accessOf, requireStream, streamNotFound, viewOf } from "./streams.view.js";
import { createViewerCounter } from "./streams.viewers.js";

/** A reader's own list shows this many streams. */
const MY_STREAMS = 50;

/**
 * Live streams (product.md section 5): readers schedule and go live to public, private (invited)
 * or premium (ticketed) audiences; viewers chat and send gifts from the catalog; tickets and
 * gifts are ledger transfers split 70/30. The video goes through `streams.media.ts`.
 */
export function createStreamsService(
  deps: StreamsDeps & { bus: EventBus; agora: Parameters<typeof createStreamAgora>[0]["agora"] },
) {
  const ctx: StreamsContext = {
    ...deps,
    repository: createStreamsRepository(),
    live: createLivePublisher(deps.bus, streamsEvents),
  };
  const money = createStreamMoney(ctx);
  const lifecycle = createStreamLifecycle(ctx, money);
  const chat = createStreamChat(ctx);
  const catalog = createGiftCatalog(ctx);
  const viewers = createViewerCounter(ctx);
  const agora = createStreamAgora({ clock: deps.clock, agora: deps.agora });
  const { repository } = ctx;

  /** What the video sockets ask (streams.media.ts). */
  const media: MediaStreams = {
    async facts(streamId) {
      const stream = await repository.find(ctx.db, streamId);
      return stream ? { readerUserId: stream.readerUserId, status: stream.status } : null;
    },
    mayWatch: (principal, streamId) => mayWatch(principal, streamId),
    publisherChanged: (streamId, connected) => lifecycle.publisherChanged(streamId, connected),
    registerRelay: (streamId, internalUrl) =>
      repository.registerRelay(ctx.db, streamId, ctx.nodeId, internalUrl, ctx.clock.now()),
    findRelay: (streamId) => repository.findRelay(ctx.db, streamId),
    dropRelay: (streamId) => repository.dropRelay(ctx.db, streamId, ctx.nodeId),
  };

  async function mayWatch(principal: Principal | null, streamId: string) {
    const stream = await repository.find(ctx.db, streamId);
    return stream !== null && (await accessOf(ctx, stream, principal, ctx.db, "watch")).canWatch;
  }

  const viewsOf = async (rows: Parameters<typeof viewOf>[1][], principal: Principal | null) => {
    const views: StreamView[] = [];
    for (const row of rows) views.push(await viewOf(ctx, row, principal));
    return views;
  };

  return {
    lifecycle,
    media,
    chat,
    catalog,
    viewers,
    buyTicket: money.buyTicket,
    sendGift: money.sendGift,

    async create(principal: Principal, body: Parameters<typeof lifecycle.create>[1]) {
      return viewOf(ctx, await lifecycle.create(principal, body), principal);
    },
    async start(principal: Principal, streamId: string) {
      return viewOf(ctx, await lifecycle.start(principal, streamId), principal);
    },
    async finish(principal: Principal, streamId: string) {
      return viewOf(ctx, await lifecycle.finish(principal, streamId), principal);
    },
    async adminEnd(admin: Principal, streamId: string, reason: string, requestId: string | null) {
      return viewOf(ctx, await lifecycle.adminEnd(admin, streamId, reason, requestId), admin);
    },

    /** An Agora token for the stream (host for its reader, audience for a viewer), when Agora is on. */
    async mediaToken(principal: Principal | null, streamId: string) {
      return agora.issue(principal, await viewOf(ctx, await requireStream(ctx, streamId), principal));
    },

    async get(principal: Principal | null, streamId: string) {
      return viewOf(ctx, await requireStream(ctx, streamId), principal);
    },

    /** What a newcomer to the room needs at once: the stream, the count, the board, the chat. */
    async roomState(principal: Principal | null, streamId: string) {
      const stream = await requireStream(ctx, streamId);
      const view = await viewOf(ctx, stream, principal);
      if (!view.access.canWatch) throw new DomainError("FORBIDDEN", "Buy a ticket to this stream first.");
      const [board, messages, viewerCount] = await Promise.all([
        money.boardOf(ctx.db, streamId),
        chat.recent(principal, streamId),
        isOnAir(stream.status) ? repository.viewersNow(ctx.db, streamId, viewers.freshAfter()) : 0,
      ]);
      return { stream: view, viewerCount, board, chat: messages };
    },

    /** Listed streams (public and premium): live now, or scheduled, soonest first. */
    async list(principal: Principal | null, status: "live" | "scheduled", limit: number) {
      const statuses: StreamStatus[] = status === "live" ? ["live", "reconnecting"] : ["scheduled"];
      return viewsOf(await repository.listListed(ctx.db, statuses, limit), principal);
    },

    /** The reader's own streams, newest first. */
    async mine(principal: Principal) {
      return viewsOf(await repository.listOfReader(ctx.db, principal.userId, MY_STREAMS), principal);
    },

    /** Streams on air, for the admins. */
    async onAir(admin: Principal, limit: number) {
      return viewsOf(await repository.listOnAir(ctx.db, limit), admin);
    },

    /**
     * With Agora carrying the video, the app sees no publisher socket: the reader's studio in the
     * stream's room stands for it. Their last socket there leaving makes a live stream reconnecting
     * (it ends 2 minutes later); a socket of theirs joining makes it live again. Errors are logged.
     */
    readerPresence(userId: string, streamId: string) {
      if (deps.relayCarriesVideo) return;
      void (async () => {
        const stream = await repository.find(ctx.db, streamId);
        if (stream?.readerUserId !== userId) return;
        await lifecycle.publisherChanged(streamId, viewers.present(streamId, userId));
      })().catch((error: unknown) =>
        deps.logger.error({ err: error, streamId }, "reader presence not recorded"),
      );
    },

    /** The room's gate: who may watch the stream (its events, chat and video). */
    mayWatch,

    /** The reader invites clients they know (a conversation or a reading) to a private stream. */
    async invite(principal: Principal, streamId: string, clientUserIds: string[]) {
      const stream = await requireStream(ctx, streamId);
      if (stream.readerUserId !== principal.userId) throw streamNotFound();
      if (stream.visibility !== "private")
        throw new DomainError("CONFLICT", "Only a private stream takes invitations.");
      if (stream.status === "ended" || stream.status === "cancelled")
        throw new DomainError("CONFLICT", "This stream is over.");
      const unique = [...new Set(clientUserIds)];
      for (const clientUserId of unique)
        if (!(await deps.messaging.knowsClient(principal.userId, clientUserId)))
          throw new DomainError(
            "FORBIDDEN",
            "You can invite only clients who have written to you or had a reading with you.",
          );
      const names = await deps.readers.namesOf([principal.userId]);
      return ctx.db.transaction(async (tx) => {
        const invited = await repository.invite(tx, streamId, unique, ctx.clock.now());
        for (const userId of invited)
          await deps.notifications.notify(tx, {
            userId,
            kind: "stream-invitation",
            title: `${names.get(principal.userId)?.displayName ?? "A reader"} invited you to a private stream`,
            body: stream.title,
            link: `/live/${streamId}`,
          });
        return { invited: invited.length };
      });
    },

    /** "Remind me" on a scheduled stream the caller may watch (a notification when it starts). */
    async setReminder(principal: Principal, streamId: string, on: boolean) {
      const stream = await requireStream(ctx, streamId);
      const access = await accessOf(ctx, stream, principal);
      if (stream.visibility === "private" && !access.canWatch) throw streamNotFound();
      if (stream.status !== "scheduled")
        throw new DomainError("CONFLICT", "Only a scheduled stream can remind you.");
      await repository.setReminder(ctx.db, streamId, principal.userId, on, ctx.clock.now());
      return viewOf(ctx, stream, principal);
    },

    /** After (or during) the stream: its viewers, gifts, tickets and the reader's earnings. */
    async summary(principal: Principal, streamId: string) {
      const stream = await requireStream(ctx, streamId);
      if (stream.readerUserId !== principal.userId && principal.role !== "admin") throw streamNotFound();
      const [totals, charges, board] = await Promise.all([
        repository.totals(ctx.db, streamId),
        repository.chargesOf(ctx.db, streamId),
        money.boardOf(ctx.db, streamId),
      ]);
      const earningsCents = charges.reduce(
        (sum, priceCents) => sum + splitReaderShare(priceCents, deps.readerShareBasisPoints).readerCents,
        0,
      );
      return {
        stream: await viewOf(ctx, stream, principal),
        peakViewers: stream.peakViewers,
        ...totals,
        earningsCents,
        board,
      };
    },
  };
}

export type StreamsService = ReturnType<typeof createStreamsService>;
