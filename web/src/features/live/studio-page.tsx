import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, EmptyState, PageTitle, Spinner, TextField } from "../../components/ui";
import { fieldErrors, friendlyMessage } from "../../lib/api/client";
import { StreamCard } from "./live-list-page";
import { type NewStream, useCreateStream, useMyStreams } from "./live-queries";

type Visibility = NewStream["visibility"];
const VISIBILITIES: { value: Visibility; label: string; hint: string }[] = [
  { value: "public", label: "Public", hint: "Anyone can watch, signed in or not." },
  {
    value: "private",
    label: "Private",
    hint: "Only clients you invite (who wrote to you or had a reading with you).",
  },
  { value: "premium", label: "Premium", hint: "Viewers buy a ticket ($1–$50, 70 % to you)." },
];

/** The local date and time of `value` (a datetime-local input) as an ISO instant, or null. */
function instantOf(value: string) {
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

function CreateStreamForm() {
  const create = useCreateStream();
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [topic, setTopic] = useState("");
  const [visibility, setVisibility] = useState<Visibility>("public");
  const [price, setPrice] = useState("5.00");
  const [when, setWhen] = useState<"now" | "later">("now");
  const [startsAt, setStartsAt] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const errors = fieldErrors(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const ticketPriceCents = Math.round(Number(price) * 100);
    if (visibility === "premium" && !(ticketPriceCents >= 100 && ticketPriceCents <= 5_000))
      return setProblem("A ticket costs between $1.00 and $50.00.");
    const at = when === "later" ? instantOf(startsAt) : null;
    if (when === "later" && !at) return setProblem("Choose the date and time it starts.");
    create.mutate(
      {
        title,
        topic,
        visibility,
        ...(visibility === "premium" ? { ticketPriceCents } : {}),
        ...(at ? { startsAt: at } : {}),
      },
      { onSuccess: ({ stream }) => navigate(`/reader/streams/${stream.id}`) },
    );
  };

  return (
    <Card>
      <h2 className="font-body text-2xl text-gold-soft">New stream</h2>
      <form onSubmit={submit} className="mt-4 grid gap-4 sm:grid-cols-2">
        <TextField
          label="Title"
          required
          minLength={3}
          maxLength={100}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={errors.title}
        />
        <TextField
          label="Topic"
          hint="For example Tarot, Astrology or Mediumship."
          required
          minLength={2}
          maxLength={60}
          value={topic}
          onChange={(event) => setTopic(event.target.value)}
          error={errors.topic}
        />
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-semibold text-gold-soft">Who can watch</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {VISIBILITIES.map((option) => (
              <label
                key={option.value}
                className={`flex cursor-pointer flex-col rounded-xl border p-3 ${visibility === option.value ? "border-pink bg-pink/10" : "border-white/15"}`}
              >
                <span className="flex items-center gap-2 font-semibold">
                  <input
                    type="radio"
                    name="visibility"
                    value={option.value}
                    checked={visibility === option.value}
                    onChange={() => setVisibility(option.value)}
                    className="accent-pink"
                  />
                  {option.label}
                </span>
                <span className="mt-1 text-xs text-white/60">{option.hint}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {visibility === "premium" && (
          <TextField
            label="Ticket price ($)"
            type="number"
            min="1"
            max="50"
            step="0.01"
            required
            value={price}
            onChange={(event) => setPrice(event.target.value)}
            error={errors.ticketPriceCents}
          />
        )}
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-semibold text-gold-soft">When</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="when"
                checked={when === "now"}
                onChange={() => setWhen("now")}
                className="accent-pink"
              />
              Go live now
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="when"
                checked={when === "later"}
                onChange={() => setWhen("later")}
                className="accent-pink"
              />
              Schedule for later
            </label>
          </div>
        </fieldset>
        {when === "later" && (
          <TextField
            label="Starts at (your time)"
            type="datetime-local"
            required
            value={startsAt}
            onChange={(event) => setStartsAt(event.target.value)}
            error={errors.startsAt}
          />
        )}
        <div className="flex flex-col gap-3 sm:col-span-2">
          {(problem || create.error) && <Alert>{problem ?? friendlyMessage(create.error)}</Alert>}
          <Button type="submit" disabled={create.isPending} className="self-start">
            {when === "now" ? "Open the studio" : "Schedule stream"}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** `/reader/streams`: the reader's streams and a form to go live or schedule one. */
export function StudioPage() {
  return <RequireUser requiredRole="reader">{() => <StudioStreams />}</RequireUser>;
}

function StudioStreams() {
  const mine = useMyStreams();
  const items = mine.data?.items ?? [];
  const current = items.filter((stream) => stream.status !== "ended" && stream.status !== "cancelled");
  const past = items.filter((stream) => stream.status === "ended" || stream.status === "cancelled");
  return (
    <div className="flex flex-col gap-8">
      <PageTitle subtitle="Go live to many viewers at once: they chat, send gifts, and may book a private reading after.">
        Your streams
      </PageTitle>
      <CreateStreamForm />
      <section aria-labelledby="upcoming-streams" className="flex flex-col gap-3">
        <h2 id="upcoming-streams" className="font-body text-2xl text-gold-soft">
          Live and coming up
        </h2>
        {mine.isLoading && <Spinner label="Loading your streams" />}
        {mine.error && <Alert>{friendlyMessage(mine.error)}</Alert>}
        {mine.data && current.length === 0 && <EmptyState>No streams live or scheduled.</EmptyState>}
        <ul aria-label="Your live and upcoming streams" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {current.map((stream) => (
            <li key={stream.id}>
              <Link
                to={`/reader/streams/${stream.id}`}
                className="block rounded-2xl border border-pink/25 bg-veil/60 p-4 hover:border-pink"
              >
                <span className="font-body text-xl">{stream.title}</span>
                <span className="block text-sm text-white/65">
                  {stream.status === "scheduled" && stream.scheduledFor
                    ? `Scheduled ${new Date(stream.scheduledFor).toLocaleString()}`
                    : "Live now"}{" "}
                  · open the studio
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {past.length > 0 && (
        <section aria-labelledby="past-streams" className="flex flex-col gap-3">
          <h2 id="past-streams" className="font-body text-2xl text-gold-soft">
            Past streams
          </h2>
          <ul aria-label="Your past streams" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {past.map((stream) => (
              <StreamCard key={stream.id} stream={stream} to={`/reader/streams/${stream.id}`} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
