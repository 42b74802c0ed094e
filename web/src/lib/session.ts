import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, unwrap } from "./api/client";

/** A session is a sign-in: who is signed in on this browser. */
export type User = NonNullable<Awaited<ReturnType<typeof fetchMe>>>;

export const sessionKeys = {
  all: ["session"] as const,
  me: () => [...sessionKeys.all, "me"] as const,
};

async function fetchMe() {
  try {
    return (await unwrap(api.GET("/api/v1/me"))).user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in user, or null when signed out. */
export function useMe() {
  return useQuery({ queryKey: sessionKeys.me(), queryFn: fetchMe, staleTime: 30_000, retry: false });
}

export function useRefreshMe() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: sessionKeys.me() });
}
