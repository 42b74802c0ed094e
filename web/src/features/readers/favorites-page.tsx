import { Link } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Card, EmptyState, PageTitle, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { MyWaitlist } from "../waitlist/my-waitlist";
import { LiveStatusBadge } from "./live-status";
import { useFavorites } from "./queries";

/** The client's starred readers with their live status, and the callback lines they are in. */
export function FavoritesPage() {
  const favorites = useFavorites();
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
