import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
import { live } from "../../lib/live";
import { sessionKeys } from "../../lib/session";

/** Saves the signed-in user's profile; the answer becomes who is signed in. */
export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: { displayName: string; bio: string; timeZone: string }) =>
      unwrap(
        api.PATCH("/api/v1/me", {
          body: {
            displayName: values.displayName,
            bio: values.bio || null,
            timeZone: values.timeZone || null,
          },
        }),
      ),
    onSuccess: (data) => client.setQueryData(sessionKeys.me(), data.user),
  });
}

/** Changes the password; the server signs out every other sign-in. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      unwrap(api.POST("/api/v1/me/password", { body })),
  });
}

/** Begins turning on two-factor sign-in (password again): the authenticator secret and backup codes. */
export function useBeginTwoFactorSetup() {
  return useMutation({
    mutationFn: (password: string) => unwrap(api.POST("/api/v1/me/two-factor/setup", { body: { password } })),
  });
}

/** A first code from the authenticator app turns it on; the answer becomes who is signed in. */
export function useConfirmTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => {
      // Turning it on replaces this sign-in with a new one: the live socket follows.
      live.expectSessionReplaced(true);
      return unwrap(api.POST("/api/v1/me/two-factor/confirm", { body: { code } }));
    },
    onSuccess: (data) => client.setQueryData(sessionKeys.me(), data.user),
    onError: () => live.expectSessionReplaced(false),
  });
}

/** Turns two-factor sign-in off (password again). */
export function useDisableTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => {
      live.expectSessionReplaced(true);
      return unwrap(api.POST("/api/v1/me/two-factor/disable", { body: { password } }));
    },
    onSuccess: (data) => client.setQueryData(sessionKeys.me(), data.user),
    onError: () => live.expectSessionReplaced(false),
  });
}

/** Records the date of birth and the terms' acceptance (members who joined with Auth0). */
export function useCompleteProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { dateOfBirth: string; acceptTerms: boolean }) =>
      unwrap(api.POST("/api/v1/me/complete-profile", { body })),
    onSuccess: (data) => client.setQueryData(sessionKeys.me(), data.user),
  });
}
