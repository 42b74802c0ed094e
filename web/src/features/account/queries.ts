import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, unwrap } from "../../lib/api/client";
import { live } from "../../lib/live";
import { sessionKeys } from "../../lib/session";

/** Saves the signed-in user's profile; the answer becomes who is signed in. */
export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: { displayName: string; bio: string; timeZone: string; country: string }) =>
      unwrap(
        api.PATCH("/api/v1/me", {
          body: {
            displayName: values.displayName,
            bio: values.bio || null,
            timeZone: values.timeZone || null,
            country: values.country || null,
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

/** Downloads everything the server holds about the signed-in person as one JSON file. */
export function useDownloadMyData() {
  return useMutation({
    mutationFn: async () => {
      let response: Response;
      try {
        response = await fetch("/api/v1/me/export", { credentials: "same-origin" });
      } catch {
        throw new ApiError(0, "NETWORK", "The server could not be reached.");
      }
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as {
          error?: { code?: string; message?: string };
        } | null;
        throw new ApiError(
          response.status,
          body?.error?.code ?? "HTTP_ERROR",
          body?.error?.message ?? `Request failed (${response.status})`,
        );
      }
      const name =
        /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ??
        "soulseer-data.json";
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
      return { name };
    },
  });
}

/** Asks to delete the account: the server emails a confirmation link. */
export function useRequestDeletion() {
  return useMutation({
    mutationFn: (password: string) =>
      unwrap(api.POST("/api/v1/me/deletion-request", { body: password ? { password } : {} })),
  });
}

/** Whether an emailed deletion link still works. */
export function useDeletionLink(token: string) {
  return useQuery({
    queryKey: ["account-deletion", token],
    queryFn: () => unwrap(api.POST("/api/v1/account-deletion/check", { body: { token } })),
    enabled: token.length > 0,
    retry: false,
  });
}

/**
 * Deletes the account of an emailed link; this browser is then signed out. The live socket's
 * close that follows is expected: this page stays to show the result (and the claim reference).
 */
export function useConfirmDeletion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => {
      live.signOut();
      return unwrap(api.POST("/api/v1/account-deletion/confirm", { body: { token } }));
    },
    onSuccess: () => client.setQueryData(sessionKeys.me(), null),
    onError: () => live.signOutFailed(),
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
