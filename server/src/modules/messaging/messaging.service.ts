import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { hideContactDetails } from "../../platform/text/contact-details.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import { assertPlainText, type ReadersService } from "../readers/readers.service.js";
import type { UsersService } from "../users/users.service.js";
import { type ConversationRow, createMessagingRepository, type MessageRow } from "./messaging.repository.js";
import {
  type ConversationView,
  type MessagesQuery,
  type MessageView,
  PAID_REPLY_MIN_CENTS,
  type SendMessageBody,
  type Side,
} from "./messaging.schemas.js";

export type MessagingService = ReturnType<typeof createMessagingService>;

const MAX_CONVERSATIONS = 100;
const DEFAULT_MESSAGES = 50;

const notFound = () => new DomainError("NOT_FOUND", "No such conversation.");
const messageNotFound = () => new DomainError("NOT_FOUND", "No such message.");

/** A message as one side sees it: a paid reply's text stays hidden from the client until unlocked. */
export function toMessageView(row: MessageRow, viewer: Side): MessageView {
  const paid = row.priceCents !== null;
  const locked = paid && row.unlockedAt === null;
  const hidden = row.withdrawnAt !== null || (locked && viewer === "client");
  return {
    id: row.id,
    conversationId: row.conversationId,
    side: row.side,
    body: hidden ? null : (row.shownBody ?? row.body),
    paid,
    priceCents: row.priceCents,
    preview: row.withdrawnAt === null ? (row.shownPreview ?? row.preview) : null,
    locked: locked && row.withdrawnAt === null,
    contactHidden: row.contactHidden,
    unlockedAt: row.unlockedAt?.toISOString() ?? null,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Conversations between a client and a reader (product.md section 6): clients write for free;
 * each reply of the reader is free or paid ($1–$25), a paid one locked until the client pays for
 * it (one ledger transfer, 70/30, keyed by the reply). Unread counts are kept per side.
 */
export function createMessagingService(deps: {
  db: Database;
  clock: Clock;
  ledger: Pick<LedgerService, "chargeWithSplit" | "balance">;
  readers: Pick<ReadersService, "namesOf">;
  users: Pick<UsersService, "contactsOf">;
  readerShareBasisPoints: number;
}) {
  const { db } = deps;
  const repository = createMessagingRepository();

  function sideOf(principal: Principal, conversation: ConversationRow | null): Side {
    if (conversation?.clientUserId === principal.userId) return "client";
    if (conversation?.readerUserId === principal.userId) return "reader";
    throw notFound();
  }

  async function views(rows: ConversationRow[], viewer: string): Promise<ConversationView[]> {
    const [last, readers, clients] = await Promise.all([
      repository.lastMessages(
        db,
        rows.map((row) => row.id),
      ),
      deps.readers.namesOf(rows.map((row) => row.readerUserId)),
      deps.users.contactsOf(rows.map((row) => row.clientUserId)),
    ]);
    const lastOf = new Map(last.map((message) => [message.conversationId, message]));
    return rows.map((row) => {
      const side: Side = row.clientUserId === viewer ? "client" : "reader";
      const reader = readers.get(row.readerUserId);
      const message = lastOf.get(row.id);
      return {
        id: row.id,
        clientUserId: row.clientUserId,
        readerUserId: row.readerUserId,
        otherName:
          side === "client"
            ? (reader?.displayName ?? "A reader")
            : (clients.get(row.clientUserId)?.displayName ?? "A client"),
        readerSlug: reader?.slug ?? null,
        unread: side === "client" ? row.clientUnread : row.readerUnread,
        lastMessage: message ? toMessageView(message, side) : null,
        blocked: row.blockedBy !== null,
        blockedByYou: row.blockedBy === side,
        createdAt: row.createdAt.toISOString(),
        lastMessageAt: row.lastMessageAt?.toISOString() ?? null,
      };
    });
  }

  async function viewOf(row: ConversationRow, viewer: string) {
    const [view] = await views([row], viewer);
    if (!view) throw notFound();
    return view;
  }

  /** The message and its conversation, for one of the conversation's two people (locked in `tx`). */
  async function lockedMessage(tx: Executor, principal: Principal, messageId: string) {
    const message = await repository.lockMessage(tx, messageId);
    if (!message) throw messageNotFound();
    const conversation = await repository.find(tx, message.conversationId);
    if (!conversation) throw messageNotFound();
    const side = sideOf(principal, conversation);
    return { message, conversation, side };
  }

  return {
    /** A client opens (or finds) their conversation with a reader. */
    async open(principal: Principal, readerUserId: string) {
      const reader = (await deps.users.contactsOf([readerUserId])).get(readerUserId);
      if (reader?.role !== "reader" || reader.status === "banned")
        throw new DomainError("NOT_FOUND", "No such reader.");
      const row = await repository.openPair(db, principal.userId, readerUserId, deps.clock.now());
      return viewOf(row, principal.userId);
    },

    /** Your conversations (as a client, or as a reader), latest first, with the unread total. */
    async list(principal: Principal) {
      const side: Side = principal.role === "reader" ? "reader" : "client";
      const rows = await repository.listFor(db, side, principal.userId, MAX_CONVERSATIONS);
      const [items, unreadTotal] = await Promise.all([
        views(rows, principal.userId),
        repository.unreadTotal(db, principal.userId),
      ]);
      return { items, unreadTotal };
    },

    async get(principal: Principal, conversationId: string) {
      const row = await repository.find(db, conversationId);
      sideOf(principal, row);
      return viewOf(row as ConversationRow, principal.userId);
    },

    unreadTotal: (principal: Principal) => repository.unreadTotal(db, principal.userId),

    /** Messages, oldest first, up to `limit` before `before`; reading them clears your unread. */
    async messages(principal: Principal, conversationId: string, query: MessagesQuery) {
      const conversation = await repository.find(db, conversationId);
      const side = sideOf(principal, conversation);
      const limit = query.limit ?? DEFAULT_MESSAGES;
      const before = query.before ? await repository.findMessage(db, query.before) : null;
      if (query.before && before?.conversationId !== conversationId) throw messageNotFound();
      const rows = await repository.messages(db, conversationId, limit, before);
      if (!query.before) await repository.markRead(db, conversationId, side);
      return {
        items: rows
          .slice(0, limit)
          .reverse()
          .map((row) => toMessageView(row, side)),
        hasEarlier: rows.length > limit,
      };
    },

    /** Either side writes; a reader may make the reply paid (the client pays to read it). */
    async send(principal: Principal, conversationId: string, input: SendMessageBody) {
      const body = input.body.trim();
      if (!body)
        throw new DomainError("VALIDATION_FAILED", "Write something first.", [
          { path: "/body", message: "empty" },
        ]);
      assertPlainText({ body, preview: input.paid?.preview });
      // Contact details are hidden from both sides; the text as written is kept for admins.
      const preview = input.paid?.preview?.trim() || null;
      const shown = hideContactDetails(body);
      const shownPreview = preview === null ? null : hideContactDetails(preview);
      const created = await db.transaction(async (tx) => {
        const conversation = await repository.lock(tx, conversationId);
        const side = sideOf(principal, conversation);
        if (!conversation) throw notFound();
        if (conversation.blockedBy !== null)
          throw new DomainError("CONFLICT", "This conversation is blocked: no more messages can be sent.");
        if (input.paid && side !== "reader")
          throw new DomainError("VALIDATION_FAILED", "Only a reader's reply can be paid.", [
            { path: "/paid", message: "readers only" },
          ]);
        const to: Side = side === "client" ? "reader" : "client";
        const result = await repository.insertMessage(
          tx,
          {
            conversationId,
            senderUserId: principal.userId,
            side,
            body,
            shownBody: shown.hidden ? shown.text : null,
            priceCents: input.paid ? (input.paid.priceCents ?? PAID_REPLY_MIN_CENTS) : null,
            preview,
            shownPreview: shownPreview?.hidden ? shownPreview.text : null,
            contactHidden: shown.hidden || Boolean(shownPreview?.hidden),
            createdAt: deps.clock.now(),
          },
          to,
        );
        return { message: result.message, side };
      });
      return toMessageView(created.message, created.side);
    },

    /**
     * The conversation's client pays for a paid reply and reads it: one transfer keyed by the reply
     * (70 % to the reader), so a double click or a second tab unlocks once and charges once.
     */
    async unlock(principal: Principal, messageId: string) {
      const message = await db.transaction(async (tx) => {
        const found = await lockedMessage(tx, principal, messageId);
        if (found.side !== "client") throw messageNotFound();
        if (found.message.priceCents === null) throw new DomainError("CONFLICT", "This message is free.");
        if (found.message.unlockedAt) return found.message;
        if (found.message.withdrawnAt) throw new DomainError("CONFLICT", "The reader withdrew this reply.");
        if (found.conversation.blockedBy !== null)
          throw new DomainError("CONFLICT", "This conversation is blocked.");
        const posted = await deps.ledger.chargeWithSplit(
          {
            idempotencyKey: `paid-reply:${found.message.id}`,
            code: "paid_reply",
            payerUserId: principal.userId,
            readerUserId: found.conversation.readerUserId,
            amountCents: found.message.priceCents,
            references: { messageId: found.message.id, conversationId: found.conversation.id },
            readerShareBasisPoints: deps.readerShareBasisPoints,
          },
          tx,
        );
        return repository.updateMessage(tx, found.message.id, {
          unlockedAt: deps.clock.now(),
          unlockTransferId: posted.transferId,
        });
      });
      return {
        message: toMessageView(message, "client"),
        balanceCents: await deps.ledger.balance(principal.userId),
      };
    },

    /** The reader takes back a paid reply nobody has paid for yet. */
    async withdraw(principal: Principal, messageId: string) {
      const message = await db.transaction(async (tx) => {
        const found = await lockedMessage(tx, principal, messageId);
        if (found.side !== "reader" || found.message.side !== "reader") throw messageNotFound();
        if (found.message.priceCents === null)
          throw new DomainError("CONFLICT", "Only a paid reply can be withdrawn.");
        if (found.message.unlockedAt)
          throw new DomainError("CONFLICT", "The client has already paid for this reply.");
        if (found.message.withdrawnAt) return found.message;
        return repository.updateMessage(tx, found.message.id, { withdrawnAt: deps.clock.now() });
      });
      return toMessageView(message, "reader");
    },

    /** Either side blocks the other (no more messages), or lifts their own block. */
    async setBlock(principal: Principal, conversationId: string, blocked: boolean) {
      const row = await db.transaction(async (tx) => {
        const conversation = await repository.lock(tx, conversationId);
        const side = sideOf(principal, conversation);
        if (!conversation) throw notFound();
        if (blocked) {
          if (conversation.blockedBy !== null) return conversation;
          return (await repository.setBlocked(tx, conversationId, side)) ?? conversation;
        }
        if (conversation.blockedBy === null) return conversation;
        if (conversation.blockedBy !== side)
          throw new DomainError("FORBIDDEN", "Only the side that blocked this conversation can unblock it.");
        return (await repository.setBlocked(tx, conversationId, null)) ?? conversation;
      });
      return viewOf(row, principal.userId);
    },
  };
}
