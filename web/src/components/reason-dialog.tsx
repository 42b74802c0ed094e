import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { friendlyMessage } from "../lib/api/client";
import { Alert, Button, TextArea } from "./ui";

/**
 * A modal dialog (native <dialog>: focus stays inside, Escape closes) that asks an admin why,
 * then acts: the caller's `onSubmit` runs the action and calls `done` when it succeeded.
 */
export function ReasonDialog({
  title,
  effect,
  reasonLabel = "Reason (kept in the audit log)",
  submitLabel,
  pendingLabel = "Working…",
  pending,
  error,
  onSubmit,
  onClose,
  children,
}: {
  title: ReactNode;
  effect: ReactNode;
  reasonLabel?: string;
  submitLabel: string;
  pendingLabel?: string;
  pending: boolean;
  error: unknown;
  onSubmit: (reason: string, done: () => void) => void;
  onClose: () => void;
  /** More fields, between the effect and the reason. */
  children?: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState("");
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
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
          onSubmit(reason.trim(), () => dialog.current?.close());
        }}
      >
        <h2 id={`${id}-title`} className="text-3xl text-pink">
          {title}
        </h2>
        <div id={`${id}-effect`} className="text-sm text-white/75">
          {effect}
        </div>
        {children}
        <TextArea
          label={reasonLabel}
          rows={3}
          required
          minLength={3}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        {error ? <Alert>{friendlyMessage(error)}</Alert> : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending || reason.trim().length < 3}>
            {pending ? pendingLabel : submitLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
