import { type FormEvent, useState } from "react";
import { Alert, Button, TextField } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useStartTopUp } from "./queries";

/** Presets or another amount, then the card processor's checkout page. */
export function TopUpForm({ presets, min, max }: { presets: number[]; min: number; max: number }) {
  const [amount, setAmount] = useState<number>(presets[1] ?? 2_500);
  const [custom, setCustom] = useState("");
  const start = useStartTopUp();
  const customCents = custom ? Math.round(Number(custom) * 100) : null;
  const chosen = customCents ?? amount;
  const invalid = !Number.isInteger(chosen) || chosen < min || chosen > max;
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        if (invalid) return;
        start.mutate(chosen, {
          onSuccess: (data) => {
            if (data.topUp.checkoutUrl) window.location.assign(data.topUp.checkoutUrl);
          },
        });
      }}
    >
      <h2 className="text-4xl text-gold">Add funds</h2>
      <fieldset className="flex flex-wrap gap-2">
        <legend className="mb-2 text-sm font-semibold text-gold-soft">Choose an amount</legend>
        {presets.map((preset) => (
          <button
            key={preset}
            type="button"
            aria-pressed={customCents === null && amount === preset}
            onClick={() => {
              setAmount(preset);
              setCustom("");
            }}
            className="min-h-11 rounded-full border border-pink/50 px-5 text-lg aria-pressed:bg-pink aria-pressed:text-night"
          >
            {formatCents(preset)}
          </button>
        ))}
      </fieldset>
      <TextField
        label="Or another amount (USD)"
        name="custom"
        inputMode="decimal"
        placeholder="e.g. 40"
        value={custom}
        onChange={(event) => setCustom(event.target.value.replace(/[^0-9.]/g, ""))}
        hint={`Between ${formatCents(min)} and ${formatCents(max)}.`}
        error={
          custom && invalid
            ? `Enter an amount between ${formatCents(min)} and ${formatCents(max)}.`
            : undefined
        }
      />
      {start.error && <Alert>{friendlyMessage(start.error)}</Alert>}
      <Button type="submit" disabled={invalid || start.isPending} className="self-start">
        {start.isPending ? "Opening checkout…" : `Top up ${invalid ? "" : formatCents(chosen)}`}
      </Button>
    </form>
  );
}
