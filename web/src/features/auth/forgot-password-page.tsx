import { Alert, Button, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { AuthShell, formValues } from "./auth-shell";
import { useRequestPasswordReset } from "./queries";
import { SandboxMailboxLink } from "./sandbox-mailbox-link";

/** Ask for a password reset link by email. */
export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  return (
    <AuthShell title="Forgot your password?" subtitle="We will email you a link to choose a new one.">
      {request.isSuccess ? (
        <>
          <Alert kind="success">
            If an account exists for that email, a reset link is on its way. It works for one hour.
          </Alert>
          <SandboxMailboxLink />
        </>
      ) : (
        <form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(event) => request.mutate(formValues(event).email ?? "")}
        >
          {request.error && <Alert>{friendlyMessage(request.error)}</Alert>}
          <TextField label="Email" name="email" type="email" autoComplete="email" required />
          <Button type="submit" disabled={request.isPending}>
            Send reset link
          </Button>
        </form>
      )}
    </AuthShell>
  );
}
