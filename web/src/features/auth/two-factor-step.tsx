import { useState } from "react";
import { Alert, Button, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { formValues } from "./auth-shell";
import { useVerifyTwoFactor } from "./queries";

/** The second step of signing in: the authenticator app's code, or one backup code. */
export function TwoFactorStep({ onDone, onRestart }: { onDone: () => void; onRestart: () => void }) {
  const [method, setMethod] = useState<"totp" | "backup-code">("totp");
  const verify = useVerifyTwoFactor();
  const expired = verify.error && "code" in verify.error && verify.error.code === "SESSION_EXPIRED";
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      aria-label="Two-factor sign-in"
      onSubmit={(event) => {
        const code = (formValues(event).code ?? "").trim();
        verify.mutate({ method, code }, { onSuccess: onDone });
      }}
    >
      <p className="text-white/85">
        {method === "totp"
          ? "Enter the 6-digit code your authenticator app shows for SoulSeer."
          : "Enter one of the backup codes you saved when you turned on two-factor sign-in. Each works once."}
      </p>
      {verify.error && (
        <Alert>
          {expired
            ? "This sign-in step timed out. Sign in with your password again."
            : friendlyMessage(verify.error)}
        </Alert>
      )}
      {method === "totp" ? (
        <TextField
          key="totp"
          label="Authentication code"
          name="code"
          inputMode="numeric"
          pattern="[0-9]{6}"
          maxLength={6}
          autoComplete="one-time-code"
          autoFocus
          required
        />
      ) : (
        <TextField key="backup" label="Backup code" name="code" autoComplete="off" autoFocus required />
      )}
      <Button type="submit" disabled={verify.isPending}>
        {verify.isPending ? "Checking…" : "Verify"}
      </Button>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <button
          type="button"
          className="text-gold underline"
          onClick={() => {
            verify.reset();
            setMethod(method === "totp" ? "backup-code" : "totp");
          }}
        >
          {method === "totp" ? "Use a backup code instead" : "Use the authenticator app instead"}
        </button>
        {expired && (
          <button type="button" className="text-pink underline" onClick={onRestart}>
            Start again
          </button>
        )}
      </div>
    </form>
  );
}
