import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { ResponseOf } from "../../lib/api/types";

export type Earnings = ResponseOf<"/api/v1/readers/me/earnings">;

export const earningsKeys = {
  all: ["earnings"] as const,
  mine: () => [...earningsKeys.all, "me"] as const,
};

/** The signed-in reader's earnings, refreshed every 30 s. */
export function useMyEarnings() {
  return useQuery({
    queryKey: earningsKeys.mine(),
    queryFn: () => unwrap(api.GET("/api/v1/readers/me/earnings")),
    refetchInterval: 30_000,
  });
}

export type Statement = ResponseOf<"/api/v1/readers/me/earnings/statements/{year}">;

/** The signed-in reader's earnings statement for one calendar year. */
export function useStatement(year: number) {
  return useQuery({
    queryKey: [...earningsKeys.all, "statement", year],
    queryFn: () =>
      unwrap(api.GET("/api/v1/readers/me/earnings/statements/{year}", { params: { path: { year } } })),
  });
}
