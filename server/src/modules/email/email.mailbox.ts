import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The sandbox mailbox (docs/decisions/0017-sandbox-mailbox.md): while no SMTP server is configured
 * and the payment sandbox is on, a browser reads the mail sent to the addresses it signed up with.
 * The scope travels in a signed, httpOnly cookie; nothing a browser can type widens it.
 */
export const MAILBOX_COOKIE = "soulseer_sandbox_mailbox";
/** The addresses one browser keeps (the newest sign-ups). */
const MAX_ADDRESSES = 5;
const COOKIE_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

export interface MailboxGrant {
  /** The address, lowercased. */
  address: string;
  /** The account's creation: mail written before it went to someone else. */
  sinceMs: number;
}

export function createMailboxCookies(options: { secret: string; secure: boolean }) {
  const sign = (payload: string) => createHmac("sha256", options.secret).update(payload).digest("base64url");

  /** The grants of a cookie value, or none when it is missing, malformed or not signed by us. */
  function read(value: string | undefined): MailboxGrant[] {
    if (!value) return [];
    const [payload, signature] = value.split(".");
    if (!payload || !signature) return [];
    const expected = Buffer.from(sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return [];
    try {
      const parsed: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      if (!Array.isArray(parsed)) return [];
      return parsed
        .filter(
          (entry): entry is MailboxGrant =>
            typeof entry?.address === "string" && Number.isFinite(entry?.sinceMs),
        )
        .slice(-MAX_ADDRESSES);
    } catch {
      return [];
    }
  }

  /** The Set-Cookie header that adds one address to the browser's grants. */
  function grant(existing: string | undefined, added: MailboxGrant): string {
    const grants = [
      ...read(existing).filter((entry) => entry.address !== added.address),
      { address: added.address.toLowerCase(), sinceMs: added.sinceMs },
    ].slice(-MAX_ADDRESSES);
    const payload = Buffer.from(JSON.stringify(grants)).toString("base64url");
    const attributes = [
      `${MAILBOX_COOKIE}=${payload}.${sign(payload)}`,
      "Path=/api/v1/",
      `Max-Age=${COOKIE_MAX_AGE_SECONDS}`,
      "HttpOnly",
      "SameSite=Lax",
      ...(options.secure ? ["Secure"] : []),
    ];
    return attributes.join("; ");
  }

  return { read, grant };
}

export type MailboxCookies = ReturnType<typeof createMailboxCookies>;
