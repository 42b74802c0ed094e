import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import { EVENT_CHANNEL, type EventBus, packPayloads } from "../../platform/realtime/event-bus.js";
import { createLivePublisher } from "../../platform/realtime/live-events.js";
import type { EmailService } from "../email/email.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { PresenceService } from "../presence/presence.service.js";
import type { UsersService } from "../users/users.service.js";
import type { AttachmentView } from "./messaging.attachments.js";
import { messagingEvents } from "./messaging.events.js";
import type {
  ConversationRow,
  MessageEventHoles,
  MessageRow,
  MessagingRepository,
} from "./messaging.repository.js";
import type { Side } from "./messaging.schemas.js";
import { toMessageView } from "./messaging.view.js";

/** An email goes to a recipient who has not been online for this long since the message. */
export const OFFLINE_EMAIL_AFTER_MS = 10 * 60_000;
/** At most one email per conversation and recipient in this time. */
export const EMAIL_EVERY_MS = 60 * 60_000;
/** How many due email checks one sweep takes per side. */
const EMAIL_BATCH = 100;
const SNIPPET_CHARS = 140;

const otherSide = (side: Side): Side => (side === "client" ? "reader" : "client");
const ownerOf = (row: ConversationRow, side: Side) =>
  side === "client" ? row.clientUserId : row.readerUserId;
const unreadOf = (row: ConversationRow, side: Side) =>
  side === "client" ? row.clientUnread : row.readerUnread;
