import { type FormEvent, useState } from "react";
import { Alert, Button, Card, TextArea } from "../../components/ui";
import { fieldErrors, friendlyMessage } from "../../lib/api/client";
import { formatDay } from "./format-day";
import { type After, useSaveReview } from "./queries";
import { ReviewReplyForm } from "./review-reply-form";
import { StarRating } from "./star-rating";

const REVIEW_MAX_LENGTH = 2000;

/** The client's review of a reading: the form while it may be written or edited, else the review. */
export function ReviewPanel({ readingId, after }: { readingId: string; after: After }) {
  const { review } = after;
  if (!after.canReview && !review) {
    const minutes = Math.round(after.reviewMinimumBilledMs / 60_000);
    return (
      <Card>
        <h2 className="text-3xl text-gold">Review</h2>
        <p className="mt-2 text-white/70">
          Reviews open for readings of at least{" "}
          {minutes >= 1 ? `${minutes} billed minutes` : "3 billed minutes"}.
        </p>
      </Card>
    );
  }
  return (
    <Card>
      <h2 className="text-3xl text-gold">{review ? "Your review" : "Review your reading"}</h2>
      {after.canReview ? (
        <ReviewForm readingId={readingId} review={review} editableUntil={after.reviewEditableUntil} />
      ) : (
        review && <ReviewView review={review} />
      )}
    </Card>
  );
}

/** For the reader: the client's review of the reading, and their one reply to it. */
export function ClientReviewForReader({ after }: { after: After }) {
  const { review } = after;
  return (
    <Card>
      <h2 className="text-3xl text-gold">The client's review</h2>
      {review ? (
        <>
          <ReviewView review={review} />
          {!review.reply && <ReviewReplyForm reviewId={review.id} />}
        </>
      ) : (
        <p className="mt-2 text-white/70">No review yet.</p>
      )}
    </Card>
  );
}

function ReviewView({ review }: { review: NonNullable<After["review"]> }) {
  return (
    <div className="mt-3">
      <StarRating stars={review.stars} />
      {review.text && <p className="mt-2 whitespace-pre-line leading-7 text-white/85">{review.text}</p>}
      {review.reply && (
        <div className="mt-3 border-l-2 border-gold/60 pl-3">
          <p className="text-sm font-semibold text-gold-soft">Reply from the reader</p>
          <p className="whitespace-pre-line text-white/80">{review.reply}</p>
        </div>
      )}
    </div>
  );
}

function ReviewForm({
  readingId,
  review,
  editableUntil,
}: {
  readingId: string;
  review: After["review"];
  editableUntil: string | null;
}) {
  const [stars, setStars] = useState<number>(review?.stars ?? 0);
  const [text, setText] = useState(review?.text ?? "");
  const save = useSaveReview(readingId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (stars >= 1) save.mutate({ stars, text: text.trim() });
  };
  const errors = fieldErrors(save.error);
  return (
    <form className="mt-3 flex flex-col gap-4" onSubmit={submit}>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-gold-soft">Your rating</legend>
        <div className="flex gap-1">
          {[1, 2, 3, 4, 5].map((value) => (
            <label key={value} className="cursor-pointer">
              <input
                type="radio"
                name={`stars-${readingId}`}
                value={value}
                checked={stars === value}
                onChange={() => setStars(value)}
                className="peer sr-only"
              />
              <span
                aria-hidden="true"
                className={`block px-1 text-4xl peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-gold ${value <= stars ? "text-gold" : "text-white/30"}`}
              >
                ★
              </span>
              <span className="sr-only">
                {value} {value === 1 ? "star" : "stars"}
              </span>
            </label>
          ))}
        </div>
        {errors.stars && <p className="text-sm text-red-300">{errors.stars}</p>}
      </fieldset>
      <TextArea
        label="What was it like? (optional)"
        rows={4}
        maxLength={REVIEW_MAX_LENGTH}
        value={text}
        onChange={(event) => setText(event.target.value)}
        hint={`${text.length}/${REVIEW_MAX_LENGTH} · plain text`}
        error={errors.text}
      />
      {editableUntil && (
        <p className="text-sm text-white/70">You can edit this review until {formatDay(editableUntil)}.</p>
      )}
      {save.error && !errors.text && <Alert>{friendlyMessage(save.error)}</Alert>}
      {save.isSuccess && <Alert kind="success">Thank you — your review is saved.</Alert>}
      <div>
        <Button type="submit" disabled={save.isPending || stars < 1}>
          {save.isPending ? "Saving…" : review ? "Save changes" : "Post review"}
        </Button>
      </div>
    </form>
  );
}
