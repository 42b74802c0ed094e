import createClient from "openapi-fetch";
import type { paths } from "./schema";

/** The typed API client, generated from the server's committed openapi.json. */
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });

export interface ErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** RETRY_LATER: the server is shedding load; the same request goes through after this long. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const FRIENDLY: Record<string, string> = {
  EMAIL_TAKEN: "An account with this email already exists. Sign in instead.",
  UNDERAGE: "You must be 18 or older to use SoulSeer.",
  TERMS_NOT_ACCEPTED: "Please confirm you are 18+ and accept the terms.",
  INVALID_CREDENTIALS: "That email and password do not match.",
  EMAIL_NOT_VERIFIED: "Please verify your email first — we sent you a link.",
  RATE_LIMITED: "Too many attempts. Please wait a few minutes and try again.",
  INVALID_TOKEN: "This link is invalid or has expired.",
  SESSION_EXPIRED: "Your session ended. Please sign in again.",
  CSRF_REJECTED: "Your request was blocked for safety. Reload the page and try again.",
  ACCOUNT_SUSPENDED:
    "Your account is suspended: you can read your history and see your wallet, but not do this.",
  ACCOUNT_BANNED: "This account is banned. Contact support.",
  ACCOUNT_FROZEN:
    "Your wallet is frozen while a card dispute is open, so this cannot be done yet. Contact support.",
  REAUTHENTICATION_REQUIRED: "For your safety, sign out and sign in again, then try once more.",
  INSUFFICIENT_FUNDS: "There is not enough money in your wallet for this.",
  SERVICE_UNAVAILABLE: "That service is not answering right now. Try again shortly.",
  INVALID_TWO_FACTOR_CODE: "That code did not work. Check your authenticator app and try again.",
  TWO_FACTOR_SETUP_REQUIRED: "Turn on two-factor sign-in before using the admin pages.",
  PROFILE_INCOMPLETE: "Give your date of birth and accept the terms before paying for anything.",
  RETRY_LATER: "SoulSeer is very busy right now. Try again in a moment.",
};

/** Turns an API error into words for people: our message for known codes, else the server's. */
export function friendlyMessage(error: unknown): string {
  if (error instanceof ApiError) return FRIENDLY[error.code] ?? error.message;
  return "Something went wrong. Check your connection and try again.";
}

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the server's error code. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, "NETWORK", "The server could not be reached.");
  }
  if (result.response.ok) return result.data as T;
  const body = result.error as
    | { error?: { code?: string; message?: string; details?: ErrorDetail[]; retryAfterMs?: number } }
    | undefined;
  throw new ApiError(
    result.response.status,
    body?.error?.code ?? "HTTP_ERROR",
    body?.error?.message ?? `Request failed (${result.response.status})`,
    body?.error?.details ?? [],
    body?.error?.retryAfterMs,
  );
}

export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const fields: Record<string, string> = {};
  for (const detail of error.details) {
    const name = detail.path.split("/").filter(Boolean).pop();
    if (name && !fields[name]) fields[name] = detail.message;
  }
  return fields;
}

export function formatCents(cents: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
}
