import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "./api/client";

export const configKeys = {
  all: ["config"] as const,
};

/** The server's client-visible configuration (media provider, ICE servers, Auth0); loaded once. */
export function usePublicConfig() {
  return useQuery({
    queryKey: configKeys.all,
    queryFn: () => unwrap(api.GET("/api/v1/config")),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
