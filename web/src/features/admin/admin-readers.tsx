import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { Alert, Button, Card, EmptyState, Spinner, TextField } from "../../components/ui";
import { ApiError, api, fieldErrors, formatCents, friendlyMessage, unwrap } from "../../lib/api/client";
import type { paths } from "../../lib/api/schema";
import { SPECIALTY_LABELS } from "../readers/readers-pages";
import { AdminShell } from "./admin-pages";

type Listed = "listed" | "suspended";
type ReaderPage = Awaited<ReturnType<typeof fetchReaders>>;
type AdminReader = ReaderPage["items"][number];
type CreateBody = NonNullable<
  paths["/api/v1/admin/readers"]["post"]["requestBody"]
>["content"]["application/json"];
type Specialty = CreateBody["specialties"][number];
type Rates = { chat: number | null; voice: number | null; video: number | null; scheduled: number | null };

const RATE_FIELDS = [
  ["chat", "Chat"],
  ["voice", "Voice"],
  ["video", "Video"],
  ["scheduled", "Scheduled"],
] as const;
const input = "min-h-11 rounded-lg border border-white/15 bg-night/70 px-3 py-2 text-white";
const textArea = "rounded-lg border border-white/15 bg-night/70 p-3 font-normal text-white";

function fetchReaders(query: { q?: string; listed?: Listed; cursor?: string }) {
  return unwrap(api.GET("/api/v1/admin/readers", { params: { query: { ...query, limit: 25 } } }));
}

const list = (value: FormDataEntryValue | null) =>
  String(value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

/** Dollars typed by the admin → whole cents; empty means "not offered". Bad input is reported per field. */
function readRates(form: FormData): { rates: Rates; errors: Record<string, string> } {
  const rates: Rates = { chat: null, voice: null, video: null, scheduled: null };
  const errors: Record<string, string> = {};
  for (const [key] of RATE_FIELDS) {
    const text = String(form.get(key) ?? "").trim();
    if (!text) continue;
    if (!/^\d{1,2}(\.\d{1,2})?$/.test(text)) errors[key] = "Enter dollars and cents, e.g. 2.99";
    else rates[key] = Math.round(Number(text) * 100);
  }
  return { rates, errors };
}

/** The profile fields shared by the create and edit forms, read back from a form. */
function readProfile(form: FormData) {
  return {
    displayName: String(form.get("displayName") ?? "").trim(),
    headline: String(form.get("headline") ?? ""),
    bio: String(form.get("bio") ?? ""),
    specialties: form.getAll("specialties").map(String) as Specialty[],
    tools: list(form.get("tools")),
    languages: list(form.get("languages")).map((language) => language.toLowerCase()),
    yearsOfExperience: Number(form.get("yearsOfExperience") ?? 0),
    timeZone: String(form.get("timeZone") ?? "").trim(),
  };
}

function ProfileFields({ reader, errors }: { reader?: AdminReader; errors: Record<string, string> }) {
  const id = useId();
  return (
    <>
      <TextField
        label="Reader name"
        name="displayName"
        defaultValue={reader?.displayName}
        required
        error={errors.displayName}
      />
      <TextField
        label="Headline"
        name="headline"
        defaultValue={reader?.headline}
        hint="10–120 characters."
        required
        error={errors.headline}
      />
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label htmlFor={`${id}-bio`} className="text-sm font-semibold text-gold-soft">
          About their practice (50–4000 characters)
        </label>
        <textarea
          id={`${id}-bio`}
          name="bio"
          rows={5}
          defaultValue={reader?.bio}
          aria-invalid={errors.bio ? true : undefined}
          aria-describedby={errors.bio ? `${id}-bio-error` : undefined}
          className={textArea}
        />
        {errors.bio && (
          <p id={`${id}-bio-error`} className="text-sm text-red-300">
            {errors.bio}
          </p>
        )}
      </div>
      <fieldset className="sm:col-span-2">
        <legend className="mb-2 text-sm font-semibold text-gold-soft">Specialties (1 to 6)</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {Object.entries(SPECIALTY_LABELS).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="specialties"
                value={value}
                defaultChecked={reader?.specialties.includes(value)}
                className="size-5 accent-pink"
              />
              {label}
            </label>
          ))}
        </div>
        {errors.specialties && <p className="text-sm text-red-300">{errors.specialties}</p>}
      </fieldset>
      <TextField
        label="Tools"
        name="tools"
        defaultValue={reader?.tools.join(", ")}
        hint="Comma-separated."
        error={errors.tools}
      />
      <TextField
        label="Languages"
        name="languages"
        defaultValue={reader?.languages.join(", ") ?? "en"}
        hint="Two-letter codes, comma-separated."
        error={errors.languages}
      />
      <TextField
        label="Years of experience"
        name="yearsOfExperience"
        type="number"
        min={0}
        max={80}
        defaultValue={reader?.yearsOfExperience ?? 1}
        error={errors.yearsOfExperience}
      />
      <TextField
        label="Time zone"
        name="timeZone"
        defaultValue={reader?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
        hint="IANA name, e.g. Europe/London."
        error={errors.timeZone}
      />
      <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold text-gold-soft">
          Rates in USD per minute ($0.99–$49.99; empty = not offered)
        </legend>
        {RATE_FIELDS.map(([key, label]) => (
          <TextField
            key={key}
            label={label}
            name={key}
            inputMode="decimal"
            defaultValue={reader?.rates[key] == null ? "" : (reader.rates[key] / 100).toFixed(2)}
            error={errors[key]}
          />
        ))}
      </fieldset>
    </>
  );
}

