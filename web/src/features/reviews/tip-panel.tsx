import { useRef, useState } from "react";
import { Alert, Button, Card, TextField } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useTip } from "./queries";

const TIP_PRESETS_CENTS = [100, 300, 500] as const;
const TIP_MIN_CENTS = 100;
const TIP_MAX_CENTS = 50_000;

/** Presets or a custom amount, then an explicit confirmation; one key per confirmed tip so a retry never pays twice. */
export function TipPanel({ readingId }: { readingId: string }) {
  const [choice, setChoice] = useState<number | "custom" | null>(null);
  const [custom, setCustom] = useState("");
  const [confirming, setConfirming] = useState(false);
  const keyRef = useRef<string | null>(null);
  const customCents = Math.round(Number.parseFloat(custom) * 100);
  const amountCents = choice === "custom" ? customCents : choice;
  const valid =
    amountCents !== null &&
    Number.isInteger(amountCents) &&
    amountCents >= TIP_MIN_CENTS &&
    amountCents <= TIP_MAX_CENTS;
  const tip = useTip(readingId);
  const pick = (next: number | "custom") => {
    setChoice(next);
    setConfirming(false);
    keyRef.current = null;
    tip.reset();
  };
  const confirm = () => {
    if (!valid || amountCents === null) return;
    keyRef.current ??= crypto.randomUUID();
    tip.mutate(
      { amountCents, idempotencyKey: keyRef.current },
      {
        onSuccess: () => {
          keyRef.current = null;
          setConfirming(false);
        },
      },
    );
  };
  return (
    <Card>
      <h2 className="text-3xl text-gold">Leave a tip</h2>
      <p className="mt-1 text-sm text-white/70">Optional. Your reader receives 70% of every tip.</p>
      {tip.isSuccess ? (
        <div className="mt-3">
          <Alert kind="success">
            Thank you! You tipped {formatCents(tip.data.tippedCents)}. Your balance is{" "}
            {formatCents(tip.data.balanceCents)}.
          </Alert>
        </div>
      ) : (
        <>
          <fieldset className="mt-3 flex flex-wrap gap-2">
            <legend className="sr-only">Tip amount</legend>
            {TIP_PRESETS_CENTS.map((cents) => (
              <Button
                key={cents}
                variant={choice === cents ? "gold" : "ghost"}
                aria-pressed={choice === cents}
                onClick={() => pick(cents)}
              >
                {formatCents(cents)}
              </Button>
            ))}
            <Button
              variant={choice === "custom" ? "gold" : "ghost"}
              aria-pressed={choice === "custom"}
              onClick={() => pick("custom")}
            >
              Custom
            </Button>
          </fieldset>
          {choice === "custom" && (
            <TextField
              label="Amount in dollars ($1–$500)"
              className="mt-3 max-w-xs"
              type="number"
              inputMode="decimal"
              min={TIP_MIN_CENTS / 100}
              max={TIP_MAX_CENTS / 100}
              step="0.01"
              value={custom}
              onChange={(event) => {
                setCustom(event.target.value);
                setConfirming(false);
                keyRef.current = null;
              }}
            />
          )}
          {valid && amountCents !== null && !confirming && (
            <Button className="mt-4" onClick={() => setConfirming(true)}>
              Tip {formatCents(amountCents)}
            </Button>
          )}
          {confirming && valid && amountCents !== null && (
            <div className="mt-4 flex flex-wrap items-center gap-3 rounded-lg border border-gold/40 bg-gold/10 p-3">
              <p className="text-gold-soft">Send a {formatCents(amountCents)} tip from your wallet?</p>
              <Button variant="gold" onClick={confirm} disabled={tip.isPending}>
                {tip.isPending ? "Sending…" : "Yes, send tip"}
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)} disabled={tip.isPending}>
                Cancel
              </Button>
            </div>
          )}
          {tip.error && (
            <div className="mt-3">
              <Alert>{friendlyMessage(tip.error)}</Alert>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
