import { type Executor, isUniqueViolation } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { splitReaderShare } from "../ledger/split.js";
import type { StreamsContext } from "./streams.context.js";
import type { SentGiftRow, StreamRow } from "./streams.repository.js";
import { isOnAir } from "./streams.state.js";
import { accessOf, requireStream, streamNotFound, viewOf } from "./streams.view.js";

/** The board shows this many supporters. */
export const BOARD_SIZE = 10;
/** The most tickets one end refunds (far more than a stream sells; the rest would stay for support). */
const MAX_REFUNDS_PER_END = 5_000;

/** Tickets and gifts: every one a ledger transfer split 70/30, keyed so a repeat pays once. */
export function createStreamMoney(ctx: StreamsContext) {
  const { repository } = ctx;

  async function boardOf(db: Executor, streamId: string) {
    const rows = await repository.board(db, streamId, BOARD_SIZE);
    const contacts = await ctx.users.contactsOf(
      rows.map((row) => row.userId),
      db,
    );
    return rows.map((row) => ({
      userId: row.userId,
      displayName: contacts.get(row.userId)?.displayName ?? "A viewer",
      totalCents: row.totalCents,
      giftCount: row.giftCount,
    }));
  }

  async function giftView(db: Executor, row: SentGiftRow) {
    const gift = await repository.findGift(db, row.giftId);
    const senderId = row.senderUserId ?? "";
    const sender = (await ctx.users.contactsOf([senderId], db)).get(senderId);
    return {
      id: row.id,
      streamId: row.streamId,
      giftId: row.giftId,
      name: gift?.name ?? "Gift",
      animation: gift?.animation ?? "sparkle",
      priceCents: row.priceCents,
      sender: { userId: senderId, displayName: sender?.displayName ?? "A viewer" },
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** Refuses a payer who may not pay into this stream now. */
  async function requirePayer(db: Executor, stream: StreamRow, principal: Principal) {
    if (principal.userId === stream.readerUserId)
      throw new DomainError("FORBIDDEN", "You cannot pay into your own stream.");
    if (principal.role !== "client") throw new DomainError("FORBIDDEN", "Only clients pay for streams.");
    return accessOf(ctx, stream, principal, db);
  }

  return {
    boardOf,

    /** A premium stream's ticket, paid once from the wallet (70/30); it covers rejoining after a drop. */
    async buyTicket(principal: Principal, streamId: string) {
      const bought = await ctx.db.transaction(async (tx) => {
        const stream = await repository.lock(tx, streamId);
        if (!stream) throw streamNotFound();
        await requirePayer(tx, stream, principal);
        if (stream.visibility !== "premium" || stream.ticketPriceCents === null)
          throw new DomainError("CONFLICT", "This stream needs no ticket.");
        const existing = await repository.ticketOf(tx, streamId, principal.userId);
        if (existing && existing.refundedAt === null) return existing;
        if (stream.status !== "scheduled" && !isOnAir(stream.status))
          throw new DomainError("CONFLICT", "This stream is over.");
        if (existing) throw new DomainError("CONFLICT", "Your ticket for this stream was refunded.");
        const posted = await ctx.ledger.chargeWithSplit(
          {
            idempotencyKey: `ticket:${streamId}:${principal.userId}`,
            code: "ticket",
            payerUserId: principal.userId,
            readerUserId: stream.readerUserId,
            amountCents: stream.ticketPriceCents,
            references: { streamId },
            readerShareBasisPoints: ctx.readerShareBasisPoints,
          },
          tx,
        );
        const ticket = await repository.insertTicket(tx, {
          streamId,
          clientUserId: principal.userId,
          priceCents: stream.ticketPriceCents,
          transferId: posted.transferId,
          createdAt: ctx.clock.now(),
        });
        if (!ticket) throw new Error("a ticket appeared under the stream's lock");
        return ticket;
      });
      const stream = await requireStream(ctx, streamId);
      return {
        priceCents: bought.priceCents,
        balanceCents: await ctx.ledger.balance(principal.userId),
        stream: await viewOf(ctx, stream, principal),
      };
    },

    /**
     * A viewer sends a gift to a stream on air: one transfer keyed by the viewer's key (70 % to
     * the reader), the board updated, and everyone in the room told, all when it commits.
     */
    async sendGift(
      principal: Principal,
      streamId: string,
      input: { giftId: string; idempotencyKey: string },
    ) {
      const sent = await sendOnce(principal, streamId, input).catch(async (error: unknown) => {
        // The same key sent twice at once: the ledger paid once; the loser answers the winner.
        if (!isUniqueViolation(error)) throw error;
        const first = await repository.findSentGift(ctx.db, principal.userId, input.idempotencyKey);
        if (!first) throw error;
        return first;
      });
      if (sent.streamId !== streamId)
        throw new DomainError("CONFLICT", "This key was already used for a gift to another stream.");
      return {
        gift: await giftView(ctx.db, sent),
        board: await boardOf(ctx.db, streamId),
        balanceCents: await ctx.ledger.balance(principal.userId),
      };
    },

    /**
     * Gives every ticket of the stream its price back (the reader's and the platform's parts), in
     * the caller's transaction, which holds the stream's lock.
     */
    async refundTickets(tx: Executor, stream: StreamRow, now: Date) {
      const tickets = await repository.lockUnrefundedTickets(tx, stream.id, MAX_REFUNDS_PER_END);
      if (tickets.length === 0) return 0;
      await ctx.ledger.transferMany(
        tickets.map((ticket) => {
          const split = splitReaderShare(ticket.priceCents, ctx.readerShareBasisPoints);
          const to = { kind: "wallet" as const, userId: ticket.clientUserId };
          return {
            idempotencyKey: `ticket-refund:${stream.id}:${ticket.clientUserId}`,
            code: "refund" as const,
            references: { streamId: stream.id, transferId: ticket.transferId },
            legs: [
              {
                from: { kind: "earnings" as const, userId: stream.readerUserId },
                to,
                amountCents: split.readerCents,
              },
              { from: { kind: "platform_revenue" as const }, to, amountCents: split.platformCents },
            ].filter((leg) => leg.amountCents > 0),
          };
        }),
        tx,
      );
      for (const ticket of tickets) await repository.markRefunded(tx, stream.id, ticket.clientUserId, now);
      for (const ticket of tickets)
        await ctx.notifications.notify(tx, {
          userId: ticket.clientUserId,
          kind: "stream-ticket-refunded",
          title: "Your ticket was refunded",
          body: `“${stream.title}” did not go ahead as planned, so your ticket's full price is back in your wallet.`,
          link: "/wallet",
        });
      return tickets.length;
    },
  };

  async function sendOnce(
    principal: Principal,
    streamId: string,
    input: { giftId: string; idempotencyKey: string },
  ) {
    const first = await repository.findSentGift(ctx.db, principal.userId, input.idempotencyKey);
    if (first) return first;
    return ctx.db.transaction(async (tx) => {
      const stream = await repository.findShared(tx, streamId);
      if (!stream) throw streamNotFound();
      const access = await requirePayer(tx, stream, principal);
      if (!access.canWatch) {
        if (stream.visibility === "private") throw streamNotFound();
        throw new DomainError("FORBIDDEN", "Buy a ticket to this stream first.");
      }
      if (!isOnAir(stream.status))
        throw new DomainError("CONFLICT", "Gifts can be sent only while the stream is live.");
      const gift = await repository.findGift(tx, input.giftId);
      if (!gift?.active) throw new DomainError("NOT_FOUND", "No such gift.");
      const posted = await ctx.ledger.chargeWithSplit(
        {
          idempotencyKey: `gift:${principal.userId}:${input.idempotencyKey}`,
          code: "gift",
          payerUserId: principal.userId,
          readerUserId: stream.readerUserId,
          amountCents: gift.priceCents,
          references: { streamId, giftId: gift.id },
          readerShareBasisPoints: ctx.readerShareBasisPoints,
        },
        tx,
      );
      const now = ctx.clock.now();
      const row = await repository.insertSentGift(tx, {
        streamId,
        senderUserId: principal.userId,
        giftId: gift.id,
        priceCents: gift.priceCents,
        transferId: posted.transferId,
        idempotencyKey: input.idempotencyKey,
        createdAt: now,
      });
      await repository.addSupport(tx, streamId, principal.userId, gift.priceCents, now);
      await ctx.live.publishMany(tx, [
        { roomId: streamId, type: "stream.gift", data: { streamId, gift: await giftView(tx, row) } },
        { roomId: streamId, type: "stream.board", data: { streamId, board: await boardOf(tx, streamId) } },
      ]);
      return row;
    });
  }
}

export type StreamMoney = ReturnType<typeof createStreamMoney>;
