import { Link } from "react-router";
import { Alert } from "../../components/ui";
import { ApiError, formatCents, friendlyMessage } from "../../lib/api/client";
import { walletWithReturn } from "../wallet/return-to";

/** Codes after which the chosen time is gone and another must be picked. */
export const SLOT_GONE_CODES: ReadonlySet<string> = new Set(["SLOT_TAKEN", "SLOT_UNAVAILABLE"]);

/**
 * Why a booking (or a move) did not go through, in words, with the way forward: add funds and
 * come back to the same time, pick another time, sign in, or change a spending limit.
 */
export function BookingError({
  error,
  priceCents,
  returnTo,
}: {
  error: unknown;
  priceCents: number;
  /** Where adding funds or signing in brings the client back (the same reader, time and choice). */
  returnTo: string;
}) {
  const code = error instanceof ApiError ? error.code : null;
  switch (code) {
    case "INSUFFICIENT_FUNDS":
      return (
        <Alert>
          Your wallet holds less than the {formatCents(priceCents)} this booking reserves. Nothing was booked.{" "}
          <Link to={walletWithReturn(returnTo)} className="font-semibold underline">
            Add funds, then come back to this time
          </Link>
        </Alert>
      );
    case "SLOT_TAKEN":
      return (
        <Alert kind="info">
          Someone booked that time a moment before you — nothing was taken from your wallet. The open times
          are up to date now: please pick another.
        </Alert>
      );
    case "SLOT_UNAVAILABLE":
      return (
        <Alert kind="info">
          That time is no longer open for booking — nothing was taken from your wallet. Please pick one of the
          times shown now.
        </Alert>
      );
    case "PRICE_CHANGED":
      return (
        <Alert kind="info">
          {error instanceof ApiError ? error.message : "The price has changed."} Nothing was booked; the price
          shown is the current one.
        </Alert>
      );
    case "SPENDING_LIMIT_REACHED":
      return (
        <Alert>
          This booking would pass a spending limit you set, so nothing was booked.{" "}
          <Link to="/wallet" className="underline">
            See your limits
          </Link>
        </Alert>
      );
    case "PROFILE_INCOMPLETE":
      return (
        <Alert>
          {friendlyMessage(error)}{" "}
          <Link to="/complete-profile" className="underline">
            Complete your profile
          </Link>
        </Alert>
      );
    case "UNAUTHENTICATED":
    case "SESSION_EXPIRED":
      return (
        <Alert>
          Please sign in again to book.{" "}
          <Link to={`/sign-in?next=${encodeURIComponent(returnTo)}`} className="underline">
            Sign in
          </Link>
        </Alert>
      );
    default:
      return <Alert>{friendlyMessage(error)}</Alert>;
  }
}
