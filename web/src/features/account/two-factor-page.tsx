import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import type { User } from "../../lib/session";
import { formValues } from "../auth/auth-shell";
import { useBeginTwoFactorSetup, useDisableTwoFactor } from "./queries";
import { type TwoFactorSecret, TwoFactorSetup } from "./two-factor-setup";

/** A password field and a button: the password is asked again before any change. */
function PasswordStep({
  label,
  pending,
  error,
  onSubmit,
  variant = "primary",
}: {
  label: string;
  pending: boolean;
  error: unknown;
  onSubmit: (password: string) => void;
  variant?: "primary" | "ghost";
}) {
  return (
    <form
      className="flex flex-col gap-3"
      noValidate
      onSubmit={(event) => onSubmit(formValues(event).password ?? "")}
    >
      {error ? <Alert>{friendlyMessage(error)}</Alert> : null}
      <TextField
        label="Your password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <Button type="submit" variant={variant} disabled={pending} className="self-start">
        {pending ? "Checking…" : label}
      </Button>
    </form>
  );
}

function TwoFactorSettings({ user }: { user: User }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const begin = useBeginTwoFactorSetup();
  const disable = useDisableTwoFactor();
  const [setup, setSetup] = useState<TwoFactorSecret | null>(null);
  const [justTurnedOn, setJustTurnedOn] = useState(false);
  const next = params.get("next");
  const safeNext = next?.startsWith("/") && !next.startsWith("//") ? next : null;

  if (user.twoFactorEnabled)
    return (
      <div className="flex flex-col gap-4">
        <Alert kind="success">
          Two-factor sign-in is on: signing in asks for a code from your authenticator app.
        </Alert>
        {justTurnedOn && safeNext && (
          <Button type="button" className="self-start" onClick={() => navigate(safeNext)}>
            Continue
          </Button>
        )}
        <h2 className="text-3xl text-gold">Turn it off</h2>
        {user.role === "admin" && (
          <p className="text-sm text-white/80">Admins need it on: the admin pages close while it is off.</p>
        )}
        <PasswordStep
          label="Turn off two-factor sign-in"
          variant="ghost"
          pending={disable.isPending}
          error={disable.error}
          onSubmit={(password) => disable.mutate(password, { onSuccess: () => setJustTurnedOn(false) })}
        />
      </div>
    );

  if (setup)
    return (
      <TwoFactorSetup
        setup={setup}
        onDone={() => {
          setSetup(null);
          setJustTurnedOn(true);
        }}
      />
    );

  return (
    <div className="flex flex-col gap-4">
      {user.role === "admin" && (
        <Alert kind="info">Admins sign in with a second step. Turn it on to open the admin pages.</Alert>
      )}
      <p className="text-white/85">
        After your password, signing in will ask for a 6-digit code from an authenticator app on your phone
        (such as Google Authenticator, 1Password or Authy). You also get backup codes for when your phone is
        not at hand.
      </p>
      <PasswordStep
        label="Set up two-factor sign-in"
        pending={begin.isPending}
        error={begin.error}
        onSubmit={(password) => begin.mutate(password, { onSuccess: setSetup })}
      />
    </div>
  );
}

/** Turning two-factor sign-in (TOTP) on or off; admins are sent here until it is on. */
export function TwoFactorPage() {
  return (
    <RequireUser>
      {(user) => (
        <div className="mx-auto max-w-2xl">
          <PageTitle subtitle="A code from your phone after your password.">Two-factor sign-in</PageTitle>
          <Card>
            <TwoFactorSettings user={user} />
          </Card>
        </div>
      )}
    </RequireUser>
  );
}
