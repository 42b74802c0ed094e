import { useEffect, useId, useRef, useState } from "react";
import { Alert, Button, TextArea } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { type AdminReader, useSuspendReader } from "./queries";

/** A modal dialog (native <dialog>: focus stays inside, Escape closes) asking why the reader is suspended. */
export function SuspendDialog({ reader, onClose }: { reader: AdminReader; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState("");
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const suspend = useSuspendReader(reader.userId);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-pink/40 bg-night p-6 text-white backdrop:bg-black/70"
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          suspend.mutate(reason, { onSuccess: onClose });
        }}
      >
        <h2 id={`${id}-title`} className="text-3xl text-pink">
          Suspend {reader.displayName}?
        </h2>
        <p className="text-sm text-white/75">
          They disappear from browse, search and their public page, go offline at once, and cannot go online
          until reinstated.
        </p>
        <TextArea
          label="Reason (kept in the audit log)"
          rows={3}
          required
          minLength={3}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        {suspend.error && <Alert>{friendlyMessage(suspend.error)}</Alert>}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" disabled={suspend.isPending || reason.trim().length < 3}>
            {suspend.isPending ? "Suspending…" : "Suspend reader"}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
