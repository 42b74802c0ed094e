import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { ResponseOf } from "../../lib/api/types";
import { walletKeys } from "./queries";

export type AutoReload = ResponseOf<"/api/v1/wallet/auto-reload">;
export type SandboxCard = "pays" | "authenticates" | "declines";

const autoReloadKey = () => [...walletKeys.all, "auto-reload"] as const;

/** The saved card, auto-reload settings and the latest auto-reload; polled while a reading runs. */
export function useAutoReload({
  enabled = true,
  refetchIntervalMs,
}: {
  enabled?: boolean;
  refetchIntervalMs?: number;
} = {}) {
  return useQuery({
    queryKey: autoReloadKey(),
    queryFn: () => unwrap(api.GET("/api/v1/wallet/auto-reload")),
    enabled,
    refetchInterval: refetchIntervalMs,
  });
}

/** Opens the provider's page to save a card (it comes back to the wallet). */
export function useSaveCard() {
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/wallet/saved-card")),
    onSuccess: (data) => {
      if (data.url) window.location.assign(data.url);
    },
  });
}

export function useRemoveCard() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/wallet/saved-card")),
    onSuccess: (data) => client.setQueryData(autoReloadKey(), data),
  });
}

export function useUpdateAutoReload() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { enabled: boolean; amountCents: number; floorCents: number | null }) =>
      unwrap(api.PUT("/api/v1/wallet/auto-reload", { body })),
    onSuccess: (data) => client.setQueryData(autoReloadKey(), data),
  });
}

/** Opens the bank's confirmation (3-D Secure) of an auto-reload in a new tab. */
export function useConfirmAutoReload() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (topUpId: string) =>
      unwrap(
        api.POST("/api/v1/wallet/auto-reloads/{topUpId}/authenticate", { params: { path: { topUpId } } }),
      ),
    onSuccess: (data) => {
      if (data.url) window.open(data.url, "_blank", "noopener");
      else void client.invalidateQueries({ queryKey: walletKeys.all });
    },
  });
}

export function useSandboxCardSetup(checkoutId: string) {
  return useQuery({
    queryKey: [...walletKeys.all, "sandbox-save-card", checkoutId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/sandbox/save-card/{checkoutId}", { params: { path: { checkoutId } } })),
  });
}

export function useCompleteSandboxCardSetup(checkoutId: string) {
  return useMutation({
    mutationFn: (card: SandboxCard) =>
      unwrap(
        api.POST("/api/v1/sandbox/save-card/{checkoutId}/complete", {
          params: { path: { checkoutId } },
          body: { card },
        }),
      ),
  });
}

export function useSandboxAuthentication(topUpId: string) {
  return useQuery({
    queryKey: [...walletKeys.all, "sandbox-authenticate", topUpId],
    queryFn: () =>
      unwrap(api.GET("/api/v1/sandbox/authenticate/{topUpId}", { params: { path: { topUpId } } })),
  });
}

export function useCompleteSandboxAuthentication(topUpId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (outcome: "approve" | "fail") =>
      unwrap(
        api.POST("/api/v1/sandbox/authenticate/{topUpId}/complete", {
          params: { path: { topUpId } },
          body: { outcome },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: walletKeys.all }),
  });
}
