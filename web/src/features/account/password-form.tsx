import { type FormEvent, useState } from "react";
import { Alert, Button, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { useChangePassword } from "./queries";

/** Change the password with the current one. */
export function PasswordForm() {
  const [formKey, setFormKey] = useState(0);
  const change = useChangePassword();
  return (
    <form
      key={formKey}
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        change.mutate(
          {
            currentPassword: String(form.get("currentPassword")),
            newPassword: String(form.get("newPassword")),
          },
          // A fresh form: the typed passwords do not stay on the page.
          { onSuccess: () => setFormKey((key) => key + 1) },
        );
      }}
    >
      <h2 className="text-4xl text-gold">Password</h2>
      {change.isSuccess && (
        <Alert kind="success">Password changed. Your other sessions were signed out.</Alert>
      )}
      {change.error && <Alert>{friendlyMessage(change.error)}</Alert>}
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
      />
      <Button type="submit" variant="ghost" disabled={change.isPending} className="self-start">
        Change password
      </Button>
    </form>
  );
}
