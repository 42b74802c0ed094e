import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, EmptyState, PageTitle, Spinner } from "../../components/ui";
import { api, formatCents, friendlyMessage, unwrap } from "../../lib/api/client";
import { MyWaitlist } from "../readings/waitlist";
import { LiveStatusBadge } from "./live-status";

const FAVORITES_KEY = ["favorites"] as const;

export function useFavorites(enabled: boolean) {
  return useQuery({ queryKey: FAVORITES_KEY, queryFn: () => unwrap(api.GET("/api/v1/favorites")), enabled });
}

/** Star / unstar and "email me when online", for clients on a reader's page. */
export function FavoriteControls({ readerUserId, name }: { readerUserId: string; name: string }) {
  const client = useQueryClient();
  const favorites = useFavorites(true);
  const current = favorites.data?.items.find((item) => item.reader.userId === readerUserId);
  const save = useMutation({
    mutationFn: (input: { starred: boolean; notifyOnline: boolean }) =>
      input.starred
        ? unwrap(
            api.PUT("/api/v1/favorites/{readerUserId}", {
              params: { path: { readerUserId } },
              body: { notifyOnline: input.notifyOnline },
            }),
          )
        : unwrap(api.DELETE("/api/v1/favorites/{readerUserId}", { params: { path: { readerUserId } } })),
    onSuccess: (data) => client.setQueryData(FAVORITES_KEY, data),
  });
  // The state being saved shows straight away (set in the same event as the click, so a checkbox
  // React controls is never put back for a moment before the mutation's own state arrives).
  const [saving, setSaving] = useState<{ starred: boolean; notifyOnline: boolean } | null>(null);
  const change = (input: { starred: boolean; notifyOnline: boolean }) => {
    setSaving(input);
    save.mutate(input, { onSettled: () => setSaving(null) });
  };
  const starred = saving ? saving.starred : Boolean(current);
  const notifyOnline = saving ? saving.notifyOnline : (current?.notifyOnline ?? false);
  return (
    <div className="mt-5 flex flex-wrap items-center gap-3">
      <Button
        variant={starred ? "gold" : "ghost"}
        aria-pressed={starred}
        disabled={save.isPending || favorites.isLoading}
        onClick={() => change({ starred: !starred, notifyOnline })}
      >
        {starred ? `★ ${name} is a favorite` : "☆ Add to favorites"}
      </Button>
      {starred && (
        <label className="flex items-center gap-2 text-sm text-white/85">
          <input
            type="checkbox"
            className="size-5 accent-pink"
            checked={notifyOnline}
            disabled={save.isPending}
            onChange={(event) => change({ starred: true, notifyOnline: event.target.checked })}
          />
          Tell me when {name} comes online (in the app and by email)
        </label>
      )}
      {save.error && <Alert>{friendlyMessage(save.error)}</Alert>}
    </div>
  );
}

export function FavoritesPage() {
  const favorites = useFavorites(true);
  const items = favorites.data?.items ?? [];
  return (
    <RequireUser requiredRole="client">
      {() => (
        <div className="mx-auto max-w-3xl">
          <PageTitle subtitle="The readers you starred, with their status right now.">Favorites</PageTitle>
          <div className="mb-6">
            <MyWaitlist />
          </div>
          <Card>
            {favorites.isLoading && <Spinner label="Loading your favorites" />}
            {favorites.error && <Alert>{friendlyMessage(favorites.error)}</Alert>}
            {favorites.isSuccess && items.length === 0 && (
              <EmptyState>
                No favorites yet.{" "}
                <Link className="text-pink underline" to="/readers">
                  Find a reader
                </Link>{" "}
                and star them.
              </EmptyState>
            )}
            <ul className="divide-y divide-white/10">
              {items.map(({ reader, notifyOnline }) => (
                <li key={reader.userId} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <div>
                    <Link
                      to={`/readers/${reader.slug}`}
                      className="font-heading text-3xl text-pink hover:underline"
                    >
                      {reader.displayName}
                    </Link>
                    <p className="flex flex-wrap items-center gap-x-2 text-sm text-white/70">
                      <LiveStatusBadge readerUserId={reader.userId} status={reader.status} />
                      {reader.rates.chat !== null && <span>· chat {formatCents(reader.rates.chat)}/min</span>}
                      {notifyOnline && <span>· we tell you when they come online</span>}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}
    </RequireUser>
  );
}
