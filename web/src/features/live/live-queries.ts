import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { BodyOf, ResponseOf } from "../../lib/api/types";
import { walletKeys } from "../wallet/queries";

export type Stream = ResponseOf<"/api/v1/streams/{streamId}">["stream"];
export type RoomState = ResponseOf<"/api/v1/streams/{streamId}/room">;
export type LiveChatMessage = RoomState["chat"][number];
export type BoardEntry = RoomState["board"][number];
export type Gift = ResponseOf<"/api/v1/gifts">["items"][number];
export type StreamSummary = ResponseOf<"/api/v1/streams/{streamId}/summary">;
export type NewStream = BodyOf<"/api/v1/streams", "post">;

export const liveKeys = {
  all: ["live"] as const,
  list: (status: "live" | "scheduled") => [...liveKeys.all, "list", status] as const,
  mine: () => [...liveKeys.all, "mine"] as const,
  stream: (streamId: string) => [...liveKeys.all, "stream", streamId] as const,
  room: (streamId: string) => [...liveKeys.all, "room", streamId] as const,
  summary: (streamId: string) => [...liveKeys.all, "summary", streamId] as const,
  gifts: () => [...liveKeys.all, "gifts"] as const,
  adminGifts: () => [...liveKeys.all, "admin-gifts"] as const,
  onAir: () => [...liveKeys.all, "on-air"] as const,
};

/** A key chosen once per payment (a gift), so a retried request pays once. */
export const paymentKey = () => crypto.randomUUID().replaceAll("-", "");

/** Listed streams: live now, or coming up; refreshed every 30 s. */
export function useStreams(status: "live" | "scheduled", limit = 24) {
  return useQuery({
    queryKey: liveKeys.list(status),
    queryFn: () => unwrap(api.GET("/api/v1/streams", { params: { query: { status, limit } } })),
    refetchInterval: 30_000,
  });
}

export function useStream(streamId: string) {
  return useQuery({
    queryKey: liveKeys.stream(streamId),
    queryFn: () => unwrap(api.GET("/api/v1/streams/{streamId}", { params: { path: { streamId } } })),
    retry: false,
  });
}

/** The room's state on arrival (only for someone who may watch). */
export function useRoomState(streamId: string, enabled: boolean) {
  return useQuery({
    queryKey: liveKeys.room(streamId),
    queryFn: () => unwrap(api.GET("/api/v1/streams/{streamId}/room", { params: { path: { streamId } } })),
    enabled,
    retry: false,
  });
}

export function useGifts() {
  return useQuery({
    queryKey: liveKeys.gifts(),
    queryFn: () => unwrap(api.GET("/api/v1/gifts")),
    staleTime: 5 * 60_000,
  });
}

export function useMyStreams() {
  return useQuery({ queryKey: liveKeys.mine(), queryFn: () => unwrap(api.GET("/api/v1/streams/mine")) });
}

export function useStreamSummary(streamId: string, enabled: boolean) {
  return useQuery({
    queryKey: liveKeys.summary(streamId),
    queryFn: () => unwrap(api.GET("/api/v1/streams/{streamId}/summary", { params: { path: { streamId } } })),
    enabled,
  });
}

export function useCreateStream() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewStream) => unwrap(api.POST("/api/v1/streams", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: liveKeys.all }),
  });
}

/** Go live, end (or cancel): the answer is the stream as it is now. */
export function useStreamAction(streamId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: "start" | "end") =>
      unwrap(
        action === "start"
          ? api.POST("/api/v1/streams/{streamId}/start", { params: { path: { streamId } } })
          : api.POST("/api/v1/streams/{streamId}/end", { params: { path: { streamId } } }),
      ),
    onSuccess: (answer) => {
      client.setQueryData(liveKeys.stream(streamId), answer);
      void client.invalidateQueries({ queryKey: liveKeys.mine() });
    },
  });
}

export function useBuyTicket(streamId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/streams/{streamId}/ticket", { params: { path: { streamId } } })),
    onSuccess: (answer) => {
      client.setQueryData(liveKeys.stream(streamId), { stream: answer.stream });
      void client.invalidateQueries({ queryKey: walletKeys.all });
    },
  });
}

export function useSendGift(streamId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (giftId: string) =>
      unwrap(
        api.POST("/api/v1/streams/{streamId}/gifts", {
          params: { path: { streamId } },
          body: { giftId, idempotencyKey: paymentKey() },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: walletKeys.all }),
  });
}

export function useReminder(streamId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) =>
      unwrap(
        api.PUT("/api/v1/streams/{streamId}/reminder", { params: { path: { streamId } }, body: { on } }),
      ),
    onSuccess: (answer) => client.setQueryData(liveKeys.stream(streamId), answer),
  });
}

export function useInvite(streamId: string) {
  return useMutation({
    mutationFn: (clientUserIds: string[]) =>
      unwrap(
        api.POST("/api/v1/streams/{streamId}/invitations", {
          params: { path: { streamId } },
          body: { clientUserIds },
        }),
      ),
  });
}

/** The reader's moderation of the chat: delete a message, or mute its writer for the stream. */
export function useModeration(streamId: string) {
  return useMutation({
    mutationFn: (action: { kind: "delete"; messageId: string } | { kind: "mute"; userId: string }) =>
      unwrap(
        action.kind === "delete"
          ? api.DELETE("/api/v1/streams/{streamId}/chat/{messageId}", {
              params: { path: { streamId, messageId: action.messageId } },
            })
          : api.POST("/api/v1/streams/{streamId}/mutes", {
              params: { path: { streamId } },
              body: { userId: action.userId },
            }),
      ),
  });
}
