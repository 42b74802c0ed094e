import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { Alert, Spinner } from "../../components/ui";
import { ApiError, friendlyMessage } from "../../lib/api/client";
import { useLiveTopic } from "../../lib/live";
import type { User } from "../../lib/session";
import { guessCountry } from "../safety/crisis-lines";
import { CrisisPanel } from "../safety/crisis-panel";
import { ClientHistoryPanel } from "./client-history";
import { Composer } from "./composer";
import { ConversationActions } from "./conversation-actions";
import { initialsOf, lastWhere } from "./format";
import { Thread } from "./message-thread";
import {
  type Conversation,
  messagingKeys,
  type Side,
  useConversation,
  useConversationMessages,
} from "./queries";

const CRISIS_DISMISSED = "soulseer.messaging.crisis-dismissed.";

function crisisDismissed(messageId: string) {
  try {
    return sessionStorage.getItem(CRISIS_DISMISSED + messageId) === "1";
  } catch {
    return false;
  }
}

function dismissCrisis(messageId: string) {
  try {
    sessionStorage.setItem(CRISIS_DISMISSED + messageId, "1");
  } catch {
    // Storage off: dismissed for this view only.
  }
}

/** One conversation: its header and menu, the reader's client history, the messages and the composer. */
export function ConversationView({
  conversationId,
  me,
  mySide,
}: {
  conversationId: string;
  me: User;
  mySide: Side;
}) {
  const conversation = useConversation(conversationId);
  if (conversation.isLoading)
    return (
      <div className="card p-6">
        <Spinner label="Opening the conversation" />
      </div>
    );
  if (conversation.error || !conversation.data) {
    // A malformed id (400) is as missing as an unknown one (404).
    const missing =
      conversation.error instanceof ApiError &&
      (conversation.error.status === 404 || conversation.error.status === 400);
    return (
      <div className="card flex flex-col gap-4 p-6">
        <Alert>
          {missing
            ? "This conversation does not exist, or it is not one of yours."
            : friendlyMessage(conversation.error)}
        </Alert>
        <Link to="/messages" className="text-pink underline">
          Back to your messages
        </Link>
      </div>
    );
  }
  return <OpenConversation conversation={conversation.data} me={me} mySide={mySide} />;
}

function OpenConversation({
  conversation,
  me,
  mySide,
}: {
  conversation: Conversation;
  me: User;
  mySide: Side;
}) {
  const client = useQueryClient();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const [notice, setNotice] = useState<{ text: string; kind: "success" | "error" } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const messages = useConversationMessages(conversation.id);
  const name = conversation.otherName;
  const reader = mySide === "reader";

  // A new page for screen readers and keyboards: start at the conversation's name.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);

  // Their new message while this is open (and shown): fetching the latest page marks it read.
  useLiveTopic("user:me", (event) => {
    if (event.event !== "message.new" || event.data.conversationId !== conversation.id) return;
    if (event.data.message.side === mySide) return;
    setAnnouncement(`New message from ${name}`);
    if (document.visibilityState === "visible")
      void client.invalidateQueries({ queryKey: messagingKeys.messages(conversation.id) });
  });
  const unread = conversation.unread;
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible" && unread > 0)
        void client.invalidateQueries({ queryKey: messagingKeys.messages(conversation.id) });
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [client, conversation.id, unread]);

  const items = [...(messages.data?.pages ?? [])].reverse().flatMap((page) => page.items);
  const crisis = !reader
    ? lastWhere(
        items,
        (message) =>
          message.side === "client" &&
          message.crisis &&
          !dismissed.has(message.id) &&
          !crisisDismissed(message.id),
      )
    : undefined;
  const blockedReason = conversation.blocked
    ? conversation.blockedByYou
      ? `You blocked ${name}, so no messages can be sent. Unblock them from the ⋯ menu to write again.`
      : `This conversation is closed: ${name} cannot be written to here.`
    : null;

  return (
    <div
      className={`grid min-w-0 items-start gap-6 ${reader ? "min-[75rem]:grid-cols-[minmax(0,1fr)_16rem]" : ""}`}
    >
      <section aria-labelledby={headingId} className="card flex min-w-0 flex-col">
        <header className="flex items-center gap-3 border-b border-white/10 px-3 py-3 sm:px-5">
          <span
            aria-hidden="true"
            className="inline-flex size-11 shrink-0 items-center justify-center rounded-full border border-gold/60 bg-gradient-to-br from-pink/40 to-veil text-sm font-semibold text-gold-soft"
          >
            {initialsOf(name)}
          </span>
          <div className="min-w-0 flex-1">
            <h2
              id={headingId}
              ref={heading}
              tabIndex={-1}
              className="truncate text-4xl leading-tight text-pink"
            >
              {name}
            </h2>
            <p className="flex flex-wrap gap-x-2 text-xs text-white/60">
              {reader ? "Your client" : "Your reader"}
              {!reader && conversation.readerSlug && (
                <Link to={`/readers/${conversation.readerSlug}`} className="text-pink underline">
                  View profile
                </Link>
              )}
              {conversation.archived && <span className="text-gold-soft">· Archived</span>}
              {conversation.blocked && <span className="text-gold-soft">· Blocked</span>}
            </p>
          </div>
          <ConversationActions
            conversation={conversation}
            onNotice={(text, kind = "success") => setNotice({ text, kind })}
          />
        </header>
        {notice && (
          <div className="border-b border-white/10 px-3 py-3 sm:px-5">
            <Alert kind={notice.kind}>{notice.text}</Alert>
          </div>
        )}
        {reader && (
          <div className="min-[75rem]:hidden">
            <ClientHistoryPanel conversationId={conversation.id} clientName={name} collapsible />
          </div>
        )}
        <Thread messagesQuery={messages} items={items} conversation={conversation} mySide={mySide} />
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
        {crisis && (
          <div className="px-3 pb-3 sm:px-5">
            <CrisisPanel
              country={me.country ?? guessCountry()}
              onDismiss={() => {
                dismissCrisis(crisis.id);
                setDismissed((current) => new Set([...current, crisis.id]));
                input.current?.focus();
              }}
            />
          </div>
        )}
        <Composer
          conversationId={conversation.id}
          mySide={mySide}
          otherName={name}
          blockedReason={blockedReason}
          inputRef={input}
          onSent={() => setNotice(null)}
        />
      </section>
      {reader && (
        <aside className="hidden min-[75rem]:block min-[75rem]:sticky min-[75rem]:top-24">
          <ClientHistoryPanel conversationId={conversation.id} clientName={name} collapsible={false} />
        </aside>
      )}
    </div>
  );
}