function CreateReaderForm({ onDone }: { onDone: () => void }) {
  const client = useQueryClient();
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (form: FormData) => {
      const { rates, errors } = readRates(form);
      setLocalErrors(errors);
      if (Object.keys(errors).length > 0) throw new ApiError(400, "VALIDATION_FAILED", "Check the rates.");
      const dateOfBirth = String(form.get("dateOfBirth") ?? "");
      return unwrap(
        api.POST("/api/v1/admin/readers", {
          body: {
            email: String(form.get("email") ?? "").trim(),
            ...(dateOfBirth ? { dateOfBirth } : {}),
            ...readProfile(form),
            rates,
          },
        }),
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ["admin-readers"] }),
  });
  const errors = { ...fieldErrors(create.error), ...localErrors };
  return (
    <Card className="mb-6">
      <h2 className="mb-1 text-4xl text-gold">Create a reader</h2>
      <p className="mb-4 text-sm text-white/70">
        A new email gets an account and a link to choose a password; an existing client is promoted.
        Audit-logged.
      </p>
      {create.isSuccess ? (
        <div className="flex flex-col gap-3">
          <Alert kind="success">
            {create.data.reader.displayName} is now a reader (
            {create.data.accountCreated
              ? "new account; a link to choose a password was emailed"
              : "existing client promoted"}
            ).{" "}
            <Link to={`/readers/${create.data.reader.slug}`} className="text-pink underline">
              View profile
            </Link>
          </Alert>
          <div className="flex flex-wrap gap-2">
            <Button variant="gold" onClick={() => create.reset()}>
              Create another
            </Button>
            <Button variant="ghost" onClick={onDone}>
              Close
            </Button>
          </div>
        </div>
      ) : (
        <form
          className="grid gap-4 sm:grid-cols-2"
          noValidate
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            create.mutate(new FormData(event.currentTarget));
          }}
        >
          {create.error && (
            <div className="sm:col-span-2">
              <Alert>{friendlyMessage(create.error)}</Alert>
            </div>
          )}
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="off"
            required
            error={errors.email}
          />
          <TextField
            label="Date of birth"
            name="dateOfBirth"
            type="date"
            hint="Needed for a new account (18+); leave empty to promote an existing client."
            error={errors.dateOfBirth}
          />
          <ProfileFields errors={errors} />
          <div className="flex flex-wrap gap-2 sm:col-span-2">
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create reader"}
            </Button>
            <Button type="button" variant="ghost" onClick={onDone}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}

