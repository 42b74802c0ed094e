import { useEffect, useId, useRef, useState } from "react";
import { Alert, Button, TextArea } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { type AdminPayoutAction, useAdminPayoutAction } from "./queries";

/** What an admin does to a reader's payouts, before the reason is known. */
export type PendingPayoutAction =
  | { kind: "hold" | "release" | "pay-now"; readerUserId: string; readerName: string }
  | { kind: "retry"; payoutId: string; readerName: string };

const COPY: Record<PendingPayoutAction["kind"], { title: string; effect: string; submit: string }> = {
  hold: {
    title: "Hold payouts to",
    effect:
      "No payout is made to this reader until an admin releases them. Their earnings stay on the books.",
    submit: "Hold payouts",
  },
  release: {
    title: "Release payouts to",
    effect: "The next daily payout pays this reader again.",
    submit: "Release payouts",
  },
  "pay-now": {
    title: "Pay now:",
    effect: "Pays all of this reader's available earnings now, whatever their threshold, once.",
    submit: "Pay now",
  },
  retry: {
    title: "Retry the payout to",
    effect: "Pays the failed amount again from the reader's available earnings, once.",
    submit: "Retry payout",
  },
};

/** A modal dialog (native <dialog>: focus stays inside, Escape closes) asking why, then acting. */
export function PayoutActionDialog({
  action,
  onClose,
}: {
  action: PendingPayoutAction;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState("");
  // One key per opened dialog: a double click or a retried request pays once.
  const [idempotencyKey] = useState(() => crypto.randomUUID().replaceAll("-", ""));
  const run = useAdminPayoutAction();
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const copy = COPY[action.kind];
  const toRun = (why: string): AdminPayoutAction =>
    action.kind === "retry"
      ? { kind: "retry", payoutId: action.payoutId, reason: why }
      : action.kind === "pay-now"
        ? { kind: "pay-now", readerUserId: action.readerUserId, reason: why, idempotencyKey }
        : { kind: action.kind, readerUserId: action.readerUserId, reason: why };
  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-effect`}
      onClose={onClose}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-pink/40 bg-night p-6 text-white backdrop:bg-black/70"
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          run.mutate(toRun(reason.trim()), { onSuccess: () => dialog.current?.close() });
        }}
      >
        <h2 id={`${id}-title`} className="text-3xl text-pink">
          {copy.title} {action.readerName}?
        </h2>
        <p id={`${id}-effect`} className="text-sm text-white/75">
          {copy.effect}
        </p>
        <TextArea
          label="Reason (kept in the audit log)"
          rows={3}
          required
          minLength={3}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        {run.error && <Alert>{friendlyMessage(run.error)}</Alert>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" disabled={run.isPending || reason.trim().length < 3}>
            {run.isPending ? "Working…" : copy.submit}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
