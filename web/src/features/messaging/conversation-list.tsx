import { type KeyboardEvent, useId } from "react";
import { Link } from "react-router";
import { Alert, EmptyState, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { initialsOf, lastMessageSummary, shortWhen } from "./format";
import { type Conversation, type ConversationFilter, type Side, useConversations } from "./queries";

const READER_FILTERS: readonly { filter: ConversationFilter; label: string }[] = [
  { filter: "unanswered", label: "Waiting on you" },
  { filter: "all", label: "All" },
  { filter: "archived", label: "Archived" },
];
const CLIENT_FILTERS: readonly { filter: ConversationFilter; label: string }[] = [
  { filter: "all", label: "All" },
  { filter: "archived", label: "Archived" },
];

/** The conversations of one filter as tabs (readers: waiting on you, all, archived; clients: all, archived). */
export function ConversationList({
  mySide,
  filter,
  onFilter,
  selectedId,
  linkSearch,
}: {
  mySide: Side;
  filter: ConversationFilter;
  onFilter: (filter: ConversationFilter) => void;
  selectedId: string | null;
  /** The query string the conversation links keep (the filter). */
  linkSearch: string;
}) {
  const id = useId();
  const filters = mySide === "reader" ? READER_FILTERS : CLIENT_FILTERS;
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    const at = filters.findIndex((entry) => entry.filter === filter);
    const step = event.key === "ArrowRight" ? 1 : -1;
    const next = filters[(at + step + filters.length) % filters.length];
    if (!next) return;
    onFilter(next.filter);
    document.getElementById(`${id}-tab-${next.filter}`)?.focus();
  };
  return (
    <div className="flex flex-col">
      <div role="tablist" aria-label="Show conversations" className="mb-4 flex gap-2" onKeyDown={onTabKey}>
        {filters.map((entry) => (
          <button
            key={entry.filter}
            id={`${id}-tab-${entry.filter}`}
            type="button"
            role="tab"
            aria-selected={filter === entry.filter}
            aria-controls={`${id}-panel`}
            tabIndex={filter === entry.filter ? 0 : -1}
            onClick={() => onFilter(entry.filter)}
            className="min-h-11 whitespace-nowrap rounded-full border border-pink/50 px-4 text-sm text-pink aria-selected:bg-pink aria-selected:font-semibold aria-selected:text-night"
          >
            {entry.label}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${filter}`}>
        <Conversations mySide={mySide} filter={filter} selectedId={selectedId} linkSearch={linkSearch} />
      </div>
    </div>
  );
}

function Conversations({
  mySide,
  filter,
  selectedId,
  linkSearch,
}: {
  mySide: Side;
  filter: ConversationFilter;
  selectedId: string | null;
  linkSearch: string;
}) {
  const conversations = useConversations(filter);
  if (conversations.isLoading) return <Spinner label="Loading your conversations" />;
  if (conversations.error)
    return (
      <Alert>
        {friendlyMessage(conversations.error)}{" "}
        <button type="button" className="underline" onClick={() => conversations.refetch()}>
          Try again
        </button>
      </Alert>
    );
  const items = conversations.data?.items ?? [];
  if (items.length === 0) return <Empty mySide={mySide} filter={filter} />;
  return (
    <ul className="-mx-2 flex flex-col gap-1">
      {items.map((conversation) => (
        <ConversationRow
          key={conversation.id}
          conversation={conversation}
          mySide={mySide}
          selected={conversation.id === selectedId}
          to={`/messages/${conversation.id}${linkSearch}`}
        />
      ))}
    </ul>
  );
}

function ConversationRow({
  conversation,
  mySide,
  selected,
  to,
}: {
  conversation: Conversation;
  mySide: Side;
  selected: boolean;
  to: string;
}) {
  const unread = conversation.unread;
  const when = conversation.lastMessageAt ?? conversation.createdAt;
  return (
    <li>
      <Link
        to={to}
        aria-current={selected ? "page" : undefined}
        className={`flex items-start gap-3 rounded-xl border px-3 py-3 transition hover:border-pink/40 hover:bg-pink/5 ${
          selected ? "border-pink/60 bg-pink/10" : "border-transparent"
        }`}
      >
        <span
          aria-hidden="true"
          className="inline-flex size-11 shrink-0 items-center justify-center rounded-full border border-gold/60 bg-gradient-to-br from-pink/40 to-veil text-sm font-semibold text-gold-soft"
        >
          {initialsOf(conversation.otherName)}
        </span>
        <span className="flex min-w-0 flex-1 flex-col">
          <span className="flex items-baseline justify-between gap-2">
            <span className={`truncate text-lg ${unread > 0 ? "font-bold text-white" : "font-semibold"}`}>
              {conversation.otherName}
            </span>
            <time dateTime={when} className="shrink-0 text-xs text-white/60">
              {shortWhen(when)}
            </time>
          </span>
          <span className="flex items-center justify-between gap-2">
            <span className={`truncate text-sm ${unread > 0 ? "text-white" : "text-white/65"}`}>
              {lastMessageSummary(conversation, mySide)}
            </span>
            {unread > 0 && (
              <span className="min-w-6 shrink-0 rounded-full bg-pink px-2 text-center text-xs font-bold text-night">
                {unread > 99 ? "99+" : unread}
                <span className="sr-only"> unread</span>
              </span>
            )}
          </span>
          {(conversation.awaitingReply && mySide === "reader") || conversation.blocked ? (
            <span className="mt-1 flex flex-wrap gap-1">
              {conversation.awaitingReply && mySide === "reader" && !conversation.blocked && (
                <span className="rounded-full border border-gold/60 bg-gold/10 px-2 text-xs text-gold-soft">
                  Waiting on you
                </span>
              )}
              {conversation.blocked && (
                <span className="rounded-full border border-white/30 px-2 text-xs text-white/70">
                  Blocked
                </span>
              )}
            </span>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

function Empty({ mySide, filter }: { mySide: Side; filter: ConversationFilter }) {
  if (filter === "archived")
    return (
      <EmptyState>
        Nothing archived. Archive a conversation from its ⋯ menu to tidy your list; a new message brings it
        back.
      </EmptyState>
    );
  if (filter === "unanswered")
    return <EmptyState>You are all caught up: no client is waiting on an answer.</EmptyState>;
  if (mySide === "reader")
    return (
      <EmptyState>
        No messages yet. When a client writes to you, the conversation appears here.{" "}
        <Link to="/reader" className="text-pink underline">
          Go to your dashboard
        </Link>
      </EmptyState>
    );
  return (
    <EmptyState>
      No messages yet.{" "}
      <Link to="/readers" className="text-pink underline">
        Find a reader
      </Link>{" "}
      and press Message on their page. Writing to a reader is always free.
    </EmptyState>
  );
}
