import { type AttachmentView, attachmentsVisible } from "./messaging.attachments.js";
import type { ConversationRow, MessageRow } from "./messaging.repository.js";
import type { MessageView, Side } from "./messaging.schemas.js";

/** A message as one side sees it: a paid reply's text stays hidden from the client until unlocked. */
export function toMessageView(
  row: MessageRow,
  viewer: Side,
  attachments: readonly AttachmentView[] = [],
): MessageView {
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
    crisis: row.crisis,
    attachments: attachmentsVisible(row, viewer) ? [...attachments] : [],
    contactHidden: row.contactHidden,
    unlockedAt: row.unlockedAt?.toISOString() ?? null,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The side a user is on in a conversation (null: not one of its two people). */
export function sideIn(row: ConversationRow | null, userId: string): Side | null {
  if (row?.clientUserId === userId) return "client";
  if (row?.readerUserId === userId) return "reader";
  return null;
}