function EditReaderForm({ reader, onDone }: { reader: AdminReader; onDone: () => void }) {
  const client = useQueryClient();
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (form: FormData) => {
      const { rates, errors } = readRates(form);
      setLocalErrors(errors);
      if (Object.keys(errors).length > 0) throw new ApiError(400, "VALIDATION_FAILED", "Check the rates.");
      return unwrap(
        api.PATCH("/api/v1/admin/readers/{userId}", {
          params: { path: { userId: reader.userId } },
          body: { ...readProfile(form), rates },
        }),
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ["admin-readers"] }),
  });
  const errors = { ...fieldErrors(save.error), ...localErrors };
  return (
    <form
      className="mt-3 grid gap-4 rounded-xl border border-gold/30 bg-night/60 p-4 sm:grid-cols-2"
      aria-label={`Edit ${reader.displayName}`}
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        save.mutate(new FormData(event.currentTarget));
      }}
    >
      <ProfileFields reader={reader} errors={errors} />
      <div className="flex flex-col gap-3 sm:col-span-2" aria-live="polite">
        {save.error && <Alert>{friendlyMessage(save.error)}</Alert>}
        {save.isSuccess && (
          <Alert kind="success">Saved. New rates apply to readings started from now on.</Alert>
        )}
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <Button type="submit" variant="gold" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save changes"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Close
        </Button>
      </div>
    </form>
  );
}

