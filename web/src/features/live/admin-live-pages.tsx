import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { Alert, Button, EmptyState, Select, Spinner, TextField } from "../../components/ui";
import { api, fieldErrors, formatCents, friendlyMessage, unwrap } from "../../lib/api/client";
import { AdminShell } from "../admin/admin-shell";
import { GiftPicture } from "./gift-animations";
import { type Gift, liveKeys } from "./live-queries";

const ANIMATIONS = ["rose", "crystal", "star", "moon", "sun", "diamond", "heart", "sparkle"] as const;
type Animation = (typeof ANIMATIONS)[number];

function useAdminGifts() {
  return useQuery({ queryKey: liveKeys.adminGifts(), queryFn: () => unwrap(api.GET("/api/v1/admin/gifts")) });
}

function useSaveGift() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      id: string | null;
      name: string;
      priceCents: number;
      animation: Animation;
      active: boolean;
    }) =>
      unwrap(
        input.id
          ? api.PATCH("/api/v1/admin/gifts/{giftId}", {
              params: { path: { giftId: input.id } },
              body: {
                name: input.name,
                priceCents: input.priceCents,
                animation: input.animation,
                active: input.active,
              },
            })
          : api.POST("/api/v1/admin/gifts", {
              body: {
                name: input.name,
                priceCents: input.priceCents,
                animation: input.animation,
                active: input.active,
              },
            }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: liveKeys.all }),
  });
}

/** One gift's form: a new gift, or changes to one (name, price, animation, active). */
function GiftForm({ gift, onDone }: { gift: Gift | null; onDone(): void }) {
  const save = useSaveGift();
  const [name, setName] = useState(gift?.name ?? "");
  const [price, setPrice] = useState(gift ? (gift.priceCents / 100).toFixed(2) : "1.00");
  const [animation, setAnimation] = useState<Animation>((gift?.animation as Animation) ?? "sparkle");
  const [active, setActive] = useState(gift?.active ?? true);
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { id: gift?.id ?? null, name, priceCents: Math.round(Number(price) * 100), animation, active },
      { onSuccess: onDone },
    );
  };
  return (
    <form
      onSubmit={submit}
      className="grid gap-3 rounded-2xl border border-white/10 bg-night/60 p-4 sm:grid-cols-5 sm:items-end"
    >
      <TextField
        label="Name"
        required
        minLength={2}
        maxLength={40}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
      />
      <TextField
        label="Price ($)"
        type="number"
        min="0.01"
        max="1000"
        step="0.01"
        required
        value={price}
        onChange={(event) => setPrice(event.target.value)}
        error={errors.priceCents}
      />
      <Select
        label="Animation"
        value={animation}
        onChange={(event) => setAnimation(event.target.value as Animation)}
      >
        {ANIMATIONS.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </Select>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={active}
          onChange={(event) => setActive(event.target.checked)}
          className="size-5 accent-pink"
        />
        Active (viewers can send it)
      </label>
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {gift ? "Save gift" : "Add gift"}
        </Button>
        {gift && (
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        )}
      </div>
      {save.error && (
        <div className="sm:col-span-5">
          <Alert>{friendlyMessage(save.error)}</Alert>
        </div>
      )}
    </form>
  );
}

/** `/admin/gifts`: the gift catalog viewers send from; every change is audit-logged. */
export function AdminGiftsPage() {
  const gifts = useAdminGifts();
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <AdminShell
      title="Gifts"
      subtitle="The gifts viewers send in live streams. Changes are audit-logged; a retired gift stays in past streams."
    >
      <div className="flex flex-col gap-6">
        <section aria-labelledby="add-gift" className="flex flex-col gap-2">
          <h2 id="add-gift" className="font-body text-xl text-gold-soft">
            Add a gift
          </h2>
          <GiftForm key={gifts.data?.items.length ?? 0} gift={null} onDone={() => {}} />
        </section>
        {gifts.isLoading && <Spinner label="Loading the catalog" />}
        {gifts.error && <Alert>{friendlyMessage(gifts.error)}</Alert>}
        <ul aria-label="Gift catalog" className="flex flex-col gap-2">
          {gifts.data?.items.map((gift) =>
            editing === gift.id ? (
              <li key={gift.id}>
                <GiftForm gift={gift} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li
                key={gift.id}
                className="flex flex-wrap items-center gap-4 rounded-2xl border border-white/10 bg-veil/50 px-4 py-3"
              >
                <GiftPicture animation={gift.animation} className="size-10" />
                <span className="min-w-24 font-semibold">{gift.name}</span>
                <span className="text-gold-soft">{formatCents(gift.priceCents)}</span>
                <span className="text-sm text-white/60">{gift.animation}</span>
                <span className={gift.active ? "text-sm text-emerald-300" : "text-sm text-white/50"}>
                  {gift.active ? "Active" : "Retired"}
                </span>
                <Button variant="ghost" className="ml-auto" onClick={() => setEditing(gift.id)}>
                  Edit<span className="sr-only"> {gift.name}</span>
                </Button>
              </li>
            ),
          )}
        </ul>
      </div>
    </AdminShell>
  );
}

function EndStream({ streamId, title }: { streamId: string; title: string }) {
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const [open, setOpen] = useState(false);
  const end = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/v1/admin/streams/{streamId}/end", {
          params: { path: { streamId } },
          body: { reason },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: liveKeys.onAir() }),
  });
  if (!open)
    return (
      <Button variant="ghost" onClick={() => setOpen(true)}>
        End stream<span className="sr-only"> {title}</span>
      </Button>
    );
  return (
    <form
      className="flex w-full flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        end.mutate();
      }}
    >
      <TextField
        label="Reason (kept in the audit log)"
        required
        minLength={3}
        maxLength={500}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        className="flex-1"
      />
      <Button type="submit" disabled={end.isPending}>
        End it now
      </Button>
      <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      {end.error && <Alert>{friendlyMessage(end.error)}</Alert>}
    </form>
  );
}

/** `/admin/streams`: the streams on air now; an admin can end any of them, with a reason. */
export function AdminStreamsPage() {
  const streams = useQuery({
    queryKey: liveKeys.onAir(),
    queryFn: () => unwrap(api.GET("/api/v1/admin/streams")),
    refetchInterval: 15_000,
  });
  return (
    <AdminShell title="Live streams" subtitle="Streams on air now. Ending one stops it for every viewer.">
      {streams.isLoading && <Spinner label="Loading streams" />}
      {streams.error && <Alert>{friendlyMessage(streams.error)}</Alert>}
      {streams.data && streams.data.items.length === 0 && <EmptyState>No stream is on air.</EmptyState>}
      <ul aria-label="Streams on air" className="flex flex-col gap-3">
        {streams.data?.items.map((stream) => (
          <li
            key={stream.id}
            className="flex flex-wrap items-center gap-3 rounded-2xl border border-white/10 bg-veil/50 px-4 py-3"
          >
            <div className="min-w-48 flex-1">
              <Link to={`/live/${stream.id}`} className="font-semibold text-pink underline">
                {stream.title}
              </Link>
              <p className="text-sm text-white/65">
                {stream.reader.displayName} · {stream.visibility} · since{" "}
                {stream.startedAt ? new Date(stream.startedAt).toLocaleTimeString() : "—"}
              </p>
            </div>
            <EndStream streamId={stream.id} title={stream.title} />
          </li>
        ))}
      </ul>
    </AdminShell>
  );
}
