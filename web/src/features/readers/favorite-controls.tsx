import { useState } from "react";
import { Alert, Button, Checkbox } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { useFavorites, useSaveFavorite } from "./queries";

/** Star / unstar and "email me when online", for clients on a reader's page. */
export function FavoriteControls({ readerUserId, name }: { readerUserId: string; name: string }) {
  const favorites = useFavorites();
  const current = favorites.data?.items.find((item) => item.reader.userId === readerUserId);
  const save = useSaveFavorite(readerUserId);
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
        <Checkbox
          label={`Tell me when ${name} comes online (in the app and by email)`}
          checked={notifyOnline}
          disabled={save.isPending}
          onChange={(event) => change({ starred: true, notifyOnline: event.target.checked })}
        />
      )}
      {save.error && <Alert>{friendlyMessage(save.error)}</Alert>}
    </div>
  );
}
