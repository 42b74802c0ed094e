/**
 * One-time tokens in links (verify email, reset password) grant access to an account: logs and,
 * once real mail goes out through SMTP, the admin outbox show them replaced.
 */
const SECRET_LINK_PARAMETER = /([?&](?:token|code|signature|key)=)[^\s&#"'<>]+/gi;

export const REDACTED = "[redacted]";

/** The text with the value of every secret link parameter replaced by [redacted]. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_LINK_PARAMETER, `$1${REDACTED}`);
}