const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const snippet = (text: string) =>
  text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS - 1)}…` : text;

/** What a message says in a notification or an email: never the text of a locked paid reply. */
export function describeMessage(message: MessageRow) {
  if (message.priceCents !== null && message.unlockedAt === null) {
    const preview = message.shownPreview ?? message.preview;
    return `A paid reply (${money(message.priceCents)})${preview ? `: “${snippet(preview)}”` : ""}. Unlock it to read it.`;
  }
  return snippet(message.shownBody ?? message.body) || "An image.";
}

/**
 * How a conversation tells its two people: live events on their own sockets (a new message, read
 * receipts, unlocks), an in-app notification when a conversation gets its first unread message,
 * and an email when the recipient has not been online for 10 minutes (at most one an hour per
 * conversation; checked by a timer from `*_email_due_at`).
 */
export function createNotices(deps: {
  db: Database;
  bus: EventBus;
  clock: Clock;
  logger: FastifyBaseLogger;
  publicOrigin: string;
  repository: MessagingRepository;
  notifications: Pick<NotificationsService, "notify" | "markReadAt">;
  email: Pick<EmailService, "send">;
  presence: Pick<PresenceService, "lastOnline">;
  users: Pick<UsersService, "contactsOf">;
}) {
  const live = createLivePublisher(deps.bus, messagingEvents);
  const { repository } = deps;
  const linkOf = (conversationId: string) => `/messages/${conversationId}`;

  const notices = {
    /** A new message, in its transaction: both people's sockets, and the recipient's bell once. */
    async sent(
      tx: Executor,
      conversation: ConversationRow,
      message: MessageRow,
      attachments: readonly AttachmentView[],
      /** Each person's unread total over all their conversations, as the send counted them. */
      totals: ReadonlyMap<string, number>,
      senderName: string,
    ) {
      const from = message.side;
      const sides = [otherSide(from), from] as const;
      await live.publishMany(
        tx,
        sides.map((side) => ({
          roomId: ownerOf(conversation, side),
          type: "message.new" as const,
          data: {
            message: toMessageView(message, side, attachments),
            conversationId: conversation.id,
            unread: unreadOf(conversation, side),
            unreadTotal: totals.get(ownerOf(conversation, side)) ?? 0,
          },
        })),
      );
      await notices.bell(tx, conversation, message, senderName);
    },

    /**
     * The `message.new` events of a message not stored yet (no attachments), for the statement
     * that stores it to publish: what only that statement knows (the recipient, the unread
     * figures) is left as holes it fills. Recipient first, then the sender, as `sent` sends them.
     */
    newMessageEvents(message: MessageRow, senderUserId: string) {
      const hole = () => `@@${randomUUID()}@@`;
      const holes: MessageEventHoles = {
        recipientId: hole(),
        recipientUnread: hole(),
        recipientTotal: hole(),
        senderUnread: hole(),
        senderTotal: hole(),
      };
      const from = message.side;
      const event = (side: Side, roomId: string, unread: string, total: string) =>
        live.encode(roomId, "message.new", {
          message: toMessageView(message, side),
          conversationId: message.conversationId,
          // Strings in the template: the statement puts the numbers in their place.
          unread: unread as unknown as number,
          unreadTotal: total as unknown as number,
        });
      const payloads = packPayloads([
        event(otherSide(from), holes.recipientId, holes.recipientUnread, holes.recipientTotal),
        event(from, senderUserId, holes.senderUnread, holes.senderTotal),
      ]);
      return { channel: EVENT_CHANNEL, payloads, holes };
    },

    /**
     * The recipient's bell rings once per conversation: on the first unread message. `senderName`
     * is the sender's name as their sign-in read it.
     */
    async bell(db: Executor, conversation: ConversationRow, message: MessageRow, senderName: string) {
      const from = message.side;
      const to = otherSide(from);
      if (unreadOf(conversation, to) !== 1) return;
      await deps.notifications.notify(db, {
        userId: ownerOf(conversation, to),
        kind: "message",
        title: `New message from ${senderName || (from === "reader" ? "your reader" : "a client")}`,
        body: describeMessage(message),
        link: linkOf(conversation.id),
      });
    },

    /** A paid reply was unlocked or withdrawn: both people see it as it is now. */
    async updated(
      tx: Executor,
      conversation: ConversationRow,
      message: MessageRow,
      attachments: readonly AttachmentView[],
    ) {
      for (const side of ["client", "reader"] as const)
        await live.publish(tx, ownerOf(conversation, side), "message.updated", {
          message: toMessageView(message, side, attachments),
          conversationId: conversation.id,
        });
    },

    /** `side` read the conversation: their other devices clear it, the other side gets a receipt. */
    async read(tx: Executor, conversation: ConversationRow, side: Side, readAt: Date) {
      // The bell's "new message" for this conversation is read too.
      await deps.notifications.markReadAt(tx, ownerOf(conversation, side), linkOf(conversation.id));
      const listeners = [side, otherSide(side)] as const;
      const totals = await repository.unreadTotals(
        tx,
        listeners.map((listener) => ownerOf(conversation, listener)),
      );
      await live.publishMany(
        tx,
        listeners.map((listener) => ({
          roomId: ownerOf(conversation, listener),
          type: "conversation.read" as const,
          data: {
            conversationId: conversation.id,
            side,
            readAt: readAt.toISOString(),
            unread: unreadOf(conversation, listener),
            unreadTotal: totals.get(ownerOf(conversation, listener)) ?? 0,
          },
        })),
      );
    },

    /** Blocked, unblocked, archived or restored: the sides named fetch it again. */
    async changed(tx: Executor, conversation: ConversationRow, sides: readonly Side[]) {
      for (const side of sides)
        await live.publish(tx, ownerOf(conversation, side), "conversation.updated", {
          conversationId: conversation.id,
        });
    },

    /**
     * Emails each recipient whose check is due and who still has unread messages, unless they
     * were online in the last 10 minutes or were emailed about this conversation in the last hour
     * (then it checks again when that ends). Safe on every node at once (SKIP LOCKED claims).
     */
    async sweepEmails() {
      let sent = 0;
      for (const side of ["client", "reader"] as const) {
        const claimed = await repository.claimDueEmails(deps.db, side, deps.clock.now(), EMAIL_BATCH);
        if (claimed.length === 0) continue;
        const recipients = claimed.map((row) => ownerOf(row, side));
        const [online, contacts] = await Promise.all([
          deps.presence.lastOnline(recipients),
          deps.users.contactsOf([...recipients, ...claimed.map((row) => ownerOf(row, otherSide(side)))]),
        ]);
        for (const row of claimed) {
          if (unreadOf(row, side) === 0) continue;
          const now = deps.clock.now().getTime();
          const recipient = ownerOf(row, side);
          const emailedAt =
            (side === "client" ? row.clientEmailedAt : row.readerEmailedAt)?.getTime() ?? null;
          const seenAt = online.get(recipient)?.getTime() ?? null;
          const lastMessageAt = row.lastMessageAt?.getTime() ?? now;
          const nextCheck = Math.max(
            seenAt === null ? 0 : seenAt + OFFLINE_EMAIL_AFTER_MS,
            emailedAt === null ? 0 : emailedAt + EMAIL_EVERY_MS,
            lastMessageAt + OFFLINE_EMAIL_AFTER_MS,
          );
          if (nextCheck > now) {
            await repository.deferEmail(deps.db, row.id, side, new Date(nextCheck));
            continue;
          }
          const contact = contacts.get(recipient);
          const sender = contacts.get(ownerOf(row, otherSide(side)));
          if (!contact || contact.status === "banned") continue;
          const latest = await repository.latestFrom(deps.db, row.id, otherSide(side));
          if (!latest) continue;
          const count = unreadOf(row, side);
          try {
            await repository.markEmailed(deps.db, row.id, side, new Date(now));
            await deps.email.send({
              to: contact.email,
              kind: "message-unread",
              subject: `${sender?.displayName ?? "Someone"} wrote to you on SoulSeer`,
              text: [
                `Hello ${contact.displayName},`,
                "",
                `${sender?.displayName ?? "Someone"} sent you ${count === 1 ? "a message" : `${count} messages`} on SoulSeer. The latest:`,
                "",
                describeMessage(latest),
                "",
                `Read and answer it: ${deps.publicOrigin}${linkOf(row.id)}`,
                "",
                "— SoulSeer",
              ].join("\n"),
            });
            sent += 1;
          } catch (error) {
            deps.logger.error({ err: error, conversationId: row.id }, "message email failed");
          }
        }
      }
      return sent;
    },
  };
  return notices;
}

export type Notices = ReturnType<typeof createNotices>;
