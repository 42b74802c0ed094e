import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";
import { Alert, Button, Checkbox, Select, Spinner, TextField } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import {
  type AutoReload,
  useAutoReload,
  useRemoveCard,
  useSaveCard,
  useUpdateAutoReload,
} from "./auto-reload-queries";

const AMOUNTS_CENTS = [1_000, 2_500, 5_000, 10_000] as const;

/** Cents from a typed dollar amount ("10", "10.5", "10.50"); NaN when it is not one. */
function centsOf(typed: string) {
  const match = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(typed.replace(/^\$/, ""));
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

const LAST_STATUS: Record<string, string> = {
  succeeded: "added",
  pending: "is being charged",
  requires_action: "waits for you to confirm it with your bank",
  failed: "failed",
};

/** The wallet's auto-reload: the saved card, on or off, how much, the floor, and the latest one. */
export function AutoReloadSettings() {
  const settings = useAutoReload();
  const [params] = useSearchParams();
  const saveCard = useSaveCard();
  const removeCard = useRemoveCard();
  const data = settings.data;
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-4xl text-gold">Auto-reload</h2>
      <p className="text-white/80">
        Never run out mid-reading: when your balance falls below 2 minutes of the reading's rate, your saved
        card adds the amount you choose, without pausing the reading.
      </p>
      {params.get("card") === "saved" && <Alert kind="success">Your card is being saved.</Alert>}
      {params.get("card") === "cancelled" && <Alert kind="info">No card was saved.</Alert>}
      {settings.isLoading && <Spinner label="Loading auto-reload" />}
      {settings.error && <Alert>{friendlyMessage(settings.error)}</Alert>}
      {data && (
        <>
          <div className="flex flex-wrap items-center gap-3">
            {data.card ? (
              <p data-testid="saved-card">
                Saved card: <span className="font-semibold capitalize">{data.card.brand ?? "card"}</span> ••••{" "}
                {data.card.last4}
                {data.card.expMonth && data.card.expYear && (
                  <span className="text-white/60">
                    {" "}
                    · expires {String(data.card.expMonth).padStart(2, "0")}/{data.card.expYear}
                  </span>
                )}
              </p>
            ) : (
              <p className="text-white/70">{data.savingCard ? "Saving your card…" : "No card saved."}</p>
            )}
            <Button variant="ghost" onClick={() => saveCard.mutate()} disabled={saveCard.isPending}>
              {data.card ? "Replace card" : "Save a card"}
            </Button>
            {data.card && (
              <Button variant="ghost" onClick={() => removeCard.mutate()} disabled={removeCard.isPending}>
                Remove card
              </Button>
            )}
          </div>
          {(saveCard.error || removeCard.error) && (
            <Alert>{friendlyMessage(saveCard.error ?? removeCard.error)}</Alert>
          )}
          {data.card && <SettingsForm data={data} />}
          {data.last && (
            <p className="text-sm text-white/70" role="status">
              Latest auto-reload: {formatCents(data.last.amountCents)}{" "}
              {LAST_STATUS[data.last.status] ?? data.last.status} on{" "}
              {new Date(data.last.createdAt).toLocaleString()}
              {data.last.failureMessage ? ` — ${data.last.failureMessage}` : ""}
            </p>
          )}
        </>
      )}
    </div>
  );
}

function SettingsForm({ data }: { data: AutoReload }) {
  const update = useUpdateAutoReload();
  const [enabled, setEnabled] = useState(data.enabled);
  const [saved, setSaved] = useState(false);
  const [floorError, setFloorError] = useState<string | null>(null);
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const floor = String(form.get("floor") ?? "").trim();
        setSaved(false);
        const floorCents = floor === "" ? null : centsOf(floor);
        if (floorCents !== null && (Number.isNaN(floorCents) || floorCents < 100 || floorCents > 50_000)) {
          setFloorError("Enter an amount from $1.00 to $500.00, like 10 or 10.50, or leave it empty.");
          return;
        }
        setFloorError(null);
        update.mutate(
          {
            enabled,
            amountCents: Number(form.get("amount")),
            floorCents,
          },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      <Checkbox
        className="sm:col-span-2"
        label="Turn on auto-reload"
        checked={enabled}
        onChange={(event) => setEnabled(event.target.checked)}
      />
      <Select label="Add each time" name="amount" defaultValue={String(data.amountCents)}>
        {[...new Set([...AMOUNTS_CENTS, data.amountCents])].map((cents) => (
          <option key={cents} value={cents}>
            {formatCents(cents)}
          </option>
        ))}
      </Select>
      <TextField
        label="Also outside readings, below (USD, optional)"
        name="floor"
        inputMode="decimal"
        defaultValue={data.floorCents === null ? "" : (data.floorCents / 100).toFixed(2)}
        hint="Leave empty to reload only during readings."
        error={floorError ?? undefined}
      />
      <p className="text-sm text-white/60 sm:col-span-2">
        At most once every {data.minIntervalMinutes} minutes and {data.maxPerDay} times a day.
      </p>
      {update.error && <Alert>{friendlyMessage(update.error)}</Alert>}
      {saved && <Alert kind="success">Auto-reload {enabled ? "is on" : "is off"}.</Alert>}
      <Button type="submit" variant="gold" className="self-start" disabled={update.isPending}>
        Save auto-reload
      </Button>
    </form>
  );
}
