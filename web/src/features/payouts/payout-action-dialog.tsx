import { useState } from "react";
import { ReasonDialog } from "../../components/reason-dialog";
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

/** Asks why, then holds, releases, pays now or retries (audit-logged on the server). */
export function PayoutActionDialog({
  action,
  onClose,
}: {
  action: PendingPayoutAction;
  onClose: () => void;
}) {
  // One key per opened dialog: a double click or a retried request pays once.
  const [idempotencyKey] = useState(() => crypto.randomUUID().replaceAll("-", ""));
  const run = useAdminPayoutAction();
  const copy = COPY[action.kind];
  const toRun = (why: string): AdminPayoutAction =>
    action.kind === "retry"
      ? { kind: "retry", payoutId: action.payoutId, reason: why }
      : action.kind === "pay-now"
        ? { kind: "pay-now", readerUserId: action.readerUserId, reason: why, idempotencyKey }
        : { kind: action.kind, readerUserId: action.readerUserId, reason: why };
  return (
    <ReasonDialog
      title={`${copy.title} ${action.readerName}?`}
      effect={copy.effect}
      submitLabel={copy.submit}
      pending={run.isPending}
      error={run.error}
      onSubmit={(reason, done) => run.mutate(toRun(reason), { onSuccess: done })}
      onClose={onClose}
    />
  );
}
