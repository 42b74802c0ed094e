import { Button } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useAutoReload, useConfirmAutoReload } from "../wallet/auto-reload-queries";

/**
 * In the reading room, the client's auto-reload of this reading: added, waiting for the bank's
 * confirmation (3-D Secure: a button opens it), or failed (the manual top-up is beside it).
 */
export function AutoReloadNotice({ since }: { since: string }) {
  const settings = useAutoReload({ refetchIntervalMs: 5_000 });
  const confirm = useConfirmAutoReload();
  const last = settings.data?.last;
  if (!settings.data?.enabled || !last || new Date(last.createdAt) < new Date(since)) return null;
  const amount = formatCents(last.amountCents);
  if (last.status === "succeeded")
    return (
      <p role="status" className="mt-3 text-sm text-emerald-300">
        Auto-reload added {amount} to your wallet.
      </p>
    );
  if (last.status === "requires_action")
    return (
      <div
        role="alert"
        className="mt-3 flex flex-col gap-2 rounded-lg border border-gold/60 bg-gold/10 px-3 py-2 text-gold"
      >
        <p>Your bank asks you to confirm the {amount} auto-reload.</p>
        <Button
          variant="gold"
          className="self-start"
          onClick={() => confirm.mutate(last.topUpId)}
          disabled={confirm.isPending}
        >
          Confirm with your bank
        </Button>
        {confirm.isSuccess && (
          <p className="text-sm text-white/70">Opened in a new tab: the money arrives once you confirm.</p>
        )}
        {confirm.error && <p className="text-sm text-pink">{friendlyMessage(confirm.error)}</p>}
      </div>
    );
  if (last.status === "failed")
    return (
      <p role="alert" className="mt-3 rounded-lg border border-pink/60 bg-pink/10 px-3 py-2 text-pink">
        Auto-reload of {amount} failed{last.failureMessage ? `: ${last.failureMessage}` : "."} Add funds to
        keep going.
      </p>
    );
  return (
    <p role="status" className="mt-3 text-sm text-white/70">
      Auto-reload is adding {amount}…
    </p>
  );
}
