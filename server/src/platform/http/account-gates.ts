import { DomainError } from "./errors.js";

/** What the gates read of the caller (access.ts's Principal) and of the route's access. */
interface GatedCaller {
  role: string;
  twoFactorEnabled: boolean;
  profileComplete: boolean;
}
type GatedAccess = "public" | "authenticated" | readonly string[];

/**
 * What a signed-in account must have done before some routes answer, checked by the role guard
 * after the role: an admin turns on two-factor sign-in before any route open to admins (the
 * "authenticated" routes that set it up, and signing out, stay open); a member gives a date of
 * birth and accepts the terms before any route that spends money.
 */
export function refuseUnreadyAccount(principal: GatedCaller, access: GatedAccess, spends: boolean): void {
  if (
    principal.role === "admin" &&
    !principal.twoFactorEnabled &&
    access !== "public" &&
    access !== "authenticated" &&
    access.includes("admin")
  ) {
    throw new DomainError(
      "TWO_FACTOR_SETUP_REQUIRED",
      "Turn on two-factor sign-in before using the admin pages.",
    );
  }
  if (spends && !principal.profileComplete) {
    throw new DomainError(
      "PROFILE_INCOMPLETE",
      "Give your date of birth and accept the terms before paying for anything.",
    );
  }
}
