import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useId, useRef, useState } from "react";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { api, fieldErrors, formatCents, friendlyMessage, unwrap } from "../../lib/api/client";
import { formatDay, ReviewReplyForm, StarRating } from "../readers/reader-reviews";

const TIP_PRESETS_CENTS = [100, 300, 500] as const;
const TIP_MIN_CENTS = 100;
const TIP_MAX_CENTS = 50_000;
const REVIEW_MAX_LENGTH = 2000;
const READER_NOTE_MAX_LENGTH = 1000;
const NOTES_MAX_LENGTH = 5000;

type Role = "client" | "reader";
type Reading = Awaited<ReturnType<typeof fetchReading>>;
type After = Awaited<ReturnType<typeof fetchAfter>>;

const afterKey = (readingId: string) => ["reading-after", readingId] as const;

async function fetchReading(readingId: string) {
  return (await unwrap(api.GET("/api/v1/readings/{readingId}", { params: { path: { readingId } } }))).reading;
}
async function fetchAfter(readingId: string) {
  return unwrap(api.GET("/api/v1/readings/{readingId}/after", { params: { path: { readingId } } }));
}

const textAreaClass = "rounded-lg border border-white/15 bg-night/70 p-3 text-white focus:border-pink";

function formatDuration(seconds: number) {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

/** What follows a reading: its summary, a tip, the review, the reader's note and the client's private notes. */
export function AfterReading({
  readingId,
  role,
  showSummary = true,
}: {
  readingId: string;
  role: Role;
  /** False where the page shows its own summary (the reading room). */
  showSummary?: boolean;
}) {
  const reading = useQuery({ queryKey: ["reading", readingId], queryFn: () => fetchReading(readingId) });
  const after = useQuery({ queryKey: afterKey(readingId), queryFn: () => fetchAfter(readingId) });
  if (reading.isLoading || after.isLoading) return <Spinner label="Loading your reading" />;
  if (reading.error || after.error || !reading.data || !after.data)
    return <Alert>{friendlyMessage(reading.error ?? after.error)}</Alert>;
  const finished = reading.data.state === "ended" || reading.data.state === "finalized";
  if (!finished)
    return <Alert kind="info">This reading is still going on; come back when it has ended.</Alert>;
  return (
    <div className="flex flex-col gap-6">
      {showSummary && <ReadingSummary reading={reading.data} role={role} />}
      {role === "client" ? (
        <>
          {after.data.readerNote && <ReaderNoteView note={after.data.readerNote} />}
          {after.data.canTip && <TipPanel readingId={readingId} />}
          <ReviewPanel readingId={readingId} after={after.data} />
          <PrivateNotes readingId={readingId} readerUserId={reading.data.readerUserId} after={after.data} />
        </>
      ) : (
        <>
          <ClientReviewForReader after={after.data} />
          <ReaderNoteForm readingId={readingId} current={after.data.readerNote?.text ?? ""} />
        </>
      )}
    </div>
  );
}

function ReadingSummary({ reading, role }: { reading: Reading; role: Role }) {
  return (
    <Card>
      <h2 className="text-4xl text-gold">Your reading</h2>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Fact label="Type" value={<span className="capitalize">{reading.modality}</span>} />
        <Fact label="Billed time" value={formatDuration(reading.billedSeconds)} />
        <Fact label={role === "client" ? "You paid" : "Charged"} value={formatCents(reading.chargedCents)} />
        {role === "reader" && reading.readerShareCents !== null && (
          <Fact label="Your share" value={formatCents(reading.readerShareCents)} />
        )}
      </dl>
    </Card>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-white/60">{label}</dt>
      <dd className="text-lg font-semibold text-white">{value}</dd>
    </div>
  );
}

function ReaderNoteView({ note }: { note: { text: string; at: string } }) {
  return (
    <Card>
      <h2 className="text-3xl text-gold">A note from your reader</h2>
      <p className="mt-2 whitespace-pre-line leading-7 text-white/85">{note.text}</p>
      <p className="mt-1 text-xs text-white/60">{formatDay(note.at)}</p>
    </Card>
  );
}

/** Presets or a custom amount, then an explicit confirmation; one key per confirmed tip so a retry never pays twice. */
function TipPanel({ readingId }: { readingId: string }) {
  const client = useQueryClient();
  const customId = useId();
  const [choice, setChoice] = useState<number | "custom" | null>(null);
  const [custom, setCustom] = useState("");
  const [confirming, setConfirming] = useState(false);
  const keyRef = useRef<string | null>(null);
  const customCents = Math.round(Number.parseFloat(custom) * 100);
  const amountCents = choice === "custom" ? customCents : choice;
  const valid =
    amountCents !== null &&
    Number.isInteger(amountCents) &&
    amountCents >= TIP_MIN_CENTS &&
    amountCents <= TIP_MAX_CENTS;
  const tip = useMutation({
    mutationFn: (input: { amountCents: number; idempotencyKey: string }) =>
      unwrap(api.POST("/api/v1/readings/{readingId}/tip", { params: { path: { readingId } }, body: input })),
    onSuccess: async () => {
      keyRef.current = null;
      setConfirming(false);
      await client.invalidateQueries({ queryKey: ["wallet"] });
    },
  });
  const pick = (next: number | "custom") => {
    setChoice(next);
    setConfirming(false);
    keyRef.current = null;
    tip.reset();
  };
  const confirm = () => {
    if (!valid || amountCents === null) return;
    keyRef.current ??= crypto.randomUUID();
    tip.mutate({ amountCents, idempotencyKey: keyRef.current });
  };
  return (
    <Card>
      <h2 className="text-3xl text-gold">Leave a tip</h2>
      <p className="mt-1 text-sm text-white/70">Optional. Your reader receives 70% of every tip.</p>
      {tip.isSuccess ? (
        <div className="mt-3">
          <Alert kind="success">
            Thank you! You tipped {formatCents(tip.data.tippedCents)}. Your balance is{" "}
            {formatCents(tip.data.balanceCents)}.
          </Alert>
        </div>
      ) : (
        <>
          <fieldset className="mt-3 flex flex-wrap gap-2">
            <legend className="sr-only">Tip amount</legend>
            {TIP_PRESETS_CENTS.map((cents) => (
              <Button
                key={cents}
                variant={choice === cents ? "gold" : "ghost"}
                aria-pressed={choice === cents}
                onClick={() => pick(cents)}
              >
                {formatCents(cents)}
              </Button>
            ))}
            <Button
              variant={choice === "custom" ? "gold" : "ghost"}
              aria-pressed={choice === "custom"}
              onClick={() => pick("custom")}
            >
              Custom
            </Button>
          </fieldset>
          {choice === "custom" && (
            <div className="mt-3 flex max-w-xs flex-col gap-1">
              <label htmlFor={customId} className="text-sm font-semibold text-gold-soft">
                Amount in dollars ($1–$500)
              </label>
              <input
                id={customId}
                type="number"
                inputMode="decimal"
                min={TIP_MIN_CENTS / 100}
                max={TIP_MAX_CENTS / 100}
                step="0.01"
                value={custom}
                onChange={(event) => {
                  setCustom(event.target.value);
                  setConfirming(false);
                  keyRef.current = null;
                }}
                className="min-h-11 rounded-lg border border-white/15 bg-night/70 px-3 text-white focus:border-pink"
              />
            </div>
          )}
          {valid && amountCents !== null && !confirming && (
            <Button className="mt-4" onClick={() => setConfirming(true)}>
              Tip {formatCents(amountCents)}
            </Button>
          )}
          {confirming && valid && amountCents !== null && (
            <div className="mt-4 flex flex-wrap items-center gap-3 rounded-lg border border-gold/40 bg-gold/10 p-3">
              <p className="text-gold-soft">Send a {formatCents(amountCents)} tip from your wallet?</p>
              <Button variant="gold" onClick={confirm} disabled={tip.isPending}>
                {tip.isPending ? "Sending…" : "Yes, send tip"}
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)} disabled={tip.isPending}>
                Cancel
              </Button>
            </div>
          )}
          {tip.error && (
            <div className="mt-3">
              <Alert>{friendlyMessage(tip.error)}</Alert>
            </div>
          )}
        </>
      )}
    </Card>
  );
}

