import type { Principal } from "../src/platform/http/access.js";

/**
 * A caller as the sign-in lookup would resolve them, for tests that call a service directly
 * (no session row behind it): active, profile complete, two-factor on for admins.
 */
export function resolvedCaller(userId: string, role: Principal["role"], email = ""): Principal {
  return {
    userId,
    sessionId: "test",
    role,
    email,
    displayName: "",
    twoFactorEnabled: role === "admin",
    profileComplete: true,
    accountStatus: "active",
  };
}
