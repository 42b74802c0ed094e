import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { Alert, Button, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { formValues } from "../auth/auth-shell";
import { useConfirmTwoFactor } from "./queries";

export interface TwoFactorSecret {
  totpUri: string;
  secret: string;
  backupCodes: string[];
}

/** The otpauth address as a QR code, drawn here in the browser (no outside service sees the secret). */
function QrCode({ value }: { value: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    QRCode.toString(value, { type: "svg", margin: 1, errorCorrectionLevel: "M" })
      .then((markup) => current && setSvg(markup))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, [value]);
  if (failed) return <Alert kind="info">The QR code could not be drawn: type the key below instead.</Alert>;
  if (!svg) return <p className="text-white/70">Drawing the QR code…</p>;
  const src = `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
  return (
    <img
      src={src}
      alt="QR code for your authenticator app (the same key is written below)"
      className="size-48 rounded-lg bg-white p-2"
    />
  );
}

/** The backup codes, shown once, with copy and download. */
function BackupCodes({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState(false);
  const text = `SoulSeer backup codes (each works once)\n\n${codes.join("\n")}\n`;
  return (
    <section aria-labelledby="backup-codes-title" className="flex flex-col gap-3">
      <h3 id="backup-codes-title" className="text-2xl text-gold">
        Backup codes
      </h3>
      <p className="text-sm text-white/80">
        Save these now: they are shown only once. If you lose your phone, each code signs you in once instead
        of the app's code.
      </p>
      <ul className="grid grid-cols-2 gap-2 font-mono text-sm" aria-label="Backup codes">
        {codes.map((code) => (
          <li key={code} className="rounded bg-night/70 px-2 py-1">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="ghost"
          onClick={() =>
            navigator.clipboard
              ?.writeText(text)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {copied ? "Copied" : "Copy codes"}
        </Button>
        <a
          className="inline-flex min-h-11 items-center rounded-full border border-gold/60 px-5 py-2 text-gold hover:bg-gold/10"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="soulseer-backup-codes.txt"
        >
          Download codes
        </a>
      </div>
    </section>
  );
}

/** Step two of turning it on: scan (or type) the key, keep the backup codes, enter a first code. */
export function TwoFactorSetup({ setup, onDone }: { setup: TwoFactorSecret; onDone: () => void }) {
  const confirm = useConfirmTwoFactor();
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="scan-title" className="flex flex-col gap-3">
        <h3 id="scan-title" className="text-2xl text-gold">
          1. Add SoulSeer to your authenticator app
        </h3>
        <QrCode value={setup.totpUri} />
        <p className="text-sm text-white/80">
          Or type this key into the app (time-based, 6 digits):{" "}
          <code className="break-all rounded bg-night/70 px-2 py-1 font-mono text-gold-soft">
            {setup.secret}
          </code>
        </p>
      </section>
      <BackupCodes codes={setup.backupCodes} />
      <form
        className="flex flex-col gap-3"
        noValidate
        onSubmit={(event) => confirm.mutate((formValues(event).code ?? "").trim(), { onSuccess: onDone })}
      >
        <h3 className="text-2xl text-gold">2. Enter the code the app shows</h3>
        {confirm.error && <Alert>{friendlyMessage(confirm.error)}</Alert>}
        <TextField
          label="Authentication code"
          name="code"
          inputMode="numeric"
          pattern="[0-9]{6}"
          maxLength={6}
          autoComplete="one-time-code"
          required
        />
        <Button type="submit" disabled={confirm.isPending} className="self-start">
          {confirm.isPending ? "Checking…" : "Turn on two-factor sign-in"}
        </Button>
      </form>
    </div>
  );
}
