import { ReasonDialog } from "../../components/reason-dialog";
import { Button } from "../../components/ui";
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

/** Asks why, then suspends, bans or restores the account (audit-logged on the server). */
export function AccountActionDialog({
  target,
  action,
  onClose,
}: {
  target: AccountTarget;
  action: AccountAction;
  onClose: () => void;
}) {
  const run = useAccountAction(target.userId, action);
  const copy = COPY[action];
  return (
    <ReasonDialog
      title={`${copy.title} ${target.displayName}?`}
      effect={copy.effect}
      reasonLabel={
        action === "restore" ? "Reason (kept in the audit log)" : "Reason (shown to them and audit-logged)"
      }
      submitLabel={copy.submit}
      pendingLabel={copy.pending}
      pending={run.isPending}
      error={run.error}
      onSubmit={(reason, done) => run.mutate(reason, { onSuccess: done })}
      onClose={onClose}
    />
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
