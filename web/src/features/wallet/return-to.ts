/**
 * Where to send a client back after a top-up (a booking waiting for funds, say). The wallet page
 * takes it as `?returnTo=/path`; it is kept for the tab (the checkout leaves the app and comes back
 * to the top-up's status page) and offered there once the money is in.
 */
const STORAGE_KEY = "soulseer.wallet.return-to";

/** Only a path of this app (never another site, never `//host`). */
export function safeReturnPath(raw: string | null | undefined): string | null {
  if (!raw?.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return null;
  return raw.length <= 2_000 ? raw : null;
}

/** The wallet page with a way back to `path`. */
export function walletWithReturn(path: string): string {
  return `/wallet?returnTo=${encodeURIComponent(path)}`;
}

export function rememberReturn(path: string) {
  try {
    sessionStorage.setItem(STORAGE_KEY, path);
  } catch {
    // Storage off: the link on the wallet page still works.
  }
}

export function pendingReturn(): string | null {
  try {
    return safeReturnPath(sessionStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

export function clearReturn() {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing kept
  }
}

/** The words of the way back. */
export function returnLinkLabel(path: string): string {
  return path.includes("book=") ? "Back to your booking" : "Back to where you were";
}
