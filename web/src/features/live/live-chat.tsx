import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { Button } from "../../components/ui";
import { ApiError, api, friendlyMessage, unwrap } from "../../lib/api/client";
import type { LiveChatMessage } from "./live-queries";

/** Live chat text is at most this long (the server refuses more). */
const MAX_CHARS = 500;
/** The chat shows this many of the latest messages. */
const SHOWN = 200;

/** The chat as the room tells it: appended, deduplicated by id, trimmed to the latest. */
export function appendMessage(messages: LiveChatMessage[], message: LiveChatMessage) {
  if (messages.some((existing) => existing.id === message.id)) return messages;
  return [...messages, message].slice(-SHOWN);
}

/** Removes what the reader deleted, or everything of a viewer they muted. */
export function removeMessages(
  messages: LiveChatMessage[],
  messageIds: string[],
  mutedUserId: string | null,
) {
  const gone = new Set(messageIds);
  return messages.filter((message) => !gone.has(message.id) && message.sender.userId !== mutedUserId);
}

/**
 * A stream's live chat: the messages (plain text), and a box to write in for someone who may
 * chat. The reader gets Delete and Mute beside each viewer's message; a crisis note shows under
 * a viewer's message that spoke of self-harm (`crisisIds`, the reader only).
 */
export function LiveChat({
  streamId,
  messages,
  canWrite,
  signedIn,
  closedReason,
  moderate,
  crisisIds,
}: {
  streamId: string;
  messages: LiveChatMessage[];
  canWrite: boolean;
  signedIn: boolean;
  /** Why the box is closed (not live, muted), when it is. */
  closedReason: string | null;
  moderate?: { remove(messageId: string): void; mute(userId: string, name: string): void };
  crisisIds?: ReadonlySet<string>;
}) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (messages.length > 0) list.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
  }, [messages.length]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const text = body.trim();
    if (!text || sending) return;
    setSending(true);
    setError(null);
    try {
      await unwrap(
        api.POST("/api/v1/streams/{streamId}/chat", { params: { path: { streamId } }, body: { body: text } }),
      );
      setBody("");
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.code === "RATE_LIMITED"
          ? "You are writing quickly: wait a few seconds, then send again."
          : friendlyMessage(failure),
      );
    } finally {
      setSending(false);
    }
  };

  return (
    <section
      aria-labelledby={`chat-${streamId}`}
      className="flex min-h-0 flex-col rounded-2xl border border-white/10 bg-night/60"
    >
      <h2
        id={`chat-${streamId}`}
        className="border-b border-white/10 px-4 py-2 font-body text-lg text-gold-soft"
      >
        Live chat
      </h2>
      <ol
        ref={list}
        aria-label="Live chat messages"
        aria-live="polite"
        className="flex max-h-96 min-h-40 flex-1 flex-col gap-2 overflow-y-auto px-4 py-3 lg:max-h-[28rem]"
      >
        {messages.length === 0 && <li className="text-sm text-white/55">No messages yet. Say hello!</li>}
        {messages.map((message) => (
          <li key={message.id} className="text-sm">
            <span
              className={message.sender.isReader ? "font-semibold text-pink" : "font-semibold text-gold-soft"}
            >
              {message.sender.displayName}
              {message.sender.isReader && <span className="ml-1 text-xs text-pink/80">(reader)</span>}
            </span>{" "}
            <span className="whitespace-pre-wrap break-words text-white/90">{message.body}</span>
            {moderate && !message.sender.isReader && (
              <span className="ml-2 inline-flex gap-2">
                <button
                  type="button"
                  className="text-xs text-white/60 underline hover:text-pink"
                  onClick={() => moderate.remove(message.id)}
                >
                  Delete<span className="sr-only"> message from {message.sender.displayName}</span>
                </button>
                <button
                  type="button"
                  className="text-xs text-white/60 underline hover:text-pink"
                  onClick={() => moderate.mute(message.sender.userId, message.sender.displayName)}
                >
                  Mute<span className="sr-only"> {message.sender.displayName}</span>
                </button>
              </span>
            )}
            {crisisIds?.has(message.id) && (
              <p
                role="note"
                className="mt-1 rounded-lg border border-gold/50 bg-gold/10 px-3 py-2 text-xs text-gold-soft"
              >
                This viewer's message suggests they may be in distress; their app shows crisis lines. Be
                gentle.
              </p>
            )}
          </li>
        ))}
      </ol>
      <div className="border-t border-white/10 p-3">
        {!signedIn ? (
          <p className="text-sm text-white/70">
            <Link to={`/sign-in?next=/live/${streamId}`} className="text-pink underline">
              Sign in to chat
            </Link>{" "}
            and send gifts.
          </p>
        ) : closedReason || !canWrite ? (
          <p className="text-sm text-white/60">{closedReason ?? "The chat is closed."}</p>
        ) : (
          <form onSubmit={send} className="flex flex-col gap-2">
            <label htmlFor={`chat-box-${streamId}`} className="sr-only">
              Chat message
            </label>
            <div className="flex gap-2">
              <input
                id={`chat-box-${streamId}`}
                value={body}
                maxLength={MAX_CHARS}
                onChange={(event) => setBody(event.target.value)}
                placeholder="Say something kind…"
                className="min-h-11 flex-1 rounded-full border border-white/15 bg-night/70 px-4 text-white placeholder:text-white/40 focus:border-pink"
                aria-describedby={`chat-count-${streamId}`}
              />
              <Button type="submit" disabled={sending || body.trim().length === 0}>
                Send
              </Button>
            </div>
            <p id={`chat-count-${streamId}`} className="text-right text-xs text-white/45">
              {body.length}/{MAX_CHARS}
            </p>
            {error && (
              <p role="alert" className="text-sm text-red-300">
                {error}
              </p>
            )}
          </form>
        )}
      </div>
    </section>
  );
}
