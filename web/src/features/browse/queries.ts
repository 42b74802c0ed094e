import { useInfiniteQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { QueryOf } from "../../lib/api/types";

type SearchQuery = QueryOf<"/api/v1/readers">;
/** The browse page's filters, as they stand in its address. */
export type ReaderFilters = Partial<
  Record<"q" | "specialty" | "modality" | "language" | "online" | "minRating" | "sort", string>
>;

const PAGE_SIZE = 12;

export const browseKeys = {
  all: ["browse"] as const,
  search: (filters: ReaderFilters) => [...browseKeys.all, "search", filters] as const,
};

/** Listed readers matching the filters, a page at a time. */
export function useReaderSearch(filters: ReaderFilters) {
  return useInfiniteQuery({
    queryKey: browseKeys.search(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/readers", {
          params: {
            query: {
              q: filters.q || undefined,
              specialty: (filters.specialty || undefined) as SearchQuery["specialty"],
              modality: (filters.modality || undefined) as SearchQuery["modality"],
              language: filters.language || undefined,
              online: filters.online === "true" ? true : undefined,
              minRating: filters.minRating ? Number(filters.minRating) : undefined,
              sort: (filters.sort || undefined) as SearchQuery["sort"],
              cursor: pageParam,
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
