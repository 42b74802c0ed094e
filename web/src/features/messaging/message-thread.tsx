import { useLayoutEffect, useRef } from "react";
import { Alert, Button, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { dayLabel, lastWhere, sameDay } from "./format";
import { MessageItem } from "./message-item";
import type { Conversation, Message, Side, useConversationMessages } from "./queries";

/**
 * The messages, oldest first, with a day heading where the day changes; "Load earlier messages"
 * while older pages exist, and "Seen" / "Sent" under my latest message.
 */
export function Thread({
  messagesQuery,
  items,
  conversation,
  mySide,
}: {
  messagesQuery: ReturnType<typeof useConversationMessages>;
  items: Message[];
  conversation: Conversation;
  mySide: Side;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const lastId = items.at(-1)?.id;
  // Opened, or a new message at the end: show the end (loading earlier ones keeps the place).
  useLayoutEffect(() => {
    if (lastId && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [lastId]);
  const myLast = lastWhere(items, (message) => message.side === mySide);
  const seen =
    myLast !== undefined &&
    conversation.otherReadAt !== null &&
    Date.parse(conversation.otherReadAt) >= Date.parse(myLast.createdAt);
  return (
    <div
      ref={scroller}
      className="flex max-h-[60dvh] min-h-72 flex-col overflow-y-auto px-3 py-4 sm:px-5 lg:max-h-[calc(100dvh-25rem)]"
    >
      {messagesQuery.hasNextPage && (
        <Button
          variant="ghost"
          className="mb-4 self-center text-sm"
          disabled={messagesQuery.isFetchingNextPage}
          onClick={() => messagesQuery.fetchNextPage()}
        >
          {messagesQuery.isFetchingNextPage ? "Loading…" : "Load earlier messages"}
        </Button>
      )}
      {messagesQuery.isLoading && <Spinner label="Loading messages" />}
      {messagesQuery.error && (
        <Alert>
          {friendlyMessage(messagesQuery.error)}{" "}
          <button type="button" className="underline" onClick={() => messagesQuery.refetch()}>
            Try again
          </button>
        </Alert>
      )}
      {messagesQuery.isSuccess && items.length === 0 && (
        <p className="m-auto max-w-sm py-8 text-center text-white/65">
          {mySide === "client"
            ? `Say hello to ${conversation.otherName}: ask your question, share what is on your mind. Writing is free.`
            : `No messages yet. Write to ${conversation.otherName} below.`}
        </p>
      )}
      {items.length > 0 && (
        <ol aria-label={`Messages with ${conversation.otherName}`} className="mt-auto flex flex-col gap-3">
          {items.map((message, index) => {
            const previous = items[index - 1];
            const newDay = !previous || !sameDay(previous.createdAt, message.createdAt);
            return [
              newDay && (
                <li
                  key={`day-${message.id}`}
                  className="my-1 text-center text-xs uppercase tracking-widest text-white/45"
                >
                  {dayLabel(message.createdAt)}
                </li>
              ),
              <MessageItem
                key={message.id}
                message={message}
                mySide={mySide}
                otherName={conversation.otherName}
                seen={message.id === myLast?.id ? seen : null}
                blocked={conversation.blocked}
              />,
            ];
          })}
        </ol>
      )}
    </div>
  );
}
