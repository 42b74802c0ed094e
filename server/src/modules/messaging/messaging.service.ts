import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { EventBus } from "../../platform/realtime/event-bus.js";
import type { ObjectStorage } from "../../platform/storage/object-storage.js";
import { hideContactDetails } from "../../platform/text/contact-details.js";
import { mentionsSelfHarm } from "../../platform/text/crisis.js";
import type { AuditService } from "../audit/audit.service.js";
import type { EmailService } from "../email/email.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { LimitsService } from "../limits/limits.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { PresenceService } from "../presence/presence.service.js";
import { assertPlainText, type ReadersService } from "../readers/readers.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { UsersService } from "../users/users.service.js";
import { createAttachments } from "./messaging.attachments.js";
import { createNotices, OFFLINE_EMAIL_AFTER_MS } from "./messaging.notices.js";
import { createReports } from "./messaging.reports.js";
import { type ConversationRow, createMessagingRepository, type NewMessage } from "./messaging.repository.js";
import {
  type ConversationFilter,
  type ConversationView,
  type MessagesQuery,
  PAID_REPLY_MIN_CENTS,
  type SendMessageBody,
  type Side,
} from "./messaging.schemas.js";
import { createTemplates } from "./messaging.templates.js";
import { sideIn, toMessageView } from "./messaging.view.js";

export type MessagingService = ReturnType<typeof createMessagingService>;

/** The shared rate-limit budgets of sending (limits module): per user, over every node. */
export const CLIENT_MESSAGES = "messages-client";
export const READER_MESSAGES = "messages-reader";

const MAX_CONVERSATIONS = 100;
const DEFAULT_MESSAGES = 50;

/** A message as the sender wrote it, before it is stored on one side of the conversation. */
type SendDraft = Omit<NewMessage, "id" | "side" | "crisis" | "createdAt" | "emailCheckAt">;

const notFound = () => new DomainError("NOT_FOUND", "No such conversation.");
const messageNotFound = () => new DomainError("NOT_FOUND", "No such message.");

/**
 * Conversations between a client and a reader (product.md section 6): clients write for free;
 * each reply of the reader is free or paid ($1–$25), a paid one locked until the client pays for
 * it (one ledger transfer, 70/30, keyed by the reply). Unread counts are kept per side.
 */
