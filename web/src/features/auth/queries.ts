import { useMutation, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import type { BodyOf } from "../../lib/api/types";
import { live } from "../../lib/live";
import { useRefreshMe } from "../../lib/session";

export const authKeys = {
  all: ["auth"] as const,
  verifyEmail: (token: string | null) => [...authKeys.all, "verify-email", token] as const,
};

export function useSignUp() {
  return useMutation({
    mutationFn: (body: BodyOf<"/api/v1/auth/sign-up", "post">) =>
      unwrap(api.POST("/api/v1/auth/sign-up", { body })),
  });
}

/**
 * Signs in and refreshes who is signed in before answering. An account with two-factor sign-in
 * answers `{ step: "TWO_FACTOR_REQUIRED" }` instead of a user: `useVerifyTwoFactor` finishes it.
 */
export function useSignIn() {
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      unwrap(api.POST("/api/v1/auth/sign-in", { body })),
    onSuccess: (data) => {
      if (!("step" in data)) return refreshMe();
    },
  });
}

/** The code step of a two-factor sign-in: a code of the authenticator app, or a backup code. */
export function useVerifyTwoFactor() {
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationFn: ({ method, code }: { method: "totp" | "backup-code"; code: string }) =>
      method === "totp"
        ? unwrap(api.POST("/api/v1/auth/two-factor/verify-totp", { body: { code } }))
        : unwrap(api.POST("/api/v1/auth/two-factor/verify-backup-code", { body: { code } })),
    onSuccess: () => refreshMe(),
  });
}

/** Signs out, then loads the home page in full: nothing of the sign-in stays in memory. */
export function useSignOut() {
  return useMutation({
    mutationFn: () => {
      live.signOut();
      return unwrap(api.POST("/api/v1/auth/sign-out"));
    },
    // A full page load to the home page: nothing of the signed-in session stays in memory,
    // and no page that needs a user ever renders in a half-signed-out state.
    onSettled: () => window.location.assign("/"),
  });
}

/** Checks an email verification link's token once (a token works only once). */
export function useVerifyEmail(token: string | null) {
  return useQuery({
    queryKey: authKeys.verifyEmail(token),
    queryFn: () => unwrap(api.POST("/api/v1/auth/verify-email", { body: { token: token ?? "" } })),
    enabled: Boolean(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useResendVerification() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST("/api/v1/auth/resend-verification", { body: { email } })),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      unwrap(api.POST("/api/v1/auth/request-password-reset", { body: { email } })),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; newPassword: string }) =>
      unwrap(api.POST("/api/v1/auth/reset-password", { body })),
  });
}

/** The sandbox mailbox (no SMTP server): mail to the accounts this browser signed up; refreshed while open. */
export function useSandboxMailbox(enabled: boolean) {
  return useQuery({
    queryKey: [...authKeys.all, "sandbox-mailbox"] as const,
    queryFn: () => unwrap(api.GET("/api/v1/sandbox/mailbox")),
    enabled,
    refetchInterval: 5000,
  });
}