function ReviewPanel({ readingId, after }: { readingId: string; after: After }) {
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
  const client = useQueryClient();
  const textId = useId();
  const [stars, setStars] = useState<number>(review?.stars ?? 0);
  const [text, setText] = useState(review?.text ?? "");
  const save = useMutation({
    mutationFn: (body: { stars: number; text: string }) =>
      unwrap(api.PUT("/api/v1/readings/{readingId}/review", { params: { path: { readingId } }, body })),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: afterKey(readingId) }),
        client.invalidateQueries({ queryKey: ["reader-reviews"] }),
      ]);
    },
  });
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
      <div className="flex flex-col gap-1">
        <label htmlFor={textId} className="text-sm font-semibold text-gold-soft">
          What was it like? (optional)
        </label>
        <textarea
          id={textId}
          rows={4}
          maxLength={REVIEW_MAX_LENGTH}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={errors.text ? true : undefined}
          className={textAreaClass}
        />
        <p className="text-xs text-white/60">
          {text.length}/{REVIEW_MAX_LENGTH} · plain text
        </p>
      </div>
      {editableUntil && (
        <p className="text-sm text-white/70">You can edit this review until {formatDay(editableUntil)}.</p>
      )}
      {save.error && <Alert>{errors.text ?? friendlyMessage(save.error)}</Alert>}
      {save.isSuccess && <Alert kind="success">Thank you — your review is saved.</Alert>}
      <div>
        <Button type="submit" disabled={save.isPending || stars < 1}>
          {save.isPending ? "Saving…" : review ? "Save changes" : "Post review"}
        </Button>
      </div>
    </form>
  );
}

