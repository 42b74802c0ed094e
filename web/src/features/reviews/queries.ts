import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { ResponseOf } from "../../lib/api/types";
import { walletKeys } from "../wallet/queries";

const PAGE_SIZE = 10;

/** What follows a reading for the signed-in side: tip, review, notes. */
export type After = ResponseOf<"/api/v1/readings/{readingId}/after">;
export type PublicReview = ResponseOf<"/api/v1/readers/{slug}/reviews">["items"][number];

export const reviewKeys = {
  all: ["reviews"] as const,
  readerLists: () => [...reviewKeys.all, "reader"] as const,
  forReader: (slug: string) => [...reviewKeys.readerLists(), slug] as const,
  after: (readingId: string) => [...reviewKeys.all, "after", readingId] as const,
};

/** A reader's public reviews, newest first, a page at a time. */
export function useReaderReviews(slug: string) {
  return useInfiniteQuery({
    queryKey: reviewKeys.forReader(slug),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/readers/{slug}/reviews", {
          params: {
            path: { slug },
            query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The reader's one public reply to a review. */
export function useReplyToReview(reviewId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.POST("/api/v1/reviews/{reviewId}/reply", { params: { path: { reviewId } }, body: { text } }),
      ),
    // The reply shows on the reader's list and under the reading it reviews.
    onSuccess: () => client.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}

export function useReadingAfter(readingId: string) {
  return useQuery({
    queryKey: reviewKeys.after(readingId),
    queryFn: () => unwrap(api.GET("/api/v1/readings/{readingId}/after", { params: { path: { readingId } } })),
  });
}

/** A tip from the wallet; the idempotency key makes a retry of the same tip pay once. */
export function useTip(readingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { amountCents: number; idempotencyKey: string }) =>
      unwrap(api.POST("/api/v1/readings/{readingId}/tip", { params: { path: { readingId } }, body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: walletKeys.all }),
  });
}

export function useSaveReview(readingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { stars: number; text: string }) =>
      unwrap(api.PUT("/api/v1/readings/{readingId}/review", { params: { path: { readingId } }, body })),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: reviewKeys.after(readingId) }),
        client.invalidateQueries({ queryKey: reviewKeys.readerLists() }),
      ]),
  });
}

/** The reader's note to the client about a reading. */
export function useSaveReaderNote(readingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (note: string) =>
      unwrap(
        api.PUT("/api/v1/readings/{readingId}/reader-note", {
          params: { path: { readingId } },
          body: { note },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: reviewKeys.after(readingId) }),
  });
}

/** The client's private notes about a reader (shown after each of their readings); empty deletes them. */
export function useSavePrivateNotes(readingId: string, readerUserId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.PUT("/api/v1/readers/{readerUserId}/notes", {
          params: { path: { readerUserId } },
          body: { body },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: reviewKeys.after(readingId) }),
  });
}
