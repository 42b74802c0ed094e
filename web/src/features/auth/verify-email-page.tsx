import { Link, useSearchParams } from "react-router";
import { Alert, Button, Spinner, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { AuthShell, formValues } from "./auth-shell";
import { useResendVerification, useVerifyEmail } from "./queries";
import { SandboxMailboxLink } from "./sandbox-mailbox-link";

/** Where the verification link lands; without a (valid) token, asks for a new link. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get("token");
  const verify = useVerifyEmail(token);
  const resend = useResendVerification();
  return (
    <AuthShell title="Verify your email">
      {token && verify.isLoading && <Spinner label="Checking your link" />}
      {verify.isSuccess && (
        <div className="flex flex-col gap-4">
          <Alert kind="success">Email verified — you can sign in now.</Alert>
          <Link to="/sign-in" className="rounded-full bg-pink px-5 py-2 text-center font-semibold text-night">
            Sign in
          </Link>
        </div>
      )}
      {(verify.isError || !token) && (
        <form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(event) => resend.mutate(formValues(event).email ?? "")}
        >
          {verify.isError && <Alert>{friendlyMessage(verify.error)}</Alert>}
          {resend.isSuccess ? (
            <>
              <Alert kind="success">
                If that account is waiting for verification, a new link is on its way.
              </Alert>
              <SandboxMailboxLink />
            </>
          ) : (
            <>
              <p className="text-white/75">Enter your email and we will send a new verification link.</p>
              <TextField label="Email" name="email" type="email" autoComplete="email" required />
              {resend.error && <Alert>{friendlyMessage(resend.error)}</Alert>}
              <Button type="submit" disabled={resend.isPending}>
                Send a new link
              </Button>
            </>
          )}
        </form>
      )}
    </AuthShell>
  );
}
