import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, EmptyState, PageTitle, Spinner, TextField } from "../../components/ui";
import { api, fieldErrors, formatCents, friendlyMessage, unwrap } from "../../lib/api/client";
import { useMe } from "../../lib/session";
import { StartReading } from "../readings/start-reading";
import { FavoriteControls } from "./favorites";
import { LiveStatusBadge } from "./live-status";
import { ReaderAvatar } from "./photo-upload";
import { ReaderReviews } from "./reader-reviews";

export const SPECIALTY_LABELS: Record<string, string> = {
  tarot: "Tarot",
  astrology: "Astrology",
  mediumship: "Mediumship",
  "love-and-relationships": "Love & relationships",
  "career-and-money": "Career & money",
  dreams: "Dreams",
  numerology: "Numerology",
  "energy-healing": "Energy healing",
  "angel-and-oracle-cards": "Angel & oracle cards",
  "past-lives": "Past lives",
  pets: "Pets",
  "spiritual-guidance": "Spiritual guidance",
};
const select = "min-h-11 rounded-lg border border-white/15 bg-night/70 px-3 text-white";

type Reader = NonNullable<Awaited<ReturnType<typeof fetchReader>>>;
async function fetchReader(slug: string) {
  return (await unwrap(api.GET("/api/v1/readers/{slug}", { params: { path: { slug } } }))).reader;
}

function lowestRate(reader: Pick<Reader, "rates">) {
  const rates = [reader.rates.chat, reader.rates.voice, reader.rates.video].filter(
    (rate): rate is number => rate !== null,
  );
  return rates.length ? Math.min(...rates) : null;
}

