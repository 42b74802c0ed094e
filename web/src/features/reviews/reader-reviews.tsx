import { Alert, Card, EmptyState, LoadMore, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { useMe } from "../../lib/session";
import { formatDay } from "./format-day";
import { useReaderReviews } from "./queries";
import { ReviewReplyForm } from "./review-reply-form";
import { StarRating } from "./star-rating";

/** A reader's public reviews, newest first, with "load more". Their own reader may reply to each once. */
export function ReaderReviews({ slug, readerUserId }: { slug: string; readerUserId?: string }) {
  const { data: me } = useMe();
  const reviews = useReaderReviews(slug);
  const first = reviews.data?.pages[0];
  const items = reviews.data?.pages.flatMap((page) => page.items) ?? [];
  const isOwnReader = Boolean(me && readerUserId && me.role === "reader" && me.id === readerUserId);
  return (
    <Card className="flex flex-col lg:col-span-2">
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
      <LoadMore query={reviews}>Load more reviews</LoadMore>
    </Card>
  );
}
