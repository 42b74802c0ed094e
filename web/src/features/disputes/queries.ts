import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { QueryOf, ResponseOf } from "../../lib/api/types";

export type AdminDisputes = ResponseOf<"/api/v1/admin/disputes">;
export type AdminDispute = AdminDisputes["items"][number];
export type DisputeStatus = NonNullable<QueryOf<"/api/v1/admin/disputes">["status"]>;

const PAGE_SIZE = 25;

export const disputesKeys = {
  all: ["disputes"] as const,
  admin: (status: DisputeStatus | null) => [...disputesKeys.all, "admin", status ?? "all"] as const,
};

/** Card disputes for admins, newest first (one status or all), with totals by status. */
export function useAdminDisputes(status: DisputeStatus | null) {
  return useInfiniteQuery({
    queryKey: disputesKeys.admin(status),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/admin/disputes", {
          params: { query: { ...(status ? { status } : {}), cursor: pageParam, limit: PAGE_SIZE } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export type DisputeAction = { kind: "won" | "lost" | "unfreeze"; disputeId: string; reason: string };

/** Resolve a dispute won or lost, or unfreeze its client's wallet, each with a reason. */
export function useDisputeAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: DisputeAction) => {
      const path = { disputeId: action.disputeId };
      return unwrap(
        action.kind === "unfreeze"
          ? api.POST("/api/v1/admin/disputes/{disputeId}/unfreeze", {
              params: { path },
              body: { reason: action.reason },
            })
          : api.POST("/api/v1/admin/disputes/{disputeId}/resolve", {
              params: { path },
              body: { outcome: action.kind, reason: action.reason },
            }),
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: disputesKeys.all }),
  });
}

/** Sandbox only: the cardholder disputes one of this user's paid top-ups (a signed event, as Stripe's). */
export function useSandboxDispute() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (topUpId: string) =>
      unwrap(api.POST("/api/v1/admin/sandbox/top-ups/{topUpId}/dispute", { params: { path: { topUpId } } })),
    onSuccess: () => client.invalidateQueries(),
  });
}
