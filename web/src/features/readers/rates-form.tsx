import { type FormEvent, useEffect, useRef } from "react";
import { Link, useLocation } from "react-router";
import { Alert, Button, Card, TextField } from "../../components/ui";
import { fieldErrors, friendlyMessage } from "../../lib/api/client";
import { type MyReaderProfile, useSaveMyRates } from "./queries";

const RATE_FIELDS = [
  ["chat", "Chat"],
  ["voice", "Voice"],
  ["video", "Video"],
  ["scheduled", "Booked readings"],
] as const;

/**
 * The reader's per-minute rates, in dollars; an empty one is a modality not offered. The booked
 * readings' rate prices readings clients book ahead (rate × length); empty takes no bookings.
 */
export function RatesForm({ rates }: { rates: MyReaderProfile["reader"]["rates"] }) {
  const saveRates = useSaveMyRates();
  const errors = fieldErrors(saveRates.error);
  // The availability page links here (#rates).
  const location = useLocation();
  const card = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (location.hash === "#rates") card.current?.scrollIntoView({ block: "start" });
  }, [location.hash]);
  return (
    <Card>
      <form
        id="rates"
        ref={card}
        className="grid scroll-mt-28 gap-4 sm:grid-cols-2"
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const next: Record<string, number | null> = {};
          for (const [key] of RATE_FIELDS) {
            const value = String(form.get(key) ?? "").trim();
            next[key] = value ? Math.round(Number(value) * 100) : null;
          }
          saveRates.mutate(next);
        }}
      >
        <h2 className="text-4xl text-gold sm:col-span-2">Per-minute rates</h2>
        <p className="text-sm text-white/70 sm:col-span-2">
          $0.99 to $49.99 a minute. Leave empty for a modality you do not offer. New rates apply to readings
          that start after you save. The booked-readings rate sets the price of readings clients book ahead
          (rate × length; bookings already made keep their price) —{" "}
          <Link to="/reader/availability" className="text-pink underline">
            set your hours
          </Link>
          .
        </p>
        {RATE_FIELDS.map(([key, label]) => (
          <TextField
            key={key}
            label={`${label} (USD/min)`}
            name={key}
            inputMode="decimal"
            defaultValue={rates[key] === null ? "" : ((rates[key] ?? 0) / 100).toFixed(2)}
            error={errors[key]}
          />
        ))}
        {saveRates.error && <Alert>{friendlyMessage(saveRates.error)}</Alert>}
        {saveRates.isSuccess && <Alert kind="success">Rates saved.</Alert>}
        <Button type="submit" variant="gold" disabled={saveRates.isPending} className="self-start">
          Save rates
        </Button>
      </form>
    </Card>
  );
}