export function BrowseReadersPage() {
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(params) as Record<string, string>;
  const readers = useInfiniteQuery({
    queryKey: ["readers", query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/readers", {
          params: {
            query: {
              q: query.q || undefined,
              specialty: (query.specialty || undefined) as "tarot" | undefined,
              modality: (query.modality || undefined) as "chat" | undefined,
              language: query.language || undefined,
              online: query.online === "true" ? true : undefined,
              minRating: query.minRating ? Number(query.minRating) : undefined,
              sort: (query.sort || undefined) as "recommended" | undefined,
              cursor: pageParam,
              limit: 12,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  // A reader whose place changed between pages (came online, was rated) can be on two pages:
  // they are shown once, where first seen.
  const items = uniqueBy(readers.data?.pages.flatMap((page) => page.items) ?? [], (reader) => reader.userId);
  const update = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  return (
    <div>
      <PageTitle subtitle="Vetted readers by chat, voice and video. Filters stay in the address, so you can share a search.">
        Find a reader
      </PageTitle>
      <Card className="mb-6">
        <form
          className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6"
          aria-label="Search readers"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            update("q", String(new FormData(event.currentTarget).get("q") ?? "").trim());
          }}
        >
          <div className="sm:col-span-2">
            <TextField
              label="Search"
              name="q"
              type="search"
              defaultValue={query.q ?? ""}
              placeholder="Name or words in a profile"
            />
          </div>
          <label className="flex flex-col text-sm font-semibold text-gold-soft">
            Specialty
            <select
              className={select}
              value={query.specialty ?? ""}
              onChange={(event) => update("specialty", event.target.value)}
            >
              <option value="">Any</option>
              {Object.entries(SPECIALTY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-sm font-semibold text-gold-soft">
            Reading by
            <select
              className={select}
              value={query.modality ?? ""}
              onChange={(event) => update("modality", event.target.value)}
            >
              <option value="">Any</option>
              <option value="chat">Chat</option>
              <option value="voice">Voice</option>
              <option value="video">Video</option>
            </select>
          </label>
          <label className="flex flex-col text-sm font-semibold text-gold-soft">
            Sort
            <select
              className={select}
              value={query.sort ?? ""}
              onChange={(event) => update("sort", event.target.value)}
            >
              <option value="">Recommended</option>
              <option value="price">Price</option>
              <option value="rating">Rating</option>
              <option value="newest">Newest</option>
            </select>
          </label>
          <label className="flex items-center gap-2 self-end pb-3 text-sm text-white/85">
            <input
              type="checkbox"
              className="size-5 accent-pink"
              checked={query.online === "true"}
              onChange={(event) => update("online", event.target.checked ? "true" : "")}
            />
            Online now
          </label>
        </form>
      </Card>
      {readers.isLoading && <Spinner label="Finding readers" />}
      {readers.error && <Alert>{friendlyMessage(readers.error)}</Alert>}
      {readers.isSuccess && items.length === 0 && (
        <EmptyState>No readers match. Try fewer filters.</EmptyState>
      )}
      <ul className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((reader) => (
          <li key={reader.userId} className="card flex flex-col gap-3 p-5">
            <div className="flex items-start justify-between gap-3">
              <ReaderAvatar name={reader.displayName} photoUrl={reader.photoUrl} />
              <div className="mr-auto">
                <Link
                  to={`/readers/${reader.slug}`}
                  className="font-heading text-4xl text-pink hover:underline"
                >
                  {reader.displayName}
                </Link>
                <p className="text-white/80">{reader.headline}</p>
              </div>
              <LiveStatusBadge readerUserId={reader.userId} status={reader.status} />
            </div>
            <p className="text-sm text-gold-soft">
              {reader.specialties.map((value) => SPECIALTY_LABELS[value] ?? value).join(" · ")}
            </p>
            <p className="mt-auto text-sm text-white/70">
              {reader.ratingCount > 0
                ? `★ ${reader.ratingAverage.toFixed(1)} (${reader.ratingCount})`
                : "New reader"}
              {lowestRate(reader) !== null && ` · from ${formatCents(lowestRate(reader) ?? 0)}/min`}
            </p>
          </li>
        ))}
      </ul>
      {readers.hasNextPage && (
        <Button
          variant="ghost"
          className="mt-6"
          onClick={() => readers.fetchNextPage()}
          disabled={readers.isFetchingNextPage}
        >
          More readers
        </Button>
      )}
    </div>
  );
}

export function ReaderPage() {
  const { slug = "" } = useParams();
  const { data: me } = useMe();
  const reader = useQuery({ queryKey: ["reader", slug], queryFn: () => fetchReader(slug) });
  if (reader.isLoading) return <Spinner label="Loading the reader" />;
  if (reader.error || !reader.data) return <Alert>{friendlyMessage(reader.error)}</Alert>;
  const data = reader.data;
  return (
    <div className="mx-auto grid max-w-5xl gap-6 lg:grid-cols-[1.4fr_1fr]">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <ReaderAvatar name={data.displayName} photoUrl={data.photoUrl} size="lg" />
          <h1 className="mr-auto text-6xl text-pink">{data.displayName}</h1>
          <LiveStatusBadge readerUserId={data.userId} status={data.status} announce />
        </div>
        <p className="mt-2 text-xl text-gold-soft">{data.headline}</p>
        {data.automaticDemo && <AutomaticDemoNotice name={data.displayName} />}
        <p className="mt-2 text-sm text-white/70">
          {data.ratingCount > 0
            ? `★ ${data.ratingAverage.toFixed(1)} from ${data.ratingCount} reviews`
            : "No reviews yet"}{" "}
          · {data.yearsOfExperience} {data.yearsOfExperience === 1 ? "year" : "years"} of experience · speaks{" "}
          {data.languages.join(", ").toUpperCase()}
        </p>
        <p className="mt-5 whitespace-pre-line leading-7 text-white/85">{data.bio}</p>
        <h2 className="mt-6 text-3xl text-gold">Specialties</h2>
        <ul className="mt-2 flex flex-wrap gap-2">
          {data.specialties.map((value) => (
            <li key={value} className="rounded-full border border-pink/40 px-3 py-1 text-sm">
              {SPECIALTY_LABELS[value] ?? value}
            </li>
          ))}
        </ul>
        {data.tools.length > 0 && (
          <p className="mt-4 text-sm text-white/70">Tools: {data.tools.join(", ")}</p>
        )}
        {me?.role === "client" && <FavoriteControls readerUserId={data.userId} name={data.displayName} />}
      </Card>
      <StartReading reader={data} />
      <ReaderReviews slug={data.slug} readerUserId={data.userId} />
    </div>
  );
}

/** Says plainly that a demo reader is software answering with canned messages, not a person. */
function AutomaticDemoNotice({ name }: { name: string }) {
  return (
    <aside
      aria-label="Automatic demo reader"
      className="mt-4 rounded-xl border border-gold/60 bg-gold/10 px-4 py-3 text-sm leading-6 text-white/90"
    >
      <span className="mb-1 inline-block rounded-full bg-gold px-3 py-0.5 text-xs font-semibold uppercase tracking-wide text-night">
        Automatic demo reader
      </span>
      <p>
        {name} is not a person: demo software that accepts chat readings on its own and answers with short,
        canned tarot-style messages, so you can try a paid chat reading from start to finish. Readings with
        them are billed like any other.
      </p>
    </aside>
  );
}

export function ApplyPage() {
  const client = useQueryClient();
  const mine = useQuery({
    queryKey: ["my-applications"],
    queryFn: () => unwrap(api.GET("/api/v1/reader-applications/mine")),
  });
  const apply = useMutation({
    mutationFn: (form: FormData) =>
      unwrap(
        api.POST("/api/v1/reader-applications", {
          body: {
            displayName: String(form.get("displayName")),
            headline: String(form.get("headline")),
            bio: String(form.get("bio")),
            specialties: form.getAll("specialties").map(String) as "tarot"[],
            tools: String(form.get("tools") ?? "")
              .split(",")
              .map((tool) => tool.trim())
              .filter(Boolean),
            languages: String(form.get("languages") ?? "")
              .split(",")
              .map((language) => language.trim().toLowerCase())
              .filter(Boolean),
            yearsOfExperience: Number(form.get("yearsOfExperience")),
            sampleAnswer: String(form.get("sampleAnswer")),
            timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["my-applications"] }),
  });
  const errors = fieldErrors(apply.error);
  const pending = mine.data?.items.find((item) => item.status === "pending");
  return (
    <RequireUser>
      {(user) => (
        <div className="mx-auto max-w-3xl">
          <PageTitle subtitle="Share your gift with clients around the world. Readers keep 70% of every paid cent.">
            Become a reader
          </PageTitle>
          {mine.data?.items.map((item) => (
            <div key={item.id} className="mb-4">
              <Alert
                kind={item.status === "rejected" ? "error" : item.status === "approved" ? "success" : "info"}
              >
                Application from {new Date(item.createdAt).toLocaleDateString()}:{" "}
                <strong>{item.status}</strong>
                {item.decisionReason && ` — ${item.decisionReason}`}
              </Alert>
            </div>
          ))}
          {user.role !== "client" ? (
            <Alert kind="info">Your account is already a {user.role} account.</Alert>
          ) : pending ? null : (
            <Card>
              <form
                className="flex flex-col gap-4"
                noValidate
                onSubmit={(event: FormEvent<HTMLFormElement>) => {
                  event.preventDefault();
                  apply.mutate(new FormData(event.currentTarget));
                }}
              >
                {apply.error && <Alert>{friendlyMessage(apply.error)}</Alert>}
                <TextField
                  label="Reader name"
                  name="displayName"
                  defaultValue={user.displayName}
                  required
                  error={errors.displayName}
                />
                <TextField
                  label="Headline"
                  name="headline"
                  required
                  hint="One line clients see first (10–120 characters)."
                  error={errors.headline}
                />
                <label className="flex flex-col gap-1 text-sm font-semibold text-gold-soft">
                  About your practice
                  <textarea
                    name="bio"
                    rows={6}
                    minLength={50}
                    maxLength={4000}
                    className="rounded-lg border border-white/15 bg-night/70 p-3 font-normal text-white"
                  />
                  {errors.bio && <span className="font-normal text-red-300">{errors.bio}</span>}
                </label>
                <fieldset>
                  <legend className="mb-2 text-sm font-semibold text-gold-soft">Specialties (up to 6)</legend>
                  <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
                    {Object.entries(SPECIALTY_LABELS).map(([value, label]) => (
                      <label key={value} className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          name="specialties"
                          value={value}
                          className="size-5 accent-pink"
                        />
                        {label}
                      </label>
                    ))}
                  </div>
                </fieldset>
                <TextField label="Tools" name="tools" hint="Comma-separated, e.g. Rider–Waite, pendulum." />
                <TextField
                  label="Languages"
                  name="languages"
                  defaultValue="en"
                  hint="Two-letter codes, comma-separated."
                  error={errors.languages}
                />
                <TextField
                  label="Years of experience"
                  name="yearsOfExperience"
                  type="number"
                  min={0}
                  max={80}
                  defaultValue="1"
                />
                <label className="flex flex-col gap-1 text-sm font-semibold text-gold-soft">
                  Sample answer: “Will I find a new job this year?”
                  <textarea
                    name="sampleAnswer"
                    rows={5}
                    className="rounded-lg border border-white/15 bg-night/70 p-3 font-normal text-white"
                  />
                  {errors.sampleAnswer && (
                    <span className="font-normal text-red-300">{errors.sampleAnswer}</span>
                  )}
                </label>
                <Button type="submit" disabled={apply.isPending} className="self-start">
                  Send application
                </Button>
              </form>
            </Card>
          )}
        </div>
      )}
    </RequireUser>
  );
}

function uniqueBy<T>(list: T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