/** A modal dialog (native <dialog>: focus stays inside, Escape closes) asking why the reader is suspended. */
function SuspendDialog({ reader, onClose }: { reader: AdminReader; onClose: () => void }) {
  const client = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState("");
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const suspend = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/admin/readers/{userId}/suspend", {
          params: { path: { userId: reader.userId } },
          body: { reason },
        }),
      ),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ["admin-readers"] });
      onClose();
    },
  });
  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-pink/40 bg-night p-6 text-white backdrop:bg-black/70"
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          suspend.mutate();
        }}
      >
        <h2 id={`${id}-title`} className="text-3xl text-pink">
          Suspend {reader.displayName}?
        </h2>
        <p className="text-sm text-white/75">
          They disappear from browse, search and their public page, go offline at once, and cannot go online
          until reinstated.
        </p>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-reason`} className="text-sm font-semibold text-gold-soft">
            Reason (kept in the audit log)
          </label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            required
            minLength={3}
            maxLength={1000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            className={textArea}
          />
        </div>
        {suspend.error && <Alert>{friendlyMessage(suspend.error)}</Alert>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" disabled={suspend.isPending || reason.trim().length < 3}>
            {suspend.isPending ? "Suspending…" : "Suspend reader"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

function Badge({ tone, children }: { tone: "pink" | "gold" | "muted" | "red"; children: string }) {
  const styles = {
    pink: "border-pink/60 text-pink",
    gold: "border-gold/60 text-gold-soft",
    muted: "border-white/25 text-white/70",
    red: "border-red-400/70 text-red-200",
  }[tone];
  return (
    <span className={`rounded-full border px-2 py-0.5 text-xs font-semibold ${styles}`}>{children}</span>
  );
}

function ReaderRow({ reader, onSuspend }: { reader: AdminReader; onSuspend: () => void }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const reinstate = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/admin/readers/{userId}/reinstate", { params: { path: { userId: reader.userId } } }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["admin-readers"] }),
  });
  const rates = RATE_FIELDS.filter(([key]) => reader.rates[key] !== null)
    .map(([key, label]) => `${label} ${formatCents(reader.rates[key] ?? 0)}`)
    .join(" · ");
  return (
    <li className="py-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <Link
              to={`/readers/${reader.slug}`}
              className="text-lg font-semibold text-pink underline-offset-4 hover:underline"
            >
              {reader.displayName}
            </Link>
            <Badge tone={reader.listed === "listed" ? "gold" : "red"}>{reader.listed}</Badge>
            <Badge tone={reader.status === "online" ? "pink" : "muted"}>{reader.status}</Badge>
            {reader.account.role !== "reader" && (
              <Badge tone="red">{`account: ${reader.account.role}`}</Badge>
            )}
            {reader.account.status !== "active" && (
              <Badge tone="red">{`account ${reader.account.status}`}</Badge>
            )}
          </p>
          <p className="text-sm text-white/70 [overflow-wrap:anywhere]">
            {reader.account.email} · /{reader.slug}
          </p>
          <p className="text-sm text-white/60">{rates || "No rates set"}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="ghost" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? "Close editor" : "Edit"}
            <span className="sr-only"> {reader.displayName}</span>
          </Button>
          {reader.listed === "listed" ? (
            <Button variant="ghost" onClick={onSuspend}>
              Suspend<span className="sr-only"> {reader.displayName}</span>
            </Button>
          ) : (
            <Button variant="gold" disabled={reinstate.isPending} onClick={() => reinstate.mutate()}>
              Reinstate<span className="sr-only"> {reader.displayName}</span>
            </Button>
          )}
        </div>
      </div>
      {reinstate.error && <Alert>{friendlyMessage(reinstate.error)}</Alert>}
      {editing && <EditReaderForm reader={reader} onDone={() => setEditing(false)} />}
    </li>
  );
}

export function AdminReadersPage() {
  const [filters, setFilters] = useState<{ q?: string; listed?: Listed }>({});
  const [creating, setCreating] = useState(false);
  const [suspending, setSuspending] = useState<AdminReader | null>(null);
  const readers = useInfiniteQuery({
    queryKey: ["admin-readers", filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchReaders({ ...filters, cursor: pageParam }),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = readers.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell
      title="Readers"
      subtitle="Every reader, suspended ones included. Create, edit, suspend and reinstate; each change is audit-logged."
    >
      {creating ? (
        <CreateReaderForm onDone={() => setCreating(false)} />
      ) : (
        <Button className="mb-6" onClick={() => setCreating(true)}>
          Create a reader
        </Button>
      )}
      <Card>
        <form
          aria-label="Find readers"
          className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-end"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const listed = String(form.get("listed") ?? "");
            setFilters({
              q: String(form.get("q") ?? "").trim() || undefined,
              listed: listed === "listed" || listed === "suspended" ? listed : undefined,
            });
          }}
        >
          <label className="flex flex-1 flex-col text-sm text-gold-soft">
            Search
            <input
              className={input}
              type="search"
              name="q"
              maxLength={100}
              placeholder="Name, email or slug"
            />
          </label>
          <label className="flex flex-col text-sm text-gold-soft">
            Listing
            <select className={input} name="listed" defaultValue="">
              <option value="">All readers</option>
              <option value="listed">Listed</option>
              <option value="suspended">Suspended</option>
            </select>
          </label>
          <Button type="submit" variant="gold">
            Search
          </Button>
        </form>
        {readers.isLoading && <Spinner label="Loading readers" />}
        {readers.error && <Alert>{friendlyMessage(readers.error)}</Alert>}
        {readers.isSuccess && items.length === 0 && (
          <EmptyState>{filters.q || filters.listed ? "No readers match." : "No readers yet."}</EmptyState>
        )}
        {items.length > 0 && (
          <ul className="divide-y divide-white/10" aria-label="Readers, newest first">
            {items.map((reader) => (
              <ReaderRow key={reader.userId} reader={reader} onSuspend={() => setSuspending(reader)} />
            ))}
          </ul>
        )}
        {readers.hasNextPage && (
          <Button
            variant="ghost"
            className="mt-4"
            disabled={readers.isFetchingNextPage}
            onClick={() => readers.fetchNextPage()}
          >
            {readers.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        )}
      </Card>
      {suspending && <SuspendDialog reader={suspending} onClose={() => setSuspending(null)} />}
    </AdminShell>
  );
}
