import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, unwrap } from "./api/client";

export type User = NonNullable<Awaited<ReturnType<typeof fetchMe>>>;

async function fetchMe() {
  try {
    return (await unwrap(api.GET("/api/v1/me"))).user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const ME_KEY = ["me"] as const;

/** The signed-in user, or null when signed out. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 30_000, retry: false });
}

export function useRefreshMe() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ME_KEY });
}

export function usePublicConfig() {
  return useQuery({
    queryKey: ["config"],
    queryFn: () => unwrap(api.GET("/api/v1/config")),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