function PrivateNotes({
  readingId,
  readerUserId,
  after,
}: {
  readingId: string;
  readerUserId: string;
  after: After;
}) {
  const client = useQueryClient();
  const id = useId();
  const [body, setBody] = useState(after.myNotes?.body ?? "");
  const save = useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.PUT("/api/v1/readers/{readerUserId}/notes", {
          params: { path: { readerUserId } },
          body: { body: text },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: afterKey(readingId) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(body);
  };
  return (
    <Card>
      <h2 className="text-3xl text-gold">Private notes</h2>
      <form className="mt-2 flex flex-col gap-2" onSubmit={submit}>
        <label htmlFor={id} className="text-sm text-white/70">
          Only you can see these notes about this reader. Leave it empty to delete them.
        </label>
        <textarea
          id={id}
          rows={5}
          maxLength={NOTES_MAX_LENGTH}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          className={textAreaClass}
        />
        <p className="text-xs text-white/60">
          {body.length}/{NOTES_MAX_LENGTH}
        </p>
        {save.error && <Alert>{friendlyMessage(save.error)}</Alert>}
        {save.isSuccess && (
          <Alert kind="success">{save.data.notes ? "Notes saved." : "Notes deleted."}</Alert>
        )}
        <div>
          <Button type="submit" variant="ghost" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save notes"}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function ClientReviewForReader({ after }: { after: After }) {
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

function ReaderNoteForm({ readingId, current }: { readingId: string; current: string }) {
  const client = useQueryClient();
  const id = useId();
  const [note, setNote] = useState(current);
  const save = useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.PUT("/api/v1/readings/{readingId}/reader-note", {
          params: { path: { readingId } },
          body: { note: text },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: afterKey(readingId) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim()) save.mutate(note.trim());
  };
  return (
    <Card>
      <h2 className="text-3xl text-gold">A note for your client</h2>
      <form className="mt-2 flex flex-col gap-2" onSubmit={submit}>
        <label htmlFor={id} className="text-sm text-white/70">
          A short summary of the reading; your client sees it with this reading.
        </label>
        <textarea
          id={id}
          rows={4}
          required
          maxLength={READER_NOTE_MAX_LENGTH}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          className={textAreaClass}
        />
        <p className="text-xs text-white/60">
          {note.length}/{READER_NOTE_MAX_LENGTH}
        </p>
        {save.error && <Alert>{friendlyMessage(save.error)}</Alert>}
        {save.isSuccess && <Alert kind="success">Your note is saved.</Alert>}
        <div>
          <Button type="submit" disabled={save.isPending || !note.trim()}>
            {save.isPending ? "Saving…" : current ? "Update note" : "Save note"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
