import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Button } from "../../components/ui";
import { api, friendlyMessage, unwrap } from "../../lib/api/client";
import { live, useLiveTopic } from "../../lib/live";

type Message = Awaited<ReturnType<typeof fetchMessages>>["items"][number];
const TYPING_SHOW_MS = 3_000;
const TYPING_SEND_EVERY_MS = 2_000;

async function fetchMessages(sessionId: string) {
  return unwrap(
    api.GET("/api/v1/sessions/{sessionId}/messages", {
      params: { path: { sessionId }, query: { limit: 200 } },
    }),
  );
}

function newMessageId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
}

/**
 * The chat of a reading: live messages, the other side typing, and delivery ticks. `canSend` is
 * false while the reading is not running (a paused reading is not a free one).
 */
export function SessionChat({
  sessionId,
  myUserId,
  otherName,
  canSend,
  pausedReason,
  ended = false,
}: {
  sessionId: string;
  myUserId: string;
  otherName: string;
  canSend: boolean;
  pausedReason: string | null;
  /** The reading is over: the transcript only. */
  ended?: boolean;
}) {
  const client = useQueryClient();
  const key = ["session-messages", sessionId];
  const messages = useQuery({
    queryKey: key,
    // A live message may arrive while this load is in flight: keep it (merge, never replace).
    queryFn: async () => {
      const fetched = await fetchMessages(sessionId);
      const known = client.getQueryData<{ items: Message[]; complete: boolean }>(key)?.items ?? [];
      const ids = new Set(fetched.items.map((item) => item.id));
      const extra = known.filter((item) => !ids.has(item.id));
      const items = [...fetched.items, ...extra].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      return { items, complete: fetched.complete };
    },
  });
  const [draft, setDraft] = useState("");
  const [otherTypingAt, setOtherTypingAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const lastTypingSent = useRef(0);
  const listRef = useRef<HTMLOListElement>(null);
  const topic = `session:${sessionId}`;

  const upsert = (message: Message) =>
    client.setQueryData<{ items: Message[]; complete: boolean }>(key, (current) => {
      const items = current?.items ?? [];
      const index = items.findIndex(
        (item) => item.id === message.id || item.clientMessageId === message.clientMessageId,
      );
      const next =
        index === -1 ? [...items, message] : items.map((item, at) => (at === index ? message : item));
      return { items: next, complete: current?.complete ?? true };
    });

  const confirmDelivery = useMutation({
    mutationFn: (messageId: string) =>
      unwrap(
        api.POST("/api/v1/sessions/{sessionId}/messages/delivered", {
          params: { path: { sessionId } },
          body: { messageId },
        }),
      ),
  });

  useLiveTopic(topic, (event) => {
    if (event.event === "session.message") {
      const message = (event.data as { message: Message }).message;
      upsert(message);
      if (message.senderUserId !== myUserId) {
        setOtherTypingAt(0);
        confirmDelivery.mutate(message.id);
      }
    } else if (event.event === "session.delivered" && event.data.by !== myUserId) {
      void client.invalidateQueries({ queryKey: key });
    } else if (event.event === "signal" && event.data.kind === "typing" && event.data.from !== myUserId) {
      setOtherTypingAt(Date.now());
    }
  });

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const count = messages.data?.items.length ?? 0;
  useEffect(() => {
    if (count > 0) listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [count]);

  const send = useMutation({
    mutationFn: (input: { clientMessageId: string; body: string }) =>
      unwrap(
        api.POST("/api/v1/sessions/{sessionId}/messages", { params: { path: { sessionId } }, body: input }),
      ),
    onSuccess: (data) => upsert(data.message),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = draft.trim();
    if (!body || !canSend) return;
    send.mutate({ clientMessageId: newMessageId(), body });
    setDraft("");
  };
  const typing = now - otherTypingAt < TYPING_SHOW_MS;
  return (
    <section
      aria-label="Chat"
      className="flex min-h-[22rem] flex-col rounded-2xl border border-white/10 bg-black/30"
    >
      <ol
        ref={listRef}
        className="flex max-h-[55vh] flex-1 flex-col gap-2 overflow-y-auto p-4"
        aria-live="polite"
      >
        {messages.isLoading && <li className="text-white/60">Loading the conversation…</li>}
        {messages.isSuccess && count === 0 && (
          <li className="m-auto text-center text-white/60">Say hello — your reading has started.</li>
        )}
        {messages.data?.items.map((message) => {
          const mine = message.senderUserId === myUserId;
          return (
            <li
              key={message.id}
              className={`max-w-[80%] whitespace-pre-wrap break-words rounded-2xl px-4 py-2 ${
                mine ? "self-end bg-pink/85 text-night" : "self-start bg-white/10 text-white"
              }`}
            >
              <span className="sr-only">{mine ? "You" : otherName}: </span>
              {message.body}
              {mine && (
                <span className="ml-2 text-xs opacity-75">
                  <span aria-hidden="true">{message.deliveredAt ? "✓✓" : "✓"}</span>
                  <span className="sr-only">{message.deliveredAt ? " delivered" : " sent"}</span>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="min-h-6 px-4 text-sm text-gold-soft" aria-live="polite">
        {typing ? `${otherName} is typing…` : ""}
      </p>
      {ended ? (
        <p className="border-t border-white/10 p-3 text-sm text-white/60">
          The transcript stays in your session history.
        </p>
      ) : (
        <form onSubmit={submit} className="flex gap-2 border-t border-white/10 p-3">
          <label htmlFor={`chat-${sessionId}`} className="sr-only">
            Message
          </label>
          <textarea
            id={`chat-${sessionId}`}
            rows={2}
            maxLength={2000}
            value={draft}
            disabled={!canSend}
            placeholder={
              canSend ? "Write a message" : (pausedReason ?? "The chat opens when the reading starts")
            }
            className="min-h-11 flex-1 resize-none rounded-xl border border-white/15 bg-night/70 p-3 text-white disabled:opacity-60"
            onChange={(event) => {
              setDraft(event.target.value);
              if (Date.now() - lastTypingSent.current > TYPING_SEND_EVERY_MS) {
                lastTypingSent.current = Date.now();
                live.signal(topic, "typing");
              }
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey) submit(event);
            }}
          />
          <Button type="submit" disabled={!canSend || !draft.trim() || send.isPending}>
            Send
          </Button>
        </form>
      )}
      {send.error && (
        <p className="px-4 pb-3 text-sm text-pink" role="alert">
          {friendlyMessage(send.error)}
        </p>
      )}
    </section>
  );
}
