import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Alert, Button, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { AuthShell, formValues } from "./auth-shell";
import { useResetPassword } from "./queries";

/** Where the reset link lands: choose a new password (twice). */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const [mismatch, setMismatch] = useState(false);
  const reset = useResetPassword();
  if (reset.isSuccess) {
    return (
      <AuthShell title="Password changed">
        <Alert kind="success">Your new password is set. You have been signed out everywhere else.</Alert>
        <Link to="/sign-in" className="mt-4 block text-center text-pink underline">
          Sign in
        </Link>
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Choose a new password">
      <form
        className="flex flex-col gap-4"
        noValidate
        onSubmit={(event) => {
          const values = formValues(event);
          if (values.newPassword !== values.confirm) return setMismatch(true);
          setMismatch(false);
          reset.mutate({ token: params.get("token") ?? "", newPassword: values.newPassword ?? "" });
        }}
      >
        {reset.error && <Alert>{friendlyMessage(reset.error)}</Alert>}
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          required
        />
        <TextField
          label="Confirm new password"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={mismatch ? "The two passwords are not the same." : undefined}
        />
        <Button type="submit" disabled={reset.isPending}>
          Save new password
        </Button>
      </form>
    </AuthShell>
  );
}
