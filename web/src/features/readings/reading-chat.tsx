import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Button, TextArea } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { live, useLiveTopic } from "../../lib/live";
import { guessCountry } from "../safety/crisis-lines";
import { CrisisPanel, ReaderCrisisNote } from "../safety/crisis-panel";
import {
  type ChatMessage as Message,
  readingKeys,
  type Transcript,
  useConfirmDelivered,
  useReadingMessages,
  useSendMessage,
} from "./queries";

/** Shown at once, before the server stores it; replaced by the stored message (same clientMessageId). */
const LOCAL_ID = "local:";
const TYPING_SHOW_MS = 3_000;
const TYPING_SEND_EVERY_MS = 2_000;
/** What the server puts where it hid an email address, a phone number or a link (both sides see it). */
const HIDDEN_CONTACT = ["[email hidden]", "[number hidden]", "[link hidden]"];
const hidesContact = (body: string) => HIDDEN_CONTACT.some((marker) => body.includes(marker));

/** My messages up to `upTo` (in the order shown) are delivered; null when `upTo` is not loaded. */
function markDelivered(current: Transcript, myUserId: string, upTo: string, at: string) {
  const last = current.items.findIndex((item) => item.id === upTo);
  if (last === -1) return null;
  const items = current.items.map((item, index) =>
    index <= last && item.senderUserId === myUserId && !item.deliveredAt && !item.id.startsWith(LOCAL_ID)
      ? { ...item, deliveredAt: at }
      : item,
  );
  return { ...current, items };
}

function newMessageId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
}

const CLOSED_CRISIS_KEY = (readingId: string) => `soulseer.crisis-closed.${readingId}`;

/** The flagged messages whose support lines the client closed in this tab (they stay closed on reload). */
function closedCrisis(readingId: string): Set<string> {
  try {
    const stored = JSON.parse(sessionStorage.getItem(CLOSED_CRISIS_KEY(readingId)) ?? "[]");
    return new Set(Array.isArray(stored) ? stored.filter((id) => typeof id === "string") : []);
  } catch {
    return new Set();
  }
}

function rememberClosedCrisis(readingId: string, messageId: string) {
  try {
    const closed = closedCrisis(readingId).add(messageId);
    sessionStorage.setItem(CLOSED_CRISIS_KEY(readingId), JSON.stringify([...closed]));
  } catch {
    // Storage off (private mode): the lines may show again after a reload.
  }
}

/**
 * The chat of a reading: live messages, the other side typing, and delivery ticks. `canSend` is
 * false while the reading is not running (a paused reading is not a free one). When the client's
 * message suggests self-harm (`reading.crisis`), the client sees support lines here and the reader
 * a note under that message.
 */
