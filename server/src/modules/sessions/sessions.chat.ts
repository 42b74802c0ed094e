import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { EventBus } from "../../platform/realtime/event-bus.js";
import { createSessionChatRepository, type SessionMessageRow } from "./sessions.chat.repository.js";
import { createSessionsRepository } from "./sessions.repository.js";

export type SessionChatService = ReturnType<typeof createSessionChatService>;

export const MAX_MESSAGE_CHARS = 2000;
const MAX_PAGE = 200;

/**
 * Chat inside an on-demand reading. Messages flow only while the reading is active (billed), so
 * a paused or dropped reading cannot continue for free; the transcript stays in session history.
 */
export function createSessionChatService(deps: { db: Database; bus: EventBus; clock: Clock }) {
  const sessions = createSessionsRepository();
  const repository = createSessionChatRepository();
  const { db } = deps;

  async function sessionFor(principal: Principal, sessionId: string, allowAdmin: boolean) {
    const row = await sessions.find(db, sessionId);
    const participant =
      row && (row.clientUserId === principal.userId || row.readerUserId === principal.userId);
    if (!row || (!participant && !(allowAdmin && principal.role === "admin")))
      throw new DomainError("NOT_FOUND", "No such session.");
    return row;
  }

  return {
    async send(principal: Principal, sessionId: string, input: { clientMessageId: string; body: string }) {
      const body = input.body.trim();
      if (body.length === 0 || body.length > MAX_MESSAGE_CHARS) {
        throw new DomainError("VALIDATION_FAILED", `A message has 1 to ${MAX_MESSAGE_CHARS} characters.`, [
          { path: "/body", message: `must have 1 to ${MAX_MESSAGE_CHARS} characters` },
        ]);
      }
      return db.transaction(async (tx) => {
        const session = await sessions.find(tx, sessionId);
        const participant =
          session && (session.clientUserId === principal.userId || session.readerUserId === principal.userId);
        if (!session || !participant) throw new DomainError("NOT_FOUND", "No such session.");
        const { row, replayed } = await repository.insert(tx, {
          sessionId,
          senderUserId: principal.userId,
          clientMessageId: input.clientMessageId,
          body,
          createdAt: deps.clock.now(),
        });
        if (replayed) return toMessageView(row);
        if (session.state !== "active") {
          throw new DomainError(
            "CONFLICT",
            session.state === "paused" || session.state === "reconnecting"
              ? "The reading is paused; messages go through again when it resumes."
              : "This reading is not running.",
          );
        }
        await deps.bus.publish(tx, {
          topic: `session:${sessionId}`,
          type: "session.message",
          data: { message: toMessageView(row) },
        });
        return toMessageView(row);
      });
    },

    async list(principal: Principal, sessionId: string, query: { after?: string; limit?: number }) {
      await sessionFor(principal, sessionId, true);
      const limit = Math.min(Math.max(query.limit ?? 100, 1), MAX_PAGE);
      const after = query.after ? await repository.find(db, sessionId, query.after) : null;
      if (query.after && !after) throw new DomainError("VALIDATION_FAILED", "Unknown message in `after`.");
      const rows = await repository.list(db, sessionId, after?.seq ?? null, limit);
      return { items: rows.map(toMessageView), complete: rows.length < limit };
    },

    /** The caller's app shows the other side's messages up to `messageId`: they are delivered. */
    async delivered(principal: Principal, sessionId: string, messageId: string) {
      await sessionFor(principal, sessionId, false);
      const message = await repository.find(db, sessionId, messageId);
      if (!message) throw new DomainError("NOT_FOUND", "No such message.");
      return db.transaction(async (tx) => {
        const now = deps.clock.now();
        const changed = await repository.markDelivered(tx, sessionId, principal.userId, message.seq, now);
        if (changed > 0) {
          await deps.bus.publish(tx, {
            topic: `session:${sessionId}`,
            type: "session.delivered",
            data: { by: principal.userId, upTo: message.id, at: now.toISOString() },
          });
        }
        return { changed };
      });
    },
  };
}

export function toMessageView(row: SessionMessageRow) {
  return {
    id: row.id,
    sessionId: row.sessionId,
    senderUserId: row.senderUserId,
    clientMessageId: row.clientMessageId,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}
