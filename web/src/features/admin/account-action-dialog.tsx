import { useEffect, useId, useRef, useState } from "react";
import { Alert, Button, TextArea } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { type AccountAction, useAccountAction } from "./queries";

/** The account an admin acts on: its id and the name to show. */
export interface AccountTarget {
  userId: string;
  displayName: string;
}

const COPY: Record<AccountAction, { title: string; effect: string; submit: string; pending: string }> = {
  suspend: {
    title: "Suspend",
    effect:
      "They can still sign in, see their wallet and history, and see this reason. They cannot start, accept or continue a reading, chat, go online or spend. Their live readings end now (billed to the second); a reader goes offline and disappears from browse.",
    submit: "Suspend account",
    pending: "Suspending…",
  },
  ban: {
    title: "Ban",
    effect:
      "Every sign-in and live connection ends at once and signing in is refused. Their live readings end now (billed to the second).",
    submit: "Ban account",
    pending: "Banning…",
  },
  restore: {
    title: "Restore",
    effect: "The account becomes active again. A reader stays offline until they go online themselves.",
    submit: "Restore account",
    pending: "Restoring…",
  },
};

/** A modal dialog (native <dialog>: focus stays inside, Escape closes) asking why, then acting. */
export function AccountActionDialog({
  target,
  action,
  onClose,
}: {
  target: AccountTarget;
  action: AccountAction;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState("");
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const run = useAccountAction(target.userId, action);
  const copy = COPY[action];
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
          run.mutate(reason, { onSuccess: () => dialog.current?.close() });
        }}
      >
        <h2 id={`${id}-title`} className="text-3xl text-pink">
          {copy.title} {target.displayName}?
        </h2>
        <p id={`${id}-effect`} className="text-sm text-white/75">
          {copy.effect}
        </p>
        <TextArea
          label={
            action === "restore"
              ? "Reason (kept in the audit log)"
              : "Reason (shown to them and audit-logged)"
          }
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
            {run.isPending ? copy.pending : copy.submit}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

/** The actions an account's standing allows, as buttons that open the dialog. */
export function AccountActionButtons({
  status,
  displayName,
  onAction,
}: {
  status: "active" | "suspended" | "banned";
  displayName: string;
  onAction: (action: AccountAction) => void;
}) {
  const actions: AccountAction[] =
    status === "active" ? ["suspend", "ban"] : status === "suspended" ? ["restore", "ban"] : ["restore"];
  return (
    <>
      {actions.map((action) => (
        <Button
          key={action}
          variant={action === "restore" ? "gold" : "ghost"}
          onClick={() => onAction(action)}
        >
          {COPY[action].title}
          <span className="sr-only"> {displayName}</span>
        </Button>
      ))}
    </>
  );
}
