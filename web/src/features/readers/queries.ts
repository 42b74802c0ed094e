import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, unwrap } from "../../lib/api/client";
import type { ResponseOf } from "../../lib/api/types";

/** The signed-in reader's own profile, as the dashboard edits it. */
export type MyReaderProfile = ResponseOf<"/api/v1/readers/me/profile">;
export type ReaderStatusChoice = "online" | "away" | "offline";
type Rates = { chat: number | null; voice: number | null; video: number | null; scheduled: number | null };

export const readerKeys = {
  all: ["readers"] as const,
  profile: (slug: string) => [...readerKeys.all, "profile", slug] as const,
  mine: () => [...readerKeys.all, "me"] as const,
  favorites: () => [...readerKeys.all, "favorites"] as const,
};

/** A reader's public profile page. */
export function useReaderProfile(slug: string) {
  return useQuery({
    queryKey: readerKeys.profile(slug),
    queryFn: async () =>
      (await unwrap(api.GET("/api/v1/readers/{slug}", { params: { path: { slug } } }))).reader,
  });
}

export function useMyReaderProfile() {
  return useQuery({
    queryKey: readerKeys.mine(),
    queryFn: () => unwrap(api.GET("/api/v1/readers/me/profile")),
  });
}

/** Saves the answer (the whole profile) as the dashboard's profile. */
function useSetMine() {
  const client = useQueryClient();
  return (data: MyReaderProfile) => client.setQueryData(readerKeys.mine(), data);
}

export function useSetMyStatus() {
  const setMine = useSetMine();
  return useMutation({
    mutationFn: (status: ReaderStatusChoice) =>
      unwrap(api.PUT("/api/v1/readers/me/status", { body: { status } })),
    onSuccess: setMine,
  });
}

export function useSaveMyRates() {
  const setMine = useSetMine();
  return useMutation({
    mutationFn: (rates: Partial<Rates>) =>
      unwrap(api.PATCH("/api/v1/readers/me/profile", { body: { rates } })),
    onSuccess: setMine,
  });
}

/** PUT with upload progress (fetch cannot report it); errors become ApiErrors with the server's code. */
function uploadPhoto(file: File, onProgress: (fraction: number) => void): Promise<MyReaderProfile> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("PUT", "/api/v1/readers/me/photo");
    request.withCredentials = true;
    request.setRequestHeader("content-type", file.type);
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = request.response as {
        reader?: MyReaderProfile["reader"];
        error?: { code?: string; message?: string };
      } | null;
      if (request.status === 200 && body?.reader) return resolve({ reader: body.reader });
      reject(
        new ApiError(
          request.status,
          body?.error?.code ?? "HTTP_ERROR",
          body?.error?.message ?? `Upload failed (${request.status})`,
        ),
      );
    };
    request.onerror = () => reject(new ApiError(0, "NETWORK", "The server could not be reached."));
    request.send(file);
  });
}

/** Uploads a new portrait, reporting progress (0 to 1) as it goes. */
export function useUploadPhoto(onProgress: (fraction: number) => void) {
  const setMine = useSetMine();
  return useMutation({ mutationFn: (file: File) => uploadPhoto(file, onProgress), onSuccess: setMine });
}

export function useRemovePhoto() {
  const setMine = useSetMine();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/readers/me/photo")),
    onSuccess: setMine,
  });
}

/** The signed-in client's starred readers. */
export function useFavorites(enabled = true) {
  return useQuery({
    queryKey: readerKeys.favorites(),
    queryFn: () => unwrap(api.GET("/api/v1/favorites")),
    enabled,
  });
}

/** Stars (with or without "tell me when online") or unstars a reader; answers the new favorites. */
export function useSaveFavorite(readerUserId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { starred: boolean; notifyOnline: boolean }) =>
      input.starred
        ? unwrap(
            api.PUT("/api/v1/favorites/{readerUserId}", {
              params: { path: { readerUserId } },
              body: { notifyOnline: input.notifyOnline },
            }),
          )
        : unwrap(api.DELETE("/api/v1/favorites/{readerUserId}", { params: { path: { readerUserId } } })),
    onSuccess: (data) => client.setQueryData(readerKeys.favorites(), data),
  });
}
