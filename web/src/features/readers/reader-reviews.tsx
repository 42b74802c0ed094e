import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Alert, Button, Card, EmptyState, Spinner } from "../../components/ui";
import { api, fieldErrors, friendlyMessage, unwrap } from "../../lib/api/client";
import { useMe } from "../../lib/session";

const PAGE_SIZE = 10;
export const REPLY_MAX_LENGTH = 1000;
export const READER_REVIEWS_KEY = ["reader-reviews"] as const;

type ReviewPage = Awaited<ReturnType<typeof fetchReviews>>;
export type PublicReview = ReviewPage["items"][number];

async function fetchReviews(slug: string, cursor: string | undefined) {
  return unwrap(
    api.GET("/api/v1/readers/{slug}/reviews", {
      params: { path: { slug }, query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
    }),
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
export const formatDay = (iso: string) => dateFormat.format(new Date(iso));

/** Five stars, gold for the ones given; read out as "4 out of 5 stars". */
export function StarRating({ stars, size = "text-lg" }: { stars: number; size?: string }) {
  return (
    <span role="img" aria-label={`${stars} out of 5 stars`} className={`${size} tracking-wide`}>
      {[1, 2, 3, 4, 5].map((value) => (
        <span key={value} aria-hidden="true" className={value <= stars ? "text-gold" : "text-white/25"}>
          ★
        </span>
      ))}
    </span>
  );
}

/** A reader's public reviews, newest first, with "load more". Their own reader may reply to each once. */
export function ReaderReviews({ slug, readerUserId }: { slug: string; readerUserId?: string }) {
  const { data: me } = useMe();
  const reviews = useInfiniteQuery({
    queryKey: [...READER_REVIEWS_KEY, slug],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchReviews(slug, pageParam),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const first = reviews.data?.pages[0];
  const items = reviews.data?.pages.flatMap((page) => page.items) ?? [];
  const isOwnReader = Boolean(me && readerUserId && me.role === "reader" && me.id === readerUserId);
  return (
    <Card className="lg:col-span-2">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 className="text-4xl text-gold">Reviews</h2>
        {first && first.ratingCount > 0 && (
          <p className="flex items-center gap-2 text-white/80">
            <StarRating stars={Math.round(first.ratingAverage)} />
            <span>
              {first.ratingAverage.toFixed(1)} from {first.ratingCount}{" "}
              {first.ratingCount === 1 ? "review" : "reviews"}
            </span>
          </p>
        )}
      </div>
      {reviews.isLoading && <Spinner label="Loading reviews" />}
      {reviews.error && <Alert>{friendlyMessage(reviews.error)}</Alert>}
      {reviews.isSuccess && items.length === 0 && (
        <div className="mt-4">
          <EmptyState>
            No reviews yet. Reviews come from clients after a reading of 3 minutes or more.
          </EmptyState>
        </div>
      )}
      <ul className="mt-4 flex flex-col gap-4">
        {items.map((review) => (
          <li key={review.id} className="rounded-lg border border-white/10 bg-night/40 p-4">
            <div className="flex flex-wrap items-center gap-3">
              <StarRating stars={review.stars} />
              <span className="font-semibold text-pink-soft">{review.clientFirstName}</span>
              <span className="text-sm text-white/60">
                {formatDay(review.createdAt)}
                {review.updatedAt !== review.createdAt && " · edited"}
              </span>
            </div>
            {review.text && <p className="mt-2 whitespace-pre-line leading-7 text-white/85">{review.text}</p>}
            {review.reply ? (
              <div className="mt-3 border-l-2 border-gold/60 pl-3">
                <p className="text-sm font-semibold text-gold-soft">
                  Reply from the reader{review.repliedAt ? ` · ${formatDay(review.repliedAt)}` : ""}
                </p>
                <p className="whitespace-pre-line text-white/80">{review.reply}</p>
              </div>
            ) : (
              isOwnReader && <ReviewReplyForm reviewId={review.id} />
            )}
          </li>
        ))}
      </ul>
      {reviews.hasNextPage && (
        <Button
          variant="ghost"
          className="mt-4"
          disabled={reviews.isFetchingNextPage}
          onClick={() => void reviews.fetchNextPage()}
        >
          {reviews.isFetchingNextPage ? "Loading…" : "Load more reviews"}
        </Button>
      )}
    </Card>
  );
}

/** The reader's one reply to a review (it cannot be changed afterwards). */
export function ReviewReplyForm({ reviewId, onReplied }: { reviewId: string; onReplied?: () => void }) {
  const id = useId();
  const client = useQueryClient();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const reply = useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST("/api/v1/reviews/{reviewId}/reply", {
          params: { path: { reviewId } },
          body: { text: body },
        }),
      ),
    onSuccess: async () => {
      setText("");
      setOpen(false);
      await Promise.all([
        client.invalidateQueries({ queryKey: READER_REVIEWS_KEY }),
        client.invalidateQueries({ queryKey: ["reading-after"] }),
      ]);
      onReplied?.();
    },
  });
  if (!open)
    return (
      <Button variant="ghost" className="mt-3" onClick={() => setOpen(true)}>
        Reply to this review
      </Button>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) reply.mutate(text.trim());
  };
  const error = fieldErrors(reply.error).text;
  return (
    <form className="mt-3 flex flex-col gap-2" onSubmit={submit}>
      <label htmlFor={id} className="text-sm font-semibold text-gold-soft">
        Your reply (you can reply once; it is shown publicly)
      </label>
      <textarea
        id={id}
        rows={3}
        required
        maxLength={REPLY_MAX_LENGTH}
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={error ? true : undefined}
        className="rounded-lg border border-white/15 bg-night/70 p-3 text-white focus:border-pink"
      />
      <p className="text-xs text-white/60">
        {text.length}/{REPLY_MAX_LENGTH}
      </p>
      {reply.error && <Alert>{error ?? friendlyMessage(reply.error)}</Alert>}
      <div className="flex gap-2">
        <Button type="submit" disabled={reply.isPending || !text.trim()}>
          {reply.isPending ? "Sending…" : "Post reply"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)} disabled={reply.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
