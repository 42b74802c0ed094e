import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { QueryOf } from "../../lib/api/types";

export type TransactionKind = NonNullable<QueryOf<"/api/v1/wallet/transactions">["kind"]>;
export type LimitPeriod = "daily" | "weekly" | "monthly";

export const walletKeys = {
  /** Everything about the signed-in user's wallet: invalidate it after anything that moves money. */
  all: ["wallet"] as const,
  summary: () => [...walletKeys.all, "summary"] as const,
  history: (kind: TransactionKind | null) => [...walletKeys.all, "history", kind] as const,
  limits: () => [...walletKeys.all, "limits"] as const,
  topUp: (topUpId: string) => [...walletKeys.all, "top-up", topUpId] as const,
  sandboxCheckout: (checkoutId: string) => [...walletKeys.all, "sandbox-checkout", checkoutId] as const,
};

/** Balance and top-up bounds; `refetchIntervalMs` keeps it current while money is moving. */
export function useWallet({
  enabled = true,
  refetchIntervalMs,
}: {
  enabled?: boolean;
  refetchIntervalMs?: number;
} = {}) {
  return useQuery({
    queryKey: walletKeys.summary(),
    queryFn: () => unwrap(api.GET("/api/v1/wallet")),
    enabled,
    refetchInterval: refetchIntervalMs,
  });
}

export function useWalletHistory(kind: TransactionKind | null) {
  return useInfiniteQuery({
    queryKey: walletKeys.history(kind),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/wallet/transactions", {
          params: { query: { cursor: pageParam, limit: 20, kind: kind ?? undefined } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Starts a card top-up; the answer carries the checkout page to send the client to. */
export function useStartTopUp() {
  return useMutation({
    mutationFn: (amountCents: number) =>
      unwrap(api.POST("/api/v1/wallet/top-ups", { body: { amountCents } })),
  });
}

/** A top-up's status, polled while the card processor has not answered. */
export function useTopUp(topUpId: string) {
  return useQuery({
    queryKey: walletKeys.topUp(topUpId),
    queryFn: () => unwrap(api.GET("/api/v1/wallet/top-ups/{topUpId}", { params: { path: { topUpId } } })),
    refetchInterval: (query) => {
      const status = query.state.data?.topUp.status;
      return status === "pending" || status === "requires_action" ? 1_500 : false;
    },
  });
}

export function useSpendingLimits() {
  return useQuery({ queryKey: walletKeys.limits(), queryFn: () => unwrap(api.GET("/api/v1/wallet/limits")) });
}

export function useSetSpendingLimit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { period: LimitPeriod; limitCents: number | null }) =>
      unwrap(
        api.PUT("/api/v1/wallet/limits/{period}", {
          params: { path: { period: input.period } },
          body: { limitCents: input.limitCents },
        }),
      ),
    onSuccess: (data) => client.setQueryData(walletKeys.limits(), data),
  });
}

/** The built-in sandbox's stand-in for the card processor's hosted checkout. */
export function useSandboxCheckout(checkoutId: string) {
  return useQuery({
    queryKey: walletKeys.sandboxCheckout(checkoutId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/sandbox/checkout/{checkoutId}", { params: { path: { checkoutId } } })),
  });
}

export function useCompleteSandboxCheckout(checkoutId: string) {
  return useMutation({
    mutationFn: (outcome: "pay" | "decline") =>
      unwrap(
        api.POST("/api/v1/sandbox/checkout/{checkoutId}/complete", {
          params: { path: { checkoutId } },
          body: { outcome },
        }),
      ),
  });
}

/** Sends the balance back to the card(s) it came from; one key per confirmation, so a double click refunds once. */
export function useRefundToCard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (idempotencyKey: string) =>
      unwrap(api.POST("/api/v1/wallet/refund-to-card", { body: { idempotencyKey } })),
    onSuccess: () => client.invalidateQueries({ queryKey: walletKeys.all }),
  });
}