export function createMessagingService(deps: {
  db: Database;
  bus: EventBus;
  clock: Clock;
  logger: FastifyBaseLogger;
  publicOrigin: string;
  ledger: Pick<LedgerService, "chargeWithSplit" | "balance">;
  readers: Pick<ReadersService, "namesOf">;
  users: Pick<UsersService, "contactsOf" | "activeIdsWithRole">;
  readings: Pick<ReadingsService, "historyBetween">;
  notifications: Pick<NotificationsService, "notify" | "markReadAt">;
  email: Pick<EmailService, "send">;
  presence: Pick<PresenceService, "lastOnline">;
  audit: Pick<AuditService, "record">;
  limits: Pick<LimitsService, "consume">;
  storage: ObjectStorage;
  readerShareBasisPoints: number;
}) {
  const { db } = deps;
  const repository = createMessagingRepository();
  const notices = createNotices({ ...deps, repository });
  const attachments = createAttachments({
    ...deps,
    async conversationFor(principal, conversationId) {
      const row = await repository.find(db, conversationId);
      const side = sideOf(principal, row);
      if (!row) throw notFound();
      return { row, side };
    },
  });

  function sideOf(principal: Principal, conversation: ConversationRow | null): Side {
    const side = sideIn(conversation, principal.userId);
    if (!side) throw notFound();
    return side;
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
    const images = await attachments.of(
      db,
      last.map((message) => message.id),
    );
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
        lastMessage: message ? toMessageView(message, side, images.get(message.id)) : null,
        blocked: row.blockedBy !== null,
        blockedByYou: row.blockedBy === side,
        archived: (side === "client" ? row.clientArchivedAt : row.readerArchivedAt) !== null,
        awaitingReply: row.lastMessageSide !== null && row.lastMessageSide !== side,
        otherReadAt: (side === "client" ? row.readerReadAt : row.clientReadAt)?.toISOString() ?? null,
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

  /** `side` has read the conversation: counts cleared, both people told (nothing when none was unread). */
  async function markRead(conversationId: string, side: Side) {
    await db.transaction(async (tx) => {
      const at = deps.clock.now();
      const row = await repository.markRead(tx, conversationId, side, at);
      if (row) await notices.read(tx, row, side, at);
    });
  }

  async function changed(tx: Executor, row: ConversationRow | null, sides: readonly Side[]) {
    if (!row) throw notFound();
    await notices.changed(tx, row, sides);
    return row;
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

  /**
   * Stores a message written on `side` and tells both people. Without attachments, one statement
   * stores it and publishes its events on its own commit; with them, a transaction also claims the
   * images. Null when the conversation refused (see `sendAgain`).
   */
  async function sendAs(
    principal: Principal,
    draft: SendDraft,
    side: Side,
    attachmentIds: readonly string[],
    crisis: boolean,
  ) {
    const at = deps.clock.now();
    const row = {
      ...draft,
      side,
      crisis: crisis && side === "client",
      createdAt: at,
      emailCheckAt: new Date(at.getTime() + OFFLINE_EMAIL_AFTER_MS),
    };
    if (attachmentIds.length > 0)
      return db.transaction(async (tx) => {
        const result = await repository.sendMessage(tx, row);
        if (!result) return null;
        const images = await attachments.claim(
          tx,
          principal,
          draft.conversationId,
          result.message.id,
          attachmentIds,
        );
        await notices.sent(
          tx,
          result.conversation,
          result.message,
          images,
          result.unreadTotals,
          principal.displayName,
        );
        return { message: result.message, images };
      });
    // The message as it will be stored, so its events are written before the statement runs.
    const id = randomUUID();
    const events = notices.newMessageEvents(
      {
        ...row,
        id,
        seq: 0,
        unlockedAt: null,
        unlockTransferId: null,
        withdrawnAt: null,
      },
      principal.userId,
    );
    const result = await repository.sendMessage(db, { ...row, id }, events);
    if (!result) return null;
    // The bell rings after the message is stored. The message is sent whatever happens here: a
    // failure loses a bell (logged), and never answers an error that a retry would send twice.
    await notices
      .bell(db, result.conversation, result.message, principal.displayName)
      .catch((error: unknown) =>
        deps.logger.error({ err: error, conversationId: draft.conversationId }, "message bell failed"),
      );
    return { message: result.message, images: [] };
  }

  /**
   * A send changed nothing: says why (no such conversation for this person, a block, a price from
   * the client), or sends once more on the person's real side in it.
   */
  async function sendAgain<T>(
    principal: Principal,
    conversationId: string,
    guessed: Side,
    paid: boolean,
    sendOn: (side: Side) => Promise<T | null>,
  ): Promise<T> {
    const conversation = await repository.find(db, conversationId);
    const side = sideIn(conversation, principal.userId);
    if (!conversation || !side) throw notFound();
    if (conversation.blockedBy !== null)
      throw new DomainError("CONFLICT", "This conversation is blocked: no more messages can be sent.");
    if (paid && side !== "reader")
      throw new DomainError("VALIDATION_FAILED", "Only a reader's reply can be paid.", [
        { path: "/paid", message: "readers only" },
      ]);
    const sent = side === guessed ? null : await sendOn(side);
    // Otherwise it was unblocked between the two statements: nothing was written, so sending again is safe.
    if (!sent) throw new DomainError("CONFLICT", "The conversation changed while you wrote. Send it again.");
    return sent;
  }

  return {
    /**
     * A client opens (or finds) their conversation with a reader; a reader may open one only with
     * a client who wrote to them before or had a reading with them (no soliciting).
     */
    async open(principal: Principal, target: { readerUserId?: string; clientUserId?: string }) {
      if (target.readerUserId !== undefined) {
        if (principal.role !== "client")
          throw new DomainError("FORBIDDEN", "Only a client writes to a reader.");
        const reader = (await deps.users.contactsOf([target.readerUserId])).get(target.readerUserId);
        if (reader?.role !== "reader" || reader.status === "banned")
          throw new DomainError("NOT_FOUND", "No such reader.");
        const row = await repository.openPair(db, principal.userId, target.readerUserId, deps.clock.now());
        return viewOf(row, principal.userId);
      }
      if (principal.role !== "reader" || target.clientUserId === undefined)
        throw new DomainError("FORBIDDEN", "Only a reader writes first to a client they have read for.");
      const existing = await repository.findPair(db, target.clientUserId, principal.userId);
      if (existing) return viewOf(existing, principal.userId);
      const client = (await deps.users.contactsOf([target.clientUserId])).get(target.clientUserId);
      const history = client
        ? await deps.readings.historyBetween(target.clientUserId, principal.userId, 1)
        : [];
      if (!client || client.status === "banned" || history.length === 0)
        throw new DomainError(
          "FORBIDDEN",
          "You can write first only to a client who has had a reading with you.",
        );
      const row = await repository.openPair(db, target.clientUserId, principal.userId, deps.clock.now());
      return viewOf(row, principal.userId);
    },

    /** A client who has a conversation or had a reading with this reader (a reader may invite them). */
    async knowsClient(readerUserId: string, clientUserId: string) {
      if (await repository.findPair(db, clientUserId, readerUserId)) return true;
      return (await deps.readings.historyBetween(clientUserId, readerUserId, 1)).length > 0;
    },

    /** Your conversations (as a client, or as a reader), latest first, with the unread total. */
    async list(principal: Principal, filter: ConversationFilter = "all") {
      const side: Side = principal.role === "reader" ? "reader" : "client";
      const rows = await repository.listFor(db, side, principal.userId, filter, MAX_CONVERSATIONS);
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
      if (!query.before) await markRead(conversationId, side);
      const page = rows.slice(0, limit).reverse();
      const images = await attachments.of(
        db,
        page.map((row) => row.id),
      );
      return {
        items: page.map((row) => toMessageView(row, side, images.get(row.id))),
        hasEarlier: rows.length > limit,
      };
    },

    /** Either side writes; a reader may make the reply paid (the client pays to read it). */
    async send(principal: Principal, conversationId: string, input: SendMessageBody) {
      const body = input.body.trim();
      const attachmentIds = input.attachmentIds ?? [];
      if (!body && attachmentIds.length === 0)
        throw new DomainError("VALIDATION_FAILED", "Write something first.", [
          { path: "/body", message: "empty" },
        ]);
      assertPlainText({ body, preview: input.paid?.preview });
      // Contact details are hidden from both sides; the text as written is kept for admins.
      const preview = input.paid?.preview?.trim() || null;
      const shown = hideContactDetails(body);
      const shownPreview = preview === null ? null : hideContactDetails(preview);
      const crisis = principal.role === "client" && mentionsSelfHarm(body);
      await deps.limits.consume(
        principal.role === "reader" ? READER_MESSAGES : CLIENT_MESSAGES,
        principal.userId,
      );
      const draft = {
        conversationId,
        senderUserId: principal.userId,
        body,
        shownBody: shown.hidden ? shown.text : null,
        priceCents: input.paid ? (input.paid.priceCents ?? PAID_REPLY_MIN_CENTS) : null,
        preview,
        shownPreview: shownPreview?.hidden ? shownPreview.text : null,
        contactHidden: shown.hidden || Boolean(shownPreview?.hidden),
      };
      // A person writes on the side of their role, unless their role changed since (a client who
      // became a reader still writes as the client of their old conversations): then once more.
      const guessed: Side = principal.role === "reader" ? "reader" : "client";
      const sent =
        (await sendAs(principal, draft, guessed, attachmentIds, crisis)) ??
        (await sendAgain(principal, conversationId, guessed, Boolean(input.paid), (side) =>
          sendAs(principal, draft, side, attachmentIds, crisis),
        ));
      return toMessageView(sent.message, sent.message.side, sent.images);
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
        const unlocked = await repository.updateMessage(tx, found.message.id, {
          unlockedAt: deps.clock.now(),
          unlockTransferId: posted.transferId,
        });
        const images = (await attachments.of(tx, [unlocked.id])).get(unlocked.id) ?? [];
        await notices.updated(tx, found.conversation, unlocked, images);
        return unlocked;
      });
      const images = (await attachments.of(db, [message.id])).get(message.id) ?? [];
      return {
        message: toMessageView(message, "client", images),
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
        const withdrawn = await repository.updateMessage(tx, found.message.id, {
          withdrawnAt: deps.clock.now(),
        });
        await notices.updated(tx, found.conversation, withdrawn, []);
        return withdrawn;
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
          return changed(tx, await repository.setBlocked(tx, conversationId, side), ["client", "reader"]);
        }
        if (conversation.blockedBy === null) return conversation;
        if (conversation.blockedBy !== side)
          throw new DomainError("FORBIDDEN", "Only the side that blocked this conversation can unblock it.");
        return changed(tx, await repository.setBlocked(tx, conversationId, null), ["client", "reader"]);
      });
      return viewOf(row, principal.userId);
    },

    /** Archives the conversation out of your list (or brings it back); a new message brings it back too. */
    async setArchived(principal: Principal, conversationId: string, archived: boolean) {
      const row = await db.transaction(async (tx) => {
        const conversation = await repository.lock(tx, conversationId);
        const side = sideOf(principal, conversation);
        const row = await repository.setArchived(
          tx,
          conversationId,
          side,
          archived ? deps.clock.now() : null,
        );
        return changed(tx, row, [side]);
      });
      return viewOf(row, principal.userId);
    },

    /** The reader's view of the client: their readings together, with the notes the reader left. */
    async history(principal: Principal, conversationId: string) {
      const conversation = await repository.find(db, conversationId);
      if (sideOf(principal, conversation) !== "reader" || !conversation) throw notFound();
      const [readings, clients] = await Promise.all([
        deps.readings.historyBetween(conversation.clientUserId, conversation.readerUserId, 20),
        deps.users.contactsOf([conversation.clientUserId]),
      ]);
      return { clientName: clients.get(conversation.clientUserId)?.displayName ?? "A client", readings };
    },

    /** Checks due offline emails (a timer on every node). */
    sweepEmails: () => notices.sweepEmails(),

    templates: createTemplates({ db, clock: deps.clock }),
    attachments: {
      upload: attachments.upload,
      readUrl: attachments.readUrl,
    },
    reports: createReports({ ...deps, repository, find: (id: string) => repository.find(db, id), sideOf }),
  };
}
