import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert, Button, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { usePublicConfig } from "../../lib/public-config";
import { AuthShell, formValues } from "./auth-shell";
import { useSignIn } from "./queries";
import { TwoFactorStep } from "./two-factor-step";

const AUTH0_ERRORS: Record<string, string> = {
  account_not_linked:
    "An account with this email already exists, and Auth0 has not verified that the email is yours. Sign in with your password, or verify your email at Auth0 first.",
};

/** Sign in with email and password (or Auth0 when configured), then go where the user was headed. */
export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const config = usePublicConfig();
  const signIn = useSignIn();
  const [codeStep, setCodeStep] = useState(false);
  const goOn = () => {
    const next = params.get("next");
    navigate(next?.startsWith("/") && !next.startsWith("//") ? next : "/account");
  };
  const submit = (values: Record<string, string>) =>
    signIn.mutate(
      { email: values.email ?? "", password: values.password ?? "" },
      { onSuccess: (data) => ("step" in data ? setCodeStep(true) : goOn()) },
    );
  if (codeStep)
    return (
      <AuthShell title="One more step" subtitle="Two-factor sign-in is on for this account.">
        <TwoFactorStep
          onDone={goOn}
          onRestart={() => {
            signIn.reset();
            setCodeStep(false);
          }}
        />
      </AuthShell>
    );
  const auth0Error = params.getAll("error").find((code) => code in AUTH0_ERRORS);
  return (
    <AuthShell title="Welcome back" subtitle="Sign in to your SoulSeer account.">
      <form className="flex flex-col gap-4" noValidate onSubmit={(event) => submit(formValues(event))}>
        {params.get("error") === "auth0" && (
          <Alert>
            {auth0Error
              ? AUTH0_ERRORS[auth0Error]
              : "Signing in with Auth0 did not work. Try again or use your password."}
          </Alert>
        )}
        {signIn.error && <Alert>{friendlyMessage(signIn.error)}</Alert>}
        <TextField label="Email" name="email" type="email" autoComplete="email" required />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <Button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </Button>
        <div className="flex justify-between text-sm">
          <Link to="/forgot-password" className="text-pink underline">
            Forgot password?
          </Link>
          <Link to="/sign-up" className="text-gold underline">
            Create an account
          </Link>
        </div>
        {config.data?.auth0Enabled && (
          <a
            href="/api/v1/auth/auth0/start"
            className="mt-2 rounded-full border border-gold/60 px-5 py-2 text-center text-gold hover:bg-gold/10"
          >
            Continue with Auth0
          </a>
        )}
      </form>
    </AuthShell>
  );
}
