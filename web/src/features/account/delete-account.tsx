import { useEffect, useId, useRef, useState } from "react";
import { Alert, Button, TextField } from "../../components/ui";
import { ApiError, friendlyMessage } from "../../lib/api/client";
import { useRequestDeletion } from "./queries";

/** What deleting does, said once: in the dialog and nowhere else. */
function Consequences() {
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-white/80">
      <li>Your name, email, photo, bio, reviews' text, chat lines, notes and notifications are removed.</li>
      <li>Any reading in progress ends now, and you are signed out everywhere and cannot sign in again.</li>
      <li>
        Your payment history stays on our books, no longer tied to your name. Money left in your wallet (and a
        reader's unpaid earnings) cannot be paid back to a card automatically yet: it stays on the books, and
        you can claim it by emailing support with the reference shown after deletion.
      </li>
      <li>This cannot be undone.</li>
    </ul>
  );
}

/** The modal (native dialog: focus stays inside, Escape closes): password, then "check your email". */
function DeleteDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [password, setPassword] = useState("");
  const request = useRequestDeletion();
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const error =
    request.error instanceof ApiError && request.error.code === "INVALID_CREDENTIALS"
      ? "The password is not correct."
      : request.error && friendlyMessage(request.error);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onClose={onClose}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-2xl border border-pink/40 bg-night p-6 text-white backdrop:bg-black/70"
    >
      {request.isSuccess ? (
        <div className="flex flex-col gap-4" role="status">
          <h2 id={`${id}-title`} className="text-3xl text-pink">
            Check your email
          </h2>
          <p className="text-white/80">
            We sent you a link to confirm the deletion. It works for one hour. Nothing is deleted until you
            open it and confirm.
          </p>
          <Button type="button" variant="ghost" className="self-end" onClick={() => dialog.current?.close()}>
            Close
          </Button>
        </div>
      ) : (
        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            request.mutate(password);
          }}
        >
          <h2 id={`${id}-title`} className="text-3xl text-pink">
            Delete your account?
          </h2>
          <Consequences />
          <TextField
            label="Your password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            hint="Accounts that sign in only with Auth0 leave this empty and must have signed in within the last 10 minutes."
          />
          {error && <Alert>{error}</Alert>}
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
              Keep my account
            </Button>
            <Button type="submit" disabled={request.isPending} aria-busy={request.isPending}>
              {request.isPending ? "Sending…" : "Email me the confirmation link"}
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}

/** "Delete my account": opens the dialog that explains what happens and asks for the password. */
export function DeleteAccount() {
  const [open, setOpen] = useState(false);
  return (
    <section className="flex flex-col gap-3" aria-labelledby="delete-account-title">
      <h2 id="delete-account-title" className="text-4xl text-gold">
        Delete my account
      </h2>
      <p className="text-white/75">
        We email you a link first; your account is deleted only when you confirm from that email.
      </p>
      <Button type="button" variant="ghost" className="self-start" onClick={() => setOpen(true)}>
        Delete my account…
      </Button>
      {open && <DeleteDialog onClose={() => setOpen(false)} />}
    </section>
  );
}
