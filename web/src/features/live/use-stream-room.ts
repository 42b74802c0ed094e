import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useLiveTopic } from "../../lib/live";
import { appendMessage, removeMessages } from "./live-chat";
import { type BoardEntry, type LiveChatMessage, liveKeys, type Stream, useRoomState } from "./live-queries";

export interface GiftSeen {
  id: string;
  animation: string;
  name: string;
  priceCents: number;
  sender: { userId: string; displayName: string };
}

/**
 * A stream's room as it happens: starts from the room's state (for someone who may watch) and
 * follows `stream:<id>`: chat, removals, gifts, the board, the viewer count and the stream's status
 * (the cached stream is updated, so every part of the page sees it).
 */
export function useStreamRoom(stream: Stream | undefined, myUserId: string | null) {
  const streamId = stream?.id ?? null;
  const canWatch = stream?.access.canWatch ?? false;
  const client = useQueryClient();
  const room = useRoomState(streamId ?? "", streamId !== null && canWatch);
  const [messages, setMessages] = useState<LiveChatMessage[]>([]);
  const [board, setBoard] = useState<BoardEntry[]>([]);
  const [viewerCount, setViewerCount] = useState(0);
  const [gifts, setGifts] = useState<GiftSeen[]>([]);
  const [crisisIds, setCrisisIds] = useState<ReadonlySet<string>>(() => new Set());
  const [myCrisis, setMyCrisis] = useState<string | null>(null);

  useEffect(() => {
    if (!room.data) return;
    setMessages(room.data.chat);
    setBoard(room.data.board);
    setViewerCount(room.data.viewerCount);
  }, [room.data]);

  useLiveTopic(streamId && canWatch ? `stream:${streamId}` : null, (event) => {
    if (!streamId) return;
    if (event.event === "stream.chat") setMessages((current) => appendMessage(current, event.data.message));
    else if (event.event === "stream.chat-removed")
      setMessages((current) => removeMessages(current, event.data.messageIds, event.data.mutedUserId));
    else if (event.event === "stream.board") setBoard(event.data.board);
    else if (event.event === "stream.viewers") setViewerCount(event.data.viewerCount);
    else if (event.event === "stream.gift") setGifts((current) => [...current, event.data.gift].slice(-30));
    else if (event.event === "stream.status")
      client.setQueryData<{ stream: Stream }>(liveKeys.stream(streamId), (current) =>
        current
          ? { stream: { ...current.stream, status: event.data.status, endReason: event.data.endReason } }
          : current,
      );
  });
  useLiveTopic(myUserId ? "user:me" : null, (event) => {
    if (event.event !== "stream.crisis" || event.data.streamId !== streamId) return;
    if (event.data.senderUserId === myUserId) setMyCrisis(event.data.messageId);
    else setCrisisIds((current) => new Set([...current, event.data.messageId]));
  });

  return {
    loading: room.isLoading,
    error: room.error,
    messages,
    board,
    viewerCount,
    gifts,
    crisisIds,
    myCrisis,
    dismissCrisis: () => setMyCrisis(null),
  };
}
