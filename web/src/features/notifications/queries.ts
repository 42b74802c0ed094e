import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";

export const notificationKeys = {
  all: ["notifications"] as const,
  latest: () => [...notificationKeys.all, "latest"] as const,
};

/** The latest notifications and the unread count. */
export function useLatestNotifications() {
  return useQuery({
    queryKey: notificationKeys.latest(),
    queryFn: () => unwrap(api.GET("/api/v1/notifications", { params: { query: { limit: 10 } } })),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/notifications/read", { body: {} })),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
