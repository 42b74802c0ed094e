import type { FormEvent } from "react";
import { Alert, Button, Spinner, TextField } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useSetSpendingLimit, useSpendingLimits } from "./queries";

const PERIOD_LABELS = { daily: "Daily", weekly: "Weekly (7 days)", monthly: "Monthly (30 days)" } as const;

/** Daily, weekly and monthly limits: lowering applies at once, raising after 24 hours. */
export function SpendingLimits() {
  const limits = useSpendingLimits();
  const save = useSetSpendingLimit();
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-4xl text-gold">Spending limits</h2>
      <p className="text-sm text-white/70">
        Lowering a limit applies at once. Raising or removing one takes effect after 24 hours.
      </p>
      {limits.isLoading && <Spinner label="Loading your limits" />}
      {limits.error && <Alert>{friendlyMessage(limits.error)}</Alert>}
      {save.error && <Alert>{friendlyMessage(save.error)}</Alert>}
      {limits.data?.limits.map((limit) => (
        <form
          key={limit.period}
          className="grid items-end gap-3 sm:grid-cols-[1fr_auto_auto]"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            const value = String(new FormData(event.currentTarget).get("amount") ?? "").trim();
            save.mutate({ period: limit.period, limitCents: value ? Math.round(Number(value) * 100) : null });
          }}
        >
          <TextField
            label={`${PERIOD_LABELS[limit.period]} limit (USD)`}
            name="amount"
            inputMode="decimal"
            placeholder="No limit"
            defaultValue={limit.limitCents === null ? "" : (limit.limitCents / 100).toFixed(2)}
            hint={
              limit.pendingEffectiveAt
                ? `${limit.pendingRemoval ? "Removal" : `Raise to ${formatCents(limit.pendingLimitCents ?? 0)}`} applies ${new Date(limit.pendingEffectiveAt).toLocaleString()}.`
                : limit.limitCents === null
                  ? "No limit set."
                  : `Now ${formatCents(limit.limitCents)}.`
            }
          />
          <Button type="submit" variant="gold" disabled={save.isPending}>
            Save
          </Button>
          {limit.limitCents !== null && (
            <Button
              type="button"
              variant="ghost"
              disabled={save.isPending}
              onClick={() => save.mutate({ period: limit.period, limitCents: null })}
            >
              Remove
            </Button>
          )}
        </form>
      ))}
    </div>
  );
}
