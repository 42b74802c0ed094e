import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { BodyOf } from "../../lib/api/types";

export type Application = BodyOf<"/api/v1/reader-applications", "post">;

export const applicationKeys = {
  all: ["reader-applications"] as const,
  mine: () => [...applicationKeys.all, "mine"] as const,
  pending: () => [...applicationKeys.all, "pending"] as const,
};

/** The signed-in user's applications to become a reader, newest first. */
export function useMyApplications() {
  return useQuery({
    queryKey: applicationKeys.mine(),
    queryFn: () => unwrap(api.GET("/api/v1/reader-applications/mine")),
  });
}

export function useApply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Application) => unwrap(api.POST("/api/v1/reader-applications", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: applicationKeys.mine() }),
  });
}

/** For admins: the applications waiting for a decision. */
export function usePendingApplications() {
  return useQuery({
    queryKey: applicationKeys.pending(),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/admin/reader-applications", { params: { query: { status: "pending", limit: 50 } } }),
      ),
  });
}

export function useApproveApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (applicationId: string) =>
      unwrap(
        api.POST("/api/v1/admin/reader-applications/{applicationId}/approve", {
          params: { path: { applicationId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: applicationKeys.pending() }),
  });
}

export function useRejectApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { applicationId: string; reason: string }) =>
      unwrap(
        api.POST("/api/v1/admin/reader-applications/{applicationId}/reject", {
          params: { path: { applicationId: input.applicationId } },
          body: { reason: input.reason },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: applicationKeys.pending() }),
  });
}
