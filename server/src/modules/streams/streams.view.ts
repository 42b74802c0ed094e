import type { Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { StreamsContext } from "./streams.context.js";
import type { StreamRow } from "./streams.repository.js";
import type { StreamView } from "./streams.schemas.js";

export type StreamAccess = StreamView["access"];

export const streamNotFound = () => new DomainError("NOT_FOUND", "No such stream.");

/**
 * Who may watch a stream: anyone a public one (signed out too), invited clients a private one,
 * ticket holders a premium one; its reader and the admins always.
 */
export async function accessOf(
  ctx: StreamsContext,
  stream: StreamRow,
  principal: Principal | null,
  db: Executor = ctx.db,
  /** "watch": only whether they may watch (the reminder and mute are not looked up: false). */
  scope: "all" | "watch" = "all",
): Promise<StreamAccess> {
  const isReader = principal?.userId === stream.readerUserId;
  const isStaff = isReader || principal?.role === "admin";
  const userId = principal?.userId ?? null;
  const all = scope === "all";
  const [invited, ticket, reminded, muted] = userId
    ? await Promise.all([
        stream.visibility === "private" && !isStaff ? ctx.repository.isInvited(db, stream.id, userId) : false,
        stream.visibility === "premium" && !isStaff ? ctx.repository.ticketOf(db, stream.id, userId) : null,
        all && stream.status === "scheduled" ? ctx.repository.hasReminder(db, stream.id, userId) : false,
        all && !isReader ? ctx.repository.isMuted(db, stream.id, userId) : false,
      ])
    : [false, null, false, false];
  const hasTicket = ticket !== null && ticket.refundedAt === null;
  const canWatch =
    isStaff ||
    stream.visibility === "public" ||
    (stream.visibility === "private" && invited) ||
    (stream.visibility === "premium" && hasTicket);
  return {
    canWatch,
    isReader,
    needsSignIn: userId === null && stream.visibility !== "public",
    needsTicket: stream.visibility === "premium" && !isStaff && !hasTicket,
    hasTicket,
    needsInvitation: stream.visibility === "private" && !isStaff && !invited,
    reminded,
    muted,
  };
}

/** A stream as `principal` sees it: a private stream is unknown to anyone not invited. */
export async function viewOf(
  ctx: StreamsContext,
  stream: StreamRow,
  principal: Principal | null,
  db: Executor = ctx.db,
): Promise<StreamView> {
  const access = await accessOf(ctx, stream, principal, db);
  if (stream.visibility === "private" && !access.canWatch) throw streamNotFound();
  const names = await ctx.readers.namesOf([stream.readerUserId]);
  const reader = names.get(stream.readerUserId);
  return {
    id: stream.id,
    reader: {
      userId: stream.readerUserId,
      displayName: reader?.displayName ?? "A reader",
      slug: reader?.slug ?? "",
    },
    title: stream.title,
    topic: stream.topic,
    visibility: stream.visibility,
    ticketPriceCents: stream.ticketPriceCents,
    status: stream.status,
    scheduledFor: stream.scheduledFor?.toISOString() ?? null,
    startedAt: stream.startedAt?.toISOString() ?? null,
    endedAt: stream.endedAt?.toISOString() ?? null,
    endReason: stream.endReason,
    access,
  };
}

/** The stream, or NOT_FOUND (also for a private one the caller may not see). */
export async function requireStream(ctx: StreamsContext, streamId: string, db: Executor = ctx.db) {
  const stream = await ctx.repository.find(db, streamId);
  if (!stream) throw streamNotFound();
  return stream;
}
