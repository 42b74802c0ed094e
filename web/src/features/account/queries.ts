import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";
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
