import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { toBoundedWebp } from "../../platform/storage/image.js";
import type { ObjectStorage } from "../../platform/storage/object-storage.js";
import type { ConversationRow, MessageRow } from "./messaging.repository.js";
import type { Side } from "./messaging.schemas.js";
import { conversationMessages, messageAttachments } from "./messaging.tables.js";

/** Attachments (product.md section 6): JPEG/PNG/WebP up to 5 MB, stored re-encoded. */
export const ATTACHMENT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_MAX_INPUT_PIXELS = 40_000_000;
export const ATTACHMENT_MAX_SIDE_PX = 1600;
export const ATTACHMENT_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const MAX_ATTACHMENTS_PER_MESSAGE = 4;

export type AttachmentRow = typeof messageAttachments.$inferSelect;
export interface AttachmentView {
  id: string;
  width: number;
  height: number;
}

const notFound = () => new DomainError("NOT_FOUND", "No such image.");
const toView = (row: AttachmentRow): AttachmentView => ({ id: row.id, width: row.width, height: row.height });

/** May this side see the message's images? Not the client while a paid reply is locked, nobody once withdrawn. */
export function attachmentsVisible(message: MessageRow, viewer: Side) {
  if (message.withdrawnAt !== null) return false;
  return !(viewer === "client" && message.priceCents !== null && message.unlockedAt === null);
}

/**
 * Images in conversations: uploaded first (checked, re-encoded to WebP without metadata, kept in
 * object storage), then claimed by the uploader's next message in that conversation; read
 * through a short-lived signed link by the conversation's two people only.
 */
export function createAttachments(deps: {
  db: Database;
  clock: Clock;
  storage: ObjectStorage;
  logger: FastifyBaseLogger;
  /** The conversation and the caller's side in it (throws NOT_FOUND for anyone else). */
  conversationFor(
    principal: Principal,
    conversationId: string,
  ): Promise<{ row: ConversationRow; side: Side }>;
}) {
  const { db, storage } = deps;

  return {
    async upload(principal: Principal, conversationId: string, bytes: Buffer) {
      const { row } = await deps.conversationFor(principal, conversationId);
      if (row.blockedBy !== null)
        throw new DomainError("CONFLICT", "This conversation is blocked: no more messages can be sent.");
      const image = await toBoundedWebp(bytes, {
        maxSidePx: ATTACHMENT_MAX_SIDE_PX,
        maxInputPixels: ATTACHMENT_MAX_INPUT_PIXELS,
        maxInputBytes: ATTACHMENT_MAX_UPLOAD_BYTES,
      });
      const key = `message-images/${randomUUID()}.webp`;
      await storage.put(key, image.webp, "image/webp");
      try {
        const [created] = await db
          .insert(messageAttachments)
          .values({
            conversationId,
            uploaderUserId: principal.userId,
            storageKey: key,
            width: image.width,
            height: image.height,
            sizeBytes: image.webp.length,
            createdAt: deps.clock.now(),
          })
          .returning();
        if (!created) throw new Error("attachment insert returned no row");
        return toView(created);
      } catch (error) {
        await storage
          .delete(key)
          .catch((failure) => deps.logger.warn({ err: failure, key }, "deleting a file failed"));
        throw error;
      }
    },

    /** In the message's transaction: the uploader's unclaimed images of this conversation become the message's. */
    async claim(
      tx: Executor,
      principal: Principal,
      conversationId: string,
      messageId: string,
      ids: readonly string[],
    ) {
      if (ids.length === 0) return [];
      const unique = [...new Set(ids)];
      const claimed = await tx
        .update(messageAttachments)
        .set({ messageId })
        .where(
          and(
            inArray(messageAttachments.id, unique),
            eq(messageAttachments.conversationId, conversationId),
            eq(messageAttachments.uploaderUserId, principal.userId),
            isNull(messageAttachments.messageId),
          ),
        )
        .returning();
      if (claimed.length !== unique.length)
        throw new DomainError(
          "VALIDATION_FAILED",
          "An image is not yours to send here, or was sent already.",
          [{ path: "/attachmentIds", message: "unknown or already sent" }],
        );
      return claimed.map(toView);
    },

    /** The images of these messages, by message, in upload order. */
    async of(executor: Executor, messageIds: readonly string[]) {
      const byMessage = new Map<string, AttachmentView[]>();
      if (messageIds.length === 0) return byMessage;
      const rows = await executor
        .select()
        .from(messageAttachments)
        .where(inArray(messageAttachments.messageId, [...messageIds]))
        .orderBy(messageAttachments.createdAt, messageAttachments.id);
      for (const row of rows) {
        if (!row.messageId || !row.storageKey) continue;
        byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), toView(row)]);
      }
      return byMessage;
    },

    /** A signed link to the image, for one of the conversation's two people who may see it now. */
    async readUrl(principal: Principal, attachmentId: string) {
      const [row] = await db.select().from(messageAttachments).where(eq(messageAttachments.id, attachmentId));
      if (!row?.storageKey) throw notFound();
      const { side } = await deps.conversationFor(principal, row.conversationId).catch(() => {
        throw notFound();
      });
      if (row.messageId === null) {
        if (row.uploaderUserId !== principal.userId) throw notFound();
      } else {
        const [message] = await db
          .select()
          .from(conversationMessages)
          .where(eq(conversationMessages.id, row.messageId));
        if (!message || !attachmentsVisible(message, side)) throw notFound();
      }
      return storage.readUrl(row.storageKey);
    },
  };
}

export type Attachments = ReturnType<typeof createAttachments>;
