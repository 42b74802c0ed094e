import { useState } from "react";
import { Link } from "react-router";
import { Alert, Button, TextField } from "../../components/ui";
import { fieldErrors, friendlyMessage } from "../../lib/api/client";
import { AgeAndTermsFields } from "./age-and-terms-fields";
import { AuthShell, formValues } from "./auth-shell";
import { useSignUp } from "./queries";
import { SandboxMailboxLink } from "./sandbox-mailbox-link";

/** Create an account (18+); a verification link goes to the email. */
export function SignUpPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const signUp = useSignUp();
  const submit = (values: Record<string, string>) =>
    signUp.mutate(
      {
        email: values.email ?? "",
        password: values.password ?? "",
        displayName: values.displayName ?? "",
        dateOfBirth: values.dateOfBirth ?? "",
        acceptTerms: values.acceptTerms === "on",
      },
      { onSuccess: (data) => setSentTo(data.user.email) },
    );
  if (sentTo) {
    return (
      <AuthShell title="Check your email">
        <Alert kind="success">
          We sent a verification link to <strong>{sentTo}</strong>. Open it to finish creating your account.
        </Alert>
        <p className="mt-4 text-white/70">
          Nothing arrived? Look in your spam folder, or{" "}
          <Link className="text-pink underline" to="/verify-email">
            ask for a new link
          </Link>
          .
        </p>
        <SandboxMailboxLink />
      </AuthShell>
    );
  }
  const errors = fieldErrors(signUp.error);
  return (
    <AuthShell title="Create your account" subtitle="Free to join. You only pay for readings you choose.">
      <form className="flex flex-col gap-4" noValidate onSubmit={(event) => submit(formValues(event))}>
        {signUp.error && <Alert>{friendlyMessage(signUp.error)}</Alert>}
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={errors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters."
          error={errors.password}
        />
        <TextField
          label="Display name"
          name="displayName"
          autoComplete="nickname"
          required
          error={errors.displayName}
        />
        <AgeAndTermsFields dateOfBirthError={errors.dateOfBirth} />
        <Button type="submit" disabled={signUp.isPending}>
          {signUp.isPending ? "Creating your account…" : "Create account"}
        </Button>
        <p className="text-center text-sm text-white/70">
          Already a member?{" "}
          <Link to="/sign-in" className="text-pink underline">
            Sign in
          </Link>
        </p>
      </form>
    </AuthShell>
  );
}
