import { randomUUID } from "node:crypto";
import { type Executor, isUniqueViolation } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { packPayloads } from "../../platform/realtime/event-bus.js";
import { splitReaderShare } from "../ledger/split.js";
import type { StreamsContext } from "./streams.context.js";
import type { GiftRow, SentGiftRow, StreamRow } from "./streams.repository.js";
import { isOnAir } from "./streams.state.js";
import { accessOf, requireStream, streamNotFound, viewOf } from "./streams.view.js";

/** The board shows this many supporters. */
export const BOARD_SIZE = 10;
/** The most tickets one end refunds (far more than a stream sells; the rest would stay for support). */
const MAX_REFUNDS_PER_END = 5_000;

/** Tickets and gifts: every one a ledger transfer split 70/30, keyed so a repeat pays once. */
export function createStreamMoney(ctx: StreamsContext) {
  const { repository } = ctx;

  /** The board, and the names of its people and of `alsoNamed` (one lookup for both). */
  async function boardWithNames(db: Executor, streamId: string, alsoNamed: string[] = []) {
    const rows = await repository.board(db, streamId, BOARD_SIZE);
    const names = await ctx.users.contactsOf([...rows.map((row) => row.userId), ...alsoNamed], db);
    const nameOf = (userId: string) => names.get(userId)?.displayName ?? "A viewer";
    const board = rows.map((row) => ({
      userId: row.userId,
      displayName: nameOf(row.userId),
      totalCents: row.totalCents,
      giftCount: row.giftCount,
    }));
    return { board, nameOf };
  }

  const boardOf = async (db: Executor, streamId: string) => (await boardWithNames(db, streamId)).board;

  function giftView(row: SentGiftRow, gift: GiftRow | null, senderName: string) {
    return {
      id: row.id,
      streamId: row.streamId,
      giftId: row.giftId,
      name: gift?.name ?? "Gift",
      animation: gift?.animation ?? "sparkle",
      priceCents: row.priceCents,
      sender: { userId: row.senderUserId ?? "", displayName: senderName },
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** A gift sent before (a repeated key), as its sender sees it now. */
  async function sentBefore(row: SentGiftRow) {
    const { board, nameOf } = await boardWithNames(ctx.db, row.streamId, [row.senderUserId ?? ""]);
    const gift = await repository.findGift(ctx.db, row.giftId);
    return { gift: giftView(row, gift, nameOf(row.senderUserId ?? "")), board };
  }

  /** Refuses a payer who may not pay into this stream now. */
  async function requirePayer(db: Executor, stream: StreamRow, principal: Principal) {
    if (principal.userId === stream.readerUserId)
      throw new DomainError("FORBIDDEN", "You cannot pay into your own stream.");
    if (principal.role !== "client") throw new DomainError("FORBIDDEN", "Only clients pay for streams.");
    return accessOf(ctx, stream, principal, db, "watch");
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
        // The key was used before (a retry, or the same key twice at once): the ledger moved the
        // money once, the gift's row refused the second; answer the first gift.
        if (!isUniqueViolation(error)) throw error;
        const first = await repository.findSentGift(ctx.db, principal.userId, input.idempotencyKey);
        if (!first) throw error;
        if (first.streamId !== streamId)
          throw new DomainError("CONFLICT", "This key was already used for a gift to another stream.");
        return sentBefore(first);
      });
      return { ...sent, balanceCents: await ctx.ledger.balance(principal.userId) };
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

  /**
   * One gift in one transaction: the board, the charge, its row, and the room's events on commit.
   * The charge locks the payer's wallet and the reader's earnings until the commit, so every other
   * gift to this reader waits for it: whatever does not need the charge (the board, the names)
   * comes first, and after it one statement stores the gift and publishes its events.
   */
  async function sendOnce(
    principal: Principal,
    streamId: string,
    input: { giftId: string; idempotencyKey: string },
  ) {
    return ctx.db.transaction(async (tx) => {
      const found = await repository.findSharedWithGift(tx, streamId, input.giftId);
      if (!found) throw streamNotFound();
      const { stream, gift } = found;
      const access = await requirePayer(tx, stream, principal);
      if (!access.canWatch) {
        if (stream.visibility === "private") throw streamNotFound();
        throw new DomainError("FORBIDDEN", "Buy a ticket to this stream first.");
      }
      if (!isOnAir(stream.status))
        throw new DomainError("CONFLICT", "Gifts can be sent only while the stream is live.");
      if (!gift?.active) throw new DomainError("NOT_FOUND", "No such gift.");
      const now = ctx.clock.now();
      await repository.addSupport(tx, streamId, principal.userId, gift.priceCents, now);
      const { board, nameOf } = await boardWithNames(tx, streamId, [principal.userId]);
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
      const row: SentGiftRow = {
        id: randomUUID(),
        streamId,
        senderUserId: principal.userId,
        giftId: gift.id,
        priceCents: gift.priceCents,
        transferId: posted.transferId,
        idempotencyKey: input.idempotencyKey,
        createdAt: now,
      };
      const view = giftView(row, gift, nameOf(principal.userId));
      // A repeated key fails this insert (the gift's unique key) and rolls the whole gift back.
      await repository.insertSentGiftAndPublish(
        tx,
        row,
        packPayloads([
          ctx.live.encode(streamId, "stream.gift", { streamId, gift: view }),
          ctx.live.encode(streamId, "stream.board", { streamId, board }),
        ]),
      );
      return { gift: view, board };
    });
  }
}

export type StreamMoney = ReturnType<typeof createStreamMoney>;
