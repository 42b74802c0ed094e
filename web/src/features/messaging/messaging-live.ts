import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useLiveState, useLiveTopic } from "../../lib/live";
import { messagingKeys, patchConversation, type Side, upsertMessage } from "./queries";

/**
 * Keeps every messaging cache current from the user's live events: the open conversation's
 * messages, the conversation lists, read receipts and the unread total (this device and others).
 * Mount it once per signed-in client or reader; after the socket reconnects, everything is
 * fetched again (events may have been missed meanwhile).
 */
export function useMessagingLive(mySide: Side | null) {
  const client = useQueryClient();
  const state = useLiveState();
  const wasOpen = useRef(false);
  useEffect(() => {
    if (state !== "open") return;
    if (wasOpen.current) void client.invalidateQueries({ queryKey: messagingKeys.all });
    wasOpen.current = true;
  }, [state, client]);

  useLiveTopic(mySide ? "user:me" : null, (event) => {
    switch (event.event) {
      case "message.new": {
        const { message, conversationId, unread, unreadTotal } = event.data;
        upsertMessage(client, message);
        client.setQueryData(messagingKeys.unread(), { unreadTotal });
        patchConversation(client, conversationId, (conversation) => ({
          ...conversation,
          lastMessage: message,
          lastMessageAt: message.createdAt,
          unread,
          awaitingReply: message.side !== mySide,
          archived: false,
        }));
        void client.invalidateQueries({ queryKey: messagingKeys.lists() });
        return;
      }
      case "message.updated": {
        const { message, conversationId } = event.data;
        upsertMessage(client, message);
        patchConversation(client, conversationId, (conversation) =>
          conversation.lastMessage?.id === message.id
            ? { ...conversation, lastMessage: message }
            : conversation,
        );
        return;
      }
      case "conversation.read": {
        const { conversationId, side, readAt, unread, unreadTotal } = event.data;
        if (side === mySide) {
          client.setQueryData(messagingKeys.unread(), { unreadTotal });
          patchConversation(client, conversationId, (conversation) => ({ ...conversation, unread }));
        } else {
          patchConversation(client, conversationId, (conversation) => ({
            ...conversation,
            otherReadAt: readAt,
          }));
        }
        return;
      }
      case "conversation.updated": {
        void client.invalidateQueries({ queryKey: messagingKeys.detail(event.data.conversationId) });
        void client.invalidateQueries({ queryKey: messagingKeys.lists() });
        return;
      }
      default:
        return;
    }
  });
}
