import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import { useLiveTopic } from "../../lib/live";
import { useMe } from "../../lib/session";

export type Modality = "chat" | "voice" | "video";

export const waitlistKeys = {
  all: ["waitlist"] as const,
  mine: () => [...waitlistKeys.all, "mine"] as const,
  readerQueue: () => [...waitlistKeys.all, "reader-queue"] as const,
};

/** Keeps callback lines fresh: any change to a line the user is in (or owns) refetches it. */
function useWaitlistEvents() {
  const client = useQueryClient();
  const { data: me } = useMe();
  useLiveTopic(me ? "user:me" : null, (event) => {
    const waitlistNotice =
      event.event === "notification" && event.data.notification.kind.startsWith("callback-");
    if (event.event === "waitlist.changed" || waitlistNotice)
      void client.invalidateQueries({ queryKey: waitlistKeys.all });
  });
}

/** The signed-in client's callback lines (kept current live). */
export function useMyWaitlist() {
  const { data: me } = useMe();
  useWaitlistEvents();
  return useQuery({
    queryKey: waitlistKeys.mine(),
    queryFn: () => unwrap(api.GET("/api/v1/waitlist")),
    enabled: me?.role === "client",
  });
}

/** The signed-in reader's own line, first in line first (kept current live). */
export function useReaderWaitlist() {
  useWaitlistEvents();
  return useQuery({
    queryKey: waitlistKeys.readerQueue(),
    queryFn: () => unwrap(api.GET("/api/v1/readers/me/waitlist")),
  });
}

export function useJoinWaitlist(readerUserId: string, modality: Modality) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/waitlist", { body: { readerUserId, modality } })),
    onSuccess: () => client.invalidateQueries({ queryKey: waitlistKeys.mine() }),
  });
}

export function useLeaveWaitlist(entryId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/waitlist/{entryId}", { params: { path: { entryId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: waitlistKeys.mine() }),
  });
}