export function ReadingChat({
  readingId,
  myUserId,
  myCountry,
  otherName,
  canSend,
  pausedReason,
  ended = false,
}: {
  readingId: string;
  myUserId: string;
  /** The signed-in user's country from their profile (null: not set), for the support lines. */
  myCountry: string | null;
  otherName: string;
  canSend: boolean;
  pausedReason: string | null;
  /** The reading is over: the transcript only. */
  ended?: boolean;
}) {
  const client = useQueryClient();
  const key = readingKeys.messages(readingId);
  const messages = useReadingMessages(readingId);
  const [draft, setDraft] = useState("");
  const [otherTypingAt, setOtherTypingAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const lastTypingSent = useRef(0);
  const listRef = useRef<HTMLOListElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // The client: the message that brought up the support lines (null: not shown, or dismissed).
  const [crisisFor, setCrisisFor] = useState<string | null>(null);
  // The reader: the client's messages that suggest a crisis, each with a note under it.
  const [crisisMessages, setCrisisMessages] = useState<ReadonlySet<string>>(() => new Set());
  const topic = `reading:${readingId}`;

  const upsert = (message: Message) =>
    client.setQueryData<Transcript>(key, (current) => {
      const items = current?.items ?? [];
      const index = items.findIndex(
        (item) => item.id === message.id || item.clientMessageId === message.clientMessageId,
      );
      const next =
        index === -1 ? [...items, message] : items.map((item, at) => (at === index ? message : item));
      return { ...current, items: next, complete: current?.complete ?? true };
    });

  const confirmDelivery = useConfirmDelivered(readingId);

  useLiveTopic(topic, (event) => {
    if (event.event === "reading.message") {
      const { message } = event.data;
      upsert(message);
      if (message.senderUserId !== myUserId) {
        setOtherTypingAt(0);
        confirmDelivery.mutate(message.id);
      }
    } else if (event.event === "reading.delivered" && event.data.by !== myUserId) {
      const { upTo, at } = event.data;
      const current = client.getQueryData<Transcript>(key);
      const next = current ? markDelivered(current, myUserId, upTo, at) : null;
      // Ticked in place; only a receipt for a message not loaded here reloads the transcript.
      if (next) client.setQueryData<Transcript>(key, next);
      else void client.invalidateQueries({ queryKey: key });
    } else if (event.event === "signal" && event.data.kind === "typing" && event.data.from !== myUserId) {
      setOtherTypingAt(Date.now());
    } else if (event.event === "reading.crisis") {
      const { messageId, clientUserId } = event.data;
      // Already open: it stays as it is (its heading does not take focus again).
      if (clientUserId === myUserId) setCrisisFor((current) => current ?? messageId);
      else setCrisisMessages((current) => new Set(current).add(messageId));
    }
  });

  // After a reload (or on another device) the transcript names the client's flagged messages again:
  // the client sees the support lines unless they closed them for that message in this tab, the
  // reader the notes.
  const flagged = messages.data?.crisisMessageIds ?? [];
  const flaggedKey = flagged.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the flagged ids change (flaggedKey)
  useEffect(() => {
    if (flagged.length === 0) return;
    const mine = messages.data?.items.some(
      (item) => flagged.includes(item.id) && item.senderUserId === myUserId,
    );
    if (mine) {
      const closed = closedCrisis(readingId);
      const open = flagged.filter((id) => !closed.has(id)).at(-1);
      if (open) setCrisisFor((current) => current ?? open);
    } else setCrisisMessages((current) => new Set([...current, ...flagged]));
  }, [flaggedKey]);

  /** The support lines closed: back to the message box (or the chat, when there is none to type in). */
  const dismissCrisis = () => {
    if (crisisFor) rememberClosedCrisis(readingId, crisisFor);
    setCrisisFor(null);
    const composer = formRef.current?.querySelector("textarea");
    if (composer && !composer.disabled) composer.focus();
    else sectionRef.current?.focus();
  };

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const count = messages.data?.items.length ?? 0;
  useEffect(() => {
    if (count > 0) listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [count]);

  // Messages of mine the server has not stored (yet): failed ones offer a retry with the same id.
  const [failed, setFailed] = useState<ReadonlySet<string>>(() => new Set());
  const markFailed = (clientMessageId: string, value: boolean) =>
    setFailed((current) => {
      const next = new Set(current);
      if (value) next.add(clientMessageId);
      else next.delete(clientMessageId);
      return next;
    });
  const send = useSendMessage(readingId, {
    onMutate: (input) => {
      markFailed(input.clientMessageId, false);
      upsert({
        id: `${LOCAL_ID}${input.clientMessageId}`,
        readingId,
        senderUserId: myUserId,
        clientMessageId: input.clientMessageId,
        body: input.body,
        createdAt: new Date().toISOString(),
        deliveredAt: null,
      });
    },
    onSuccess: (message) => upsert(message),
    onError: (_error, input) => markFailed(input.clientMessageId, true),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = draft.trim();
    if (!body || !canSend) return;
    send.mutate({ clientMessageId: newMessageId(), body });
    setDraft("");
  };
  const retry = (message: Message) =>
    send.mutate({ clientMessageId: message.clientMessageId, body: message.body });
  const typing = now - otherTypingAt < TYPING_SHOW_MS;
  return (
    <section
      ref={sectionRef}
      tabIndex={-1}
      aria-label="Chat"
      className="flex min-h-[22rem] flex-col rounded-2xl border border-white/10 bg-black/30"
    >
      {crisisFor && (
        <div className="border-b border-white/10 p-3 sm:p-4">
          <CrisisPanel country={myCountry ?? guessCountry()} onDismiss={dismissCrisis} />
        </div>
      )}
      <ol
        ref={listRef}
        className="flex max-h-[55vh] flex-1 flex-col gap-2 overflow-y-auto p-4"
        aria-live="polite"
      >
        {messages.isLoading && <li className="text-white/60">Loading the conversation…</li>}
        {messages.isSuccess && count === 0 && (
          <li className="m-auto text-center text-white/60">
            {canSend
              ? "Say hello — your reading has started."
              : ended
                ? "No messages were sent."
                : "No messages yet."}
          </li>
        )}
        {messages.data?.items.map((message) => {
          const mine = message.senderUserId === myUserId;
          const local = message.id.startsWith(LOCAL_ID);
          const notSent = local && failed.has(message.clientMessageId);
          return (
            <li
              key={message.id}
              className={`max-w-[80%] whitespace-pre-wrap break-words rounded-2xl px-4 py-2 ${
                mine ? "self-end bg-pink/85 text-night" : "self-start bg-white/10 text-white"
              }`}
            >
              <span className="sr-only">{mine ? "You" : otherName}: </span>
              {message.body}
              {mine && !local && (
                <span className="ml-2 text-xs opacity-75">
                  <span aria-hidden="true">{message.deliveredAt ? "✓✓" : "✓"}</span>
                  <span className="sr-only">{message.deliveredAt ? " delivered" : " sent"}</span>
                </span>
              )}
              {local && !notSent && <span className="ml-2 text-xs opacity-75">sending…</span>}
              {notSent && (
                <span className="ml-2 text-xs">
                  not sent ·{" "}
                  <button
                    type="button"
                    className="underline"
                    disabled={!canSend}
                    onClick={() => retry(message)}
                  >
                    Retry
                  </button>
                </span>
              )}
              {hidesContact(message.body) && (
                <span className="mt-1 block text-xs opacity-80">
                  Contact details are hidden: please keep readings on SoulSeer.
                </span>
              )}
              {!mine && crisisMessages.has(message.id) && (
                <div className="mt-2 whitespace-normal">
                  <ReaderCrisisNote />
                </div>
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
          The transcript stays in your reading history.
        </p>
      ) : (
        <form ref={formRef} onSubmit={submit} className="flex gap-2 border-t border-white/10 p-3">
          <TextArea
            label="Message"
            hideLabel
            className="flex-1"
            controlClassName="min-h-11 resize-none"
            rows={2}
            maxLength={2000}
            value={draft}
            disabled={!canSend}
            placeholder={
              canSend ? "Write a message" : (pausedReason ?? "The chat opens when the reading starts")
            }
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
