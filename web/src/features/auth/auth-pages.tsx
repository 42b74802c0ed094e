import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert, Button, Card, PageTitle, Spinner, TextField } from "../../components/ui";
import { api, fieldErrors, friendlyMessage, unwrap } from "../../lib/api/client";
import { usePublicConfig, useRefreshMe } from "../../lib/session";

function formValues(event: FormEvent<HTMLFormElement>) {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
}

function AuthShell({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="mx-auto max-w-md">
      <PageTitle subtitle={subtitle}>{title}</PageTitle>
      <Card>{children}</Card>
    </div>
  );
}

export function SignUpPage() {
  const termsId = useId();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const signUp = useMutation({
    mutationFn: (values: Record<string, string>) =>
      unwrap(
        api.POST("/api/v1/auth/sign-up", {
          body: {
            email: values.email ?? "",
            password: values.password ?? "",
            displayName: values.displayName ?? "",
            dateOfBirth: values.dateOfBirth ?? "",
            acceptTerms: values.acceptTerms === "on",
          },
        }),
      ),
    onSuccess: (data) => setSentTo(data.user.email),
  });
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
      </AuthShell>
    );
  }
  const errors = fieldErrors(signUp.error);
  return (
    <AuthShell title="Create your account" subtitle="Free to join. You only pay for readings you choose.">
      <form className="flex flex-col gap-4" noValidate onSubmit={(event) => signUp.mutate(formValues(event))}>
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
        <TextField
          label="Date of birth"
          name="dateOfBirth"
          type="date"
          autoComplete="bday"
          required
          hint="You must be 18 or older."
          error={errors.dateOfBirth}
        />
        <div className="flex items-start gap-3">
          <input
            id={termsId}
            name="acceptTerms"
            type="checkbox"
            required
            className="mt-1 size-5 accent-pink"
          />
          <label htmlFor={termsId} className="text-sm text-white/85">
            I am 18 or older and accept the{" "}
            <Link to="/terms" className="text-pink underline">
              Terms
            </Link>{" "}
            and{" "}
            <Link to="/privacy" className="text-pink underline">
              Privacy policy
            </Link>
            .
          </label>
        </div>
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

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const refreshMe = useRefreshMe();
  const config = usePublicConfig();
  const signIn = useMutation({
    mutationFn: (values: Record<string, string>) =>
      unwrap(
        api.POST("/api/v1/auth/sign-in", {
          body: { email: values.email ?? "", password: values.password ?? "" },
        }),
      ),
    onSuccess: async () => {
      await refreshMe();
      const next = params.get("next");
      navigate(next?.startsWith("/") && !next.startsWith("//") ? next : "/account");
    },
  });
  return (
    <AuthShell title="Welcome back" subtitle="Sign in to your SoulSeer account.">
      <form className="flex flex-col gap-4" noValidate onSubmit={(event) => signIn.mutate(formValues(event))}>
        {params.get("error") === "auth0" && (
          <Alert>Signing in with Auth0 did not work. Try again or use your password.</Alert>
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

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get("token");
  const verify = useQuery({
    queryKey: ["verify-email", token],
    queryFn: () => unwrap(api.POST("/api/v1/auth/verify-email", { body: { token: token ?? "" } })),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const resend = useMutation({
    mutationFn: (values: Record<string, string>) =>
      unwrap(api.POST("/api/v1/auth/resend-verification", { body: { email: values.email ?? "" } })),
  });
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
          onSubmit={(event) => resend.mutate(formValues(event))}
        >
          {verify.isError && <Alert>{friendlyMessage(verify.error)}</Alert>}
          {resend.isSuccess ? (
            <Alert kind="success">
              If that account is waiting for verification, a new link is on its way.
            </Alert>
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

export function ForgotPasswordPage() {
  const request = useMutation({
    mutationFn: (values: Record<string, string>) =>
      unwrap(api.POST("/api/v1/auth/request-password-reset", { body: { email: values.email ?? "" } })),
  });
  return (
    <AuthShell title="Forgot your password?" subtitle="We will email you a link to choose a new one.">
      {request.isSuccess ? (
        <Alert kind="success">
          If an account exists for that email, a reset link is on its way. It works for one hour.
        </Alert>
      ) : (
        <form
          className="flex flex-col gap-4"
          noValidate
          onSubmit={(event) => request.mutate(formValues(event))}
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

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const [mismatch, setMismatch] = useState(false);
  const reset = useMutation({
    mutationFn: (newPassword: string) =>
      unwrap(
        api.POST("/api/v1/auth/reset-password", { body: { token: params.get("token") ?? "", newPassword } }),
      ),
  });
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
          reset.mutate(values.newPassword ?? "");
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
