import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { LagProbe } from "../../platform/load/lag-probe.js";
import { createLoadShedder } from "../../platform/load/load-shedder.js";
import { createPacedQueue } from "../../platform/load/paced-queue.js";
import { EVENT_CHANNEL, type EventBus } from "../../platform/realtime/event-bus.js";
import { createLivePublisher } from "../../platform/realtime/live-events.js";
import { hideContactDetails } from "../../platform/text/contact-details.js";
import { mentionsSelfHarm } from "../../platform/text/crisis.js";
import { createChatRepository } from "./readings.chat.repository.js";
import { createBatcher } from "./readings.chat-batch.js";
import { readingsEvents } from "./readings.events.js";
import { createReadingsRepository } from "./readings.repository.js";
import { type ChatMessageView, MAX_MESSAGE_CHARS } from "./readings.schemas.js";
import { toMessageView } from "./readings.view.js";

export type ChatService = ReturnType<typeof createChatService>;

const MAX_PAGE = 200;
/** Large enough that a backlog after a stall drains in a few commits (NOTIFY commits run one at a time). */
const INSERT_BATCH = 1000;
const INSERTS_IN_FLIGHT = 2;
const INSERTS_QUEUED = 20_000;

/** A stored message waiting for its self-harm check. */
interface CrisisCheck {
  readingId: string;
  senderUserId: string;
  messageId: string;
  body: string;
}

/**
 * Chat inside an on-demand reading. Messages flow only while the reading is active (billed), so
 * a paused or dropped reading cannot continue for free; the transcript stays in reading history.
 */
