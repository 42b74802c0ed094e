import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { QueryOf, ResponseOf } from "../../lib/api/types";

export type MyPayouts = ResponseOf<"/api/v1/readers/me/payouts">;
export type Payout = MyPayouts["history"]["items"][number];
export type AdminPayouts = ResponseOf<"/api/v1/admin/payouts">;
export type AdminPayoutFilters = Omit<QueryOf<"/api/v1/admin/payouts">, "cursor" | "limit">;

const PAGE_SIZE = 25;

export const payoutsKeys = {
  all: ["payouts"] as const,
  mine: () => [...payoutsKeys.all, "me"] as const,
  history: () => [...payoutsKeys.all, "me", "history"] as const,
  sandbox: (accountId: string) => [...payoutsKeys.all, "sandbox", accountId] as const,
  admin: (filters: AdminPayoutFilters) => [...payoutsKeys.all, "admin", filters] as const,
};

/** The signed-in reader's payouts: balances by stage, next payout, chart and first page of history. */
export function useMyPayouts() {
  return useQuery({
    queryKey: payoutsKeys.mine(),
    queryFn: () => unwrap(api.GET("/api/v1/readers/me/payouts")),
    refetchInterval: 30_000,
  });
}

/** Older payouts, after the first page the summary carries. */
export function usePayoutHistory(firstCursor: string | null, wanted: boolean) {
  return useInfiniteQuery({
    queryKey: [...payoutsKeys.history(), firstCursor],
    initialPageParam: firstCursor ?? undefined,
    enabled: firstCursor !== null && wanted,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/readers/me/payouts/history", {
          params: { query: { cursor: pageParam, limit: PAGE_SIZE } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Connect (or update) the payout account: the answer is the provider's onboarding address. */
export function useStartOnboarding() {
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/readers/me/payouts/account")),
    onSuccess: (data) => window.location.assign(data.url),
  });
}

export function useSetThreshold() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (thresholdCents: number | null) =>
      unwrap(api.PUT("/api/v1/readers/me/payouts/threshold", { body: { thresholdCents } })),
    onSuccess: () => client.invalidateQueries({ queryKey: payoutsKeys.mine() }),
  });
}

export function useSandboxAccount(accountId: string) {
  return useQuery({
    queryKey: payoutsKeys.sandbox(accountId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/sandbox/connect/{accountId}", { params: { path: { accountId } } })),
  });
}

export function useCompleteSandboxOnboarding(accountId: string) {
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/sandbox/connect/{accountId}/complete", { params: { path: { accountId } } })),
  });
}

/** Every payout for admins, newest first, with filters, totals by status and held readers. */
export function useAdminPayouts(filters: AdminPayoutFilters) {
  return useInfiniteQuery({
    queryKey: payoutsKeys.admin(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/admin/payouts", {
          params: { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export type AdminPayoutAction =
  | { kind: "hold" | "release"; readerUserId: string; reason: string }
  | { kind: "pay-now"; readerUserId: string; reason: string; idempotencyKey: string }
  | { kind: "retry"; payoutId: string; reason: string };

/** Hold, release, pay now or retry, each with a reason (audit-logged on the server). */
export function useAdminPayoutAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (action: AdminPayoutAction) => {
      if (action.kind === "retry")
        return unwrap(
          api.POST("/api/v1/admin/payouts/{payoutId}/retry", {
            params: { path: { payoutId: action.payoutId } },
            body: { reason: action.reason },
          }),
        );
      const path = { readerUserId: action.readerUserId };
      if (action.kind === "pay-now")
        return unwrap(
          api.POST("/api/v1/admin/payouts/readers/{readerUserId}/pay-now", {
            params: { path },
            body: { reason: action.reason, idempotencyKey: action.idempotencyKey },
          }),
        );
      const url =
        action.kind === "hold"
          ? "/api/v1/admin/payouts/readers/{readerUserId}/hold"
          : "/api/v1/admin/payouts/readers/{readerUserId}/release";
      return unwrap(api.POST(url, { params: { path }, body: { reason: action.reason } }));
    },
    onSuccess: () => client.invalidateQueries({ queryKey: payoutsKeys.all }),
  });
}
