import type { ChatMessageRow } from "./readings.chat.repository.js";
import type { ReadingRow } from "./readings.repository.js";
import type { ChatMessageView } from "./readings.schemas.js";

/** Whether a user is the client or the reader of a reading. */
export const isParticipant = (row: { clientUserId: string; readerUserId: string }, userId: string) =>
  row.clientUserId === userId || row.readerUserId === userId;

/** What participants see of a reading. The reader's share is shown to the reader only. */
export function toReadingView(row: ReadingRow, viewerUserId: string) {
  return {
    id: row.id,
    clientUserId: row.clientUserId,
    readerUserId: row.readerUserId,
    clientName: row.clientName ?? "Client",
    readerName: row.readerName ?? "Reader",
    readerSlug: row.readerSlug,
    modality: row.modality,
    ratePerUnitCents: row.ratePerUnitCents,
    unitMs: row.unitMs,
    state: row.state,
    endCause: row.endCause,
    billedMs: row.billedMs,
    billedSeconds: Math.floor(row.billedMs / 1000),
    accruedAt: row.accruedAt?.toISOString() ?? null,
    chargedCents: row.chargedCents,
    readerShareCents:
      viewerUserId === undefined || viewerUserId === row.readerUserId ? row.readerShareCents : null,
    graceEndsAt: row.graceEndsAt?.toISOString() ?? null,
    answerBy: row.state === "created" ? (row.dueAt?.toISOString() ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    finalizedAt: row.finalizedAt?.toISOString() ?? null,
    pricing: row.pricing,
    bookingId: row.bookingId,
    scheduledStartAt: row.scheduledStartAt?.toISOString() ?? null,
    scheduledEndAt: row.scheduledEndAt?.toISOString() ?? null,
  };
}

/** A chat message as both sides and the transcript see it. */
export function toMessageView(row: ChatMessageRow): ChatMessageView {
  return {
    id: row.id,
    readingId: row.readingId,
    senderUserId: row.senderUserId,
    clientMessageId: row.clientMessageId,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}
