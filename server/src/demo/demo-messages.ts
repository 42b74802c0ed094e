import type { FastifyBaseLogger } from "fastify";
import type { DemoApi } from "./demo-api.js";
import type { createLines } from "./demo-reader-lines.js";

/** A message event as the reader's socket hears it (`message.new`). */
export interface DemoMessageEvent {
  conversationId?: string;
  message?: { id?: string; side?: string };
}

/** Conversations one demo reader remembers (how many replies each got); the oldest are forgotten. */
const MAX_CONVERSATIONS = 200;
const PAID_REPLY_CENTS = 100;

/**
 * An automatic demo reader's messages: it answers each client message after a short pause, the
 * first answer in a conversation free and every second one after it a $1.00 paid reply with a
 * preview, so a visitor sees both kinds through the same public API a reader's browser uses.
 */
export function createDemoMessages(context: {
  api: DemoApi;
  cookie: () => string | null;
  lines: () => ReturnType<typeof createLines>;
  replyDelayMs: readonly [number, number];
  random: () => number;
  logger: Pick<FastifyBaseLogger, "warn">;
}) {
  const replies = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  async function answer(conversationId: string) {
    const count = replies.get(conversationId) ?? 0;
    replies.delete(conversationId);
    replies.set(conversationId, count + 1);
    if (replies.size > MAX_CONVERSATIONS) replies.delete(replies.keys().next().value as string);
    const paid = count % 2 === 1;
    const payload = paid
      ? {
          body: `I drew two more cards for you. ${context.lines().answer()} ${context.lines().answer()}`,
          paid: { priceCents: PAID_REPLY_CENTS, preview: "I drew two more cards for you…" },
        }
      : { body: `Thank you for writing. ${context.lines().answer()}` };
    await context.api.call(
      "POST",
      `/api/v1/conversations/${conversationId}/messages`,
      context.cookie(),
      payload,
    );
  }

  return {
    /** A `message.new` event: a client's message gets an answer after the reply delay. */
    onMessage(data: DemoMessageEvent) {
      const conversationId = data.conversationId;
      if (!conversationId || data.message?.side !== "client") return;
      const [low, high] = context.replyDelayMs;
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          answer(conversationId).catch((error) =>
            context.logger.warn({ err: error, conversationId }, "demo reader could not answer a message"),
          );
        },
        low + context.random() * (high - low),
      );
      timer.unref();
      timers.add(timer);
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