export function createChatService(deps: {
  db: Database;
  bus: EventBus;
  clock: Clock;
  logger?: FastifyBaseLogger;
  /** The node's event-loop lag and the bound past which new messages are refused (0: never). */
  shedding?: { lag: LagProbe; boundMs: number };
}) {
  const readings = createReadingsRepository();
  const repository = createChatRepository();
  const live = createLivePublisher(deps.bus, readingsEvents);
  const { db } = deps;
  // Messages arriving together share one statement and one commit: every NOTIFY takes a
  // database-wide lock until its transaction's commit is flushed, so one commit per message
  // caps a node at a few hundred messages a second.
  const inserts = createBatcher({
    run: (rows: Parameters<typeof repository.insertManyIfActive>[1]) =>
      repository.insertManyIfActive(db, rows, EVENT_CHANNEL),
    maxBatch: INSERT_BATCH,
    maxInFlight: INSERTS_IN_FLIGHT,
    maxQueued: INSERTS_QUEUED,
  });
  // Load shedding (decision 0019): while this node delivers late (its event loop runs late, or
  // messages wait long for a batch), new messages are refused with a retry-after; the app sends
  // them again then. Queued ones would only make every later message later still.
  const shedder = createLoadShedder({
    boundMs: deps.shedding?.boundMs ?? 0,
    lagSources: [() => deps.shedding?.lag.lagMs() ?? 0, () => inserts.oldestWaitMs()],
  });

  /**
   * After a stored message was answered and delivered: when it suggests self-harm and the client
   * wrote it, the room hears `reading.crisis` (the client's app shows crisis lines, the reader's a
   * note). Off the message's path, a few milliseconds of checks a turn: the sender is answered
   * first, and a failure here loses nothing.
   */
  const crisisChecks = createPacedQueue(({ readingId, senderUserId, messageId, body }: CrisisCheck) => {
    if (!mentionsSelfHarm(body)) return;
    void (async () => {
      const row = await readings.find(db, readingId);
      if (row?.clientUserId !== senderUserId) return;
      await live.publish(null, readingId, "reading.crisis", { messageId, clientUserId: senderUserId });
    })().catch((error: unknown) => deps.logger?.error({ err: error, readingId }, "crisis check failed"));
  });
  function checkForCrisis(readingId: string, senderUserId: string, messageId: string, body: string) {
    crisisChecks.push({ readingId, senderUserId, messageId, body });
  }

  async function readingFor(principal: Principal, readingId: string, allowAdmin: boolean) {
    const row = await readings.find(db, readingId);
    const participant =
      row && (row.clientUserId === principal.userId || row.readerUserId === principal.userId);
    if (!row || (!participant && !(allowAdmin && principal.role === "admin")))
      throw new DomainError("NOT_FOUND", "No such reading.");
    return row;
  }

  return {
    async send(principal: Principal, readingId: string, input: { clientMessageId: string; body: string }) {
      // A lone UTF-16 surrogate (a JSON `\ud800` escape) cannot be stored as UTF-8: it becomes
      // U+FFFD here, so the stored, answered and delivered message are the same text.
      const body = (input.body.trim() as string & { toWellFormed(): string }).toWellFormed();
      if (body.includes("\u0000")) {
        throw new DomainError("VALIDATION_FAILED", "A message cannot contain NUL characters.", [
          { path: "/body", message: "must not contain NUL characters" },
        ]);
      }
      if (body.length === 0 || body.length > MAX_MESSAGE_CHARS) {
        throw new DomainError("VALIDATION_FAILED", `A message has 1 to ${MAX_MESSAGE_CHARS} characters.`, [
          { path: "/body", message: `must have 1 to ${MAX_MESSAGE_CHARS} characters` },
        ]);
      }
      shedder.admit("your message");
      // Email addresses, phone numbers and links are hidden from both sides (product.md section 6):
      // the stored and delivered text is the hidden one.
      const shown = hideContactDetails(body);
      const text = shown.hidden ? shown.text : body;
      // The id and time are fixed here, so the event is complete before the statement that
      // stores the message and, only if it was stored, publishes it on commit.
      const createdAt = deps.clock.now();
      const view: ChatMessageView = {
        id: randomUUID(),
        readingId,
        senderUserId: principal.userId,
        clientMessageId: input.clientMessageId,
        body: text,
        createdAt: createdAt.toISOString(),
        deliveredAt: null,
      };
      // The sender's socket gets the message in its reply: the event names it (`echo`) so the hub
      // does not send it the room's copy as well.
      const eventPayload = live.encode(
        readingId,
        "reading.message",
        { message: view },
        { userId: principal.userId, ref: input.clientMessageId },
      );
      // Written out, not `{ ...view, createdAt, eventPayload }`: V8 (Node 20) gives an object
      // spread followed by a new key a map of its own every time, so each message left a map and
      // its descriptors in the old generation (about 1.5 MB/s under the chat bench) and the
      // batch insert's property reads went megamorphic.
      const outcome = await inserts.submit({
        id: view.id,
        readingId,
        senderUserId: view.senderUserId,
        clientMessageId: view.clientMessageId,
        body: text,
        createdAt,
        eventPayload,
      });
      if (outcome === "missing") throw new DomainError("NOT_FOUND", "No such reading.");
      if (outcome === "stored") {
        checkForCrisis(readingId, principal.userId, view.id, text);
        return view;
      }
      // Not stored: a resend of a stored message (answered again, whatever the state now), or a
      // reading that is not running.
      const existing = await repository.findByClientMessageId(
        db,
        readingId,
        principal.userId,
        input.clientMessageId,
      );
      if (existing) return toMessageView(existing);
      throw new DomainError(
        "CONFLICT",
        outcome === "paused" || outcome === "reconnecting"
          ? "The reading is paused; messages go through again when it resumes."
          : "This reading is not running.",
      );
    },

    async list(principal: Principal, readingId: string, query: { after?: string; limit?: number }) {
      const reading = await readingFor(principal, readingId, true);
      const limit = Math.min(Math.max(query.limit ?? 100, 1), MAX_PAGE);
      const after = query.after ? await repository.find(db, readingId, query.after) : null;
      if (query.after && !after) throw new DomainError("VALIDATION_FAILED", "Unknown message in `after`.");
      const rows = await repository.list(db, readingId, after?.seq ?? null, limit);
      // Checked again here (the live check is one event, off the send path): a reload, or the
      // reader's second device, shows the support lines and notes as they were.
      const crisisMessageIds = rows
        .filter((row) => row.senderUserId === reading.clientUserId && mentionsSelfHarm(row.body))
        .map((row) => row.id);
      return { items: rows.map(toMessageView), complete: rows.length < limit, crisisMessageIds };
    },

    /** The caller's app shows the other side's messages up to `messageId`: they are delivered. */
    async delivered(principal: Principal, readingId: string, messageId: string) {
      await readingFor(principal, readingId, false);
      const message = await repository.find(db, readingId, messageId);
      if (!message) throw new DomainError("NOT_FOUND", "No such message.");
      return db.transaction(async (tx) => {
        const now = deps.clock.now();
        const changed = await repository.markDelivered(tx, readingId, principal.userId, message.seq, now);
        if (changed > 0) {
          await live.publish(tx, readingId, "reading.delivered", {
            by: principal.userId,
            upTo: message.id,
            at: now.toISOString(),
          });
        }
        return { changed };
      });
    },
  };
}
