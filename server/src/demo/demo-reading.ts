import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import { type DemoApi, DemoApiError } from "./demo-api.js";
import type { createLines } from "./demo-reader-lines.js";

/** The fields of a reading (as the API and the live events show it) the demo reader acts on. */
export interface DemoReadingView {
  id: string;
  readerUserId: string;
  modality: string;
  state: string;
  endCause: string | null;
}

export interface DemoReadingTimings {
  /** A request rings this long (a random value in the range) before the reader answers it. */
  acceptDelayMs: readonly [number, number];
  /** From the reading becoming active to the greeting. */
  greetingDelayMs: number;
  /** From a client message to the answer (random in the range; messages meanwhile share it). */
  replyDelayMs: readonly [number, number];
  /** From the reading becoming active to the goodbye. */
  readingLengthMs: number;
  /** The reader says goodbye when the client has been silent this long. */
  quietEndMs: number;
  /** From the goodbye to ending the reading. */
  goodbyeToEndMs: number;
  /** The most answers in one reading. */
  maxRepliesPerReading: number;
}

export const OPEN_READING_STATES = new Set(["created", "waiting", "active", "paused", "reconnecting"]);

/** What a reading's behaviour needs from the reader it belongs to. */
export interface DemoReadingContext {
  api: DemoApi;
  cookie(): string | null;
  userId: string;
  lines: ReturnType<typeof createLines>;
  timings: DemoReadingTimings;
  random: () => number;
  logger: Pick<FastifyBaseLogger, "info" | "warn">;
  /** Sends a frame on the reader's socket; false when it is not open. */
  sendFrame(frame: object): boolean;
  /** The reading is over (or no longer ours): forget it. */
  done(readingId: string, view: DemoReadingView | null): void;
}

/**
 * One reading of an automatic demo reader: accept a chat request (decline anything else), join the
 * room, greet, answer each client message after a short delay, and say goodbye and end it after
 * `readingLengthMs` or when the client goes quiet. Every timer is cleared when it ends.
 */
export function createDemoReading(first: DemoReadingView, context: DemoReadingContext) {
  const { api, lines, timings } = context;
  const readingId = first.id;
  const topic = `reading:${readingId}`;
  const timers = new Set<NodeJS.Timeout>();
  let answered = false;
  let inRoom = false;
  let greeted = false;
  let ending = false;
  let closed = false;
  let replies = 0;
  let replyTimer: NodeJS.Timeout | null = null;
  let quietTimer: NodeJS.Timeout | null = null;

  const between = ([low, high]: readonly [number, number]) =>
    low + Math.floor(context.random() * (high - low));

  function later(ms: number, run: () => Promise<unknown>) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (closed) return;
      run().catch((error) => context.logger.warn({ err: error, readingId }, "demo reader step failed"));
    }, ms);
    timer.unref();
    timers.add(timer);
    return timer;
  }
  function cancel(timer: NodeJS.Timeout | null) {
    if (!timer) return;
    clearTimeout(timer);
    timers.delete(timer);
  }

  /** Calls the reading's API; a refusal because the reading moved on (ended, paused) is expected. */
  async function act(method: "POST", path: string, payload?: object) {
    try {
      return await api.call(method, `/api/v1/readings/${readingId}${path}`, context.cookie(), payload);
    } catch (error) {
      if (error instanceof DemoApiError && (error.code === "CONFLICT" || error.code === "NOT_FOUND"))
        return null;
      throw error;
    }
  }

  const typing = () => context.sendFrame({ type: "signal", topic, kind: "typing" });
  const say = (body: string) => act("POST", "/messages", { clientMessageId: `demo-${randomUUID()}`, body });

  function joinRoom() {
    if (!inRoom) inRoom = context.sendFrame({ type: "subscribe", topics: [topic] });
  }

  function armQuiet() {
    cancel(quietTimer);
    quietTimer = later(timings.quietEndMs, () => finish("quiet"));
  }

  async function finish(reason: "time" | "quiet") {
    if (ending) return;
    ending = true;
    cancel(replyTimer);
    cancel(quietTimer);
    typing();
    await say(reason === "quiet" ? lines.quietGoodbye() : lines.goodbye());
    later(timings.goodbyeToEndMs, async () => {
      await act("POST", "/end");
      context.logger.info({ readingId, reason }, "demo reader ended a reading");
    });
  }

  function start() {
    greeted = true;
    typing();
    later(timings.greetingDelayMs, () => say(lines.greeting()));
    later(timings.readingLengthMs, () => finish("time"));
    armQuiet();
  }

  function answerRequest() {
    answered = true;
    const chat = first.modality === "chat";
    later(between(timings.acceptDelayMs), async () => {
      const result = await act("POST", chat ? "/accept" : "/decline");
      const view = (result?.reading ?? null) as DemoReadingView | null;
      context.logger.info(
        { readingId, modality: first.modality },
        `demo reader ${chat ? "accepted" : "declined"} a request`,
      );
      if (view) reading.update(view);
    });
  }

  const reading = {
    id: readingId,
    /** The reading's state changed (a live event, an API answer, or a look after reconnecting). */
    update(view: DemoReadingView) {
      if (closed) return;
      if (!OPEN_READING_STATES.has(view.state)) return reading.close(view);
      if (view.state === "created") {
        if (!answered) answerRequest();
        return;
      }
      joinRoom();
      if (view.state === "active" && !greeted) start();
    },

    /** A chat message in the room: answer the client's after a short, human-like pause. */
    onMessage(message: { senderUserId?: unknown }) {
      if (closed || message.senderUserId === context.userId) return;
      if (greeted && !ending) armQuiet();
      if (ending || replyTimer || replies >= timings.maxRepliesPerReading) return;
      const delayMs = between(timings.replyDelayMs);
      later(Math.max(0, delayMs - 2_000), async () => typing());
      replyTimer = later(delayMs, async () => {
        replyTimer = null;
        replies += 1;
        await say(lines.answer());
      });
    },

    /** The reader's socket reconnected: the room must be joined again. */
    socketReopened() {
      inRoom = false;
    },

    close(view: DemoReadingView | null = null) {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (inRoom) context.sendFrame({ type: "unsubscribe", topics: [topic] });
      context.done(readingId, view);
    },
  };
  return reading;
}

export type DemoReading = ReturnType<typeof createDemoReading>;
