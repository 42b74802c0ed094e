import { randomUUID } from "node:crypto";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { hideContactDetails } from "../../platform/text/contact-details.js";
import { mentionsSelfHarm } from "../../platform/text/crisis.js";
import type { StreamsContext } from "./streams.context.js";
import type { ChatRow, StreamRow } from "./streams.repository.js";
import type { LiveChatMessage } from "./streams.schemas.js";
import { isOnAir } from "./streams.state.js";
import { accessOf, requireStream, streamNotFound } from "./streams.view.js";

/** The rate limit of live chat (product: 5 messages per 10 s per viewer, over every node). */
export const STREAM_CHAT_LIMIT = "stream-chat";
/** A newcomer sees this many recent messages. */
const RECENT_CHAT = 50;

/** Live chat: viewers write while the stream is on air; its reader deletes messages and mutes viewers. */
export function createStreamChat(ctx: StreamsContext) {
  const { repository } = ctx;

  /** A message as the room shows it, under its sender's name. */
  function messageView(
    stream: StreamRow,
    row: Pick<ChatRow, "id" | "senderUserId" | "shownBody" | "createdAt">,
    displayName: string,
  ): LiveChatMessage {
    const senderId = row.senderUserId ?? "";
    return {
      id: row.id,
      sender: {
        userId: senderId,
        displayName,
        isReader: senderId === stream.readerUserId,
      },
      body: row.shownBody,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async function views(stream: StreamRow, rows: ChatRow[]): Promise<LiveChatMessage[]> {
    const ids = [...new Set(rows.flatMap((row) => (row.senderUserId ? [row.senderUserId] : [])))];
    const contacts = await ctx.users.contactsOf(ids);
    return rows.map((row) =>
      messageView(stream, row, contacts.get(row.senderUserId ?? "")?.displayName ?? "A viewer"),
    );
  }

  /** The stream, if `principal` is its reader or an admin (who moderate its chat). */
  async function moderated(principal: Principal, streamId: string) {
    const stream = await requireStream(ctx, streamId);
    if (stream.readerUserId !== principal.userId && principal.role !== "admin") {
      if (stream.visibility === "private") throw streamNotFound();
      throw new DomainError("FORBIDDEN", "Only the stream's reader moderates its chat.");
    }
    return stream;
  }

  /** Self-harm language in a viewer's message: crisis lines for them, a note for the reader. */
  function checkForCrisis(stream: StreamRow, row: Pick<ChatRow, "id" | "senderUserId" | "body">) {
    if (!row.senderUserId || row.senderUserId === stream.readerUserId || !mentionsSelfHarm(row.body)) return;
    const data = { streamId: stream.id, messageId: row.id, senderUserId: row.senderUserId };
    void ctx.live
      .publishMany(null, [
        { roomId: row.senderUserId, type: "stream.crisis", data },
        { roomId: stream.readerUserId, type: "stream.crisis", data },
      ])
      .catch((error: unknown) =>
        ctx.logger.error({ err: error, streamId: stream.id }, "crisis notice failed"),
      );
  }

  return {
    /** A message from someone who may watch the stream, while it is on air and they are not muted. */
    async send(principal: Principal, streamId: string, text: string) {
      const body = text.trim();
      if (body.length === 0) throw new DomainError("VALIDATION_FAILED", "Write something first.");
      const stream = await requireStream(ctx, streamId);
      const access = await accessOf(ctx, stream, principal);
      if (!access.canWatch) {
        if (stream.visibility === "private") throw streamNotFound();
        throw new DomainError("FORBIDDEN", "Buy a ticket to this stream to chat.");
      }
      if (!isOnAir(stream.status))
        throw new DomainError("CONFLICT", "The chat is open only while the stream is live.");
      if (access.muted) throw new DomainError("FORBIDDEN", "The reader muted you in this stream.");
      await ctx.limits.consume(STREAM_CHAT_LIMIT, principal.userId);
      const shown = hideContactDetails(body);
      const row = {
        id: randomUUID(),
        streamId,
        senderUserId: principal.userId,
        body,
        shownBody: shown.text,
        createdAt: ctx.clock.now(),
      };
      // The sender's name as their sign-in read it: the message's view is known before it is
      // stored, so one statement stores it and publishes it to the room.
      const message = messageView(stream, row, principal.displayName || "A viewer");
      await repository.insertChatAndPublish(
        ctx.db,
        row,
        ctx.live.encode(streamId, "stream.chat", { streamId, message }),
      );
      checkForCrisis(stream, row);
      return message;
    },

    /** The latest messages still shown, for someone who may watch. */
    async recent(principal: Principal | null, streamId: string) {
      const stream = await requireStream(ctx, streamId);
      const access = await accessOf(ctx, stream, principal);
      if (!access.canWatch) {
        if (stream.visibility === "private") throw streamNotFound();
        throw new DomainError("FORBIDDEN", "Buy a ticket to this stream to read its chat.");
      }
      return views(stream, await repository.recentChat(ctx.db, streamId, RECENT_CHAT));
    },

    /** The reader (or an admin) deletes a message: it vanishes for everyone. */
    async remove(principal: Principal, streamId: string, messageId: string) {
      await moderated(principal, streamId);
      const row = await repository.findChat(ctx.db, streamId, messageId);
      if (!row) throw new DomainError("NOT_FOUND", "No such message.");
      if (await repository.deleteChat(ctx.db, streamId, messageId, ctx.clock.now()))
        await ctx.live.publish(null, streamId, "stream.chat-removed", {
          streamId,
          messageIds: [messageId],
          mutedUserId: null,
        });
    },

    /** The reader (or an admin) mutes a viewer for this stream: their messages vanish, they write no more. */
    async mute(principal: Principal, streamId: string, userId: string) {
      const stream = await moderated(principal, streamId);
      if (userId === stream.readerUserId) throw new DomainError("CONFLICT", "The reader cannot be muted.");
      if ((await ctx.users.contactsOf([userId])).size === 0)
        throw new DomainError("NOT_FOUND", "No such viewer.");
      if (await repository.mute(ctx.db, streamId, userId, ctx.clock.now()))
        await ctx.live.publish(null, streamId, "stream.chat-removed", {
          streamId,
          messageIds: [],
          mutedUserId: userId,
        });
    },
  };
}

export type StreamChat = ReturnType<typeof createStreamChat>;
