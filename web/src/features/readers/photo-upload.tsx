import { useMutation } from "@tanstack/react-query";
import { type ChangeEvent, useEffect, useId, useRef, useState } from "react";
import { Alert, Button, Card } from "../../components/ui";
import { ApiError, api, friendlyMessage, unwrap } from "../../lib/api/client";
import type { paths } from "../../lib/api/schema";

type Reader =
  paths["/api/v1/readers/me/profile"]["get"]["responses"][200]["content"]["application/json"]["reader"];

const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp"];
const PHOTO_MESSAGES: Record<string, string> = {
  UNSUPPORTED_MEDIA_TYPE: "That file is not a JPEG, PNG or WebP image.",
  PAYLOAD_TOO_LARGE: "That image is larger than 5 MB.",
  INVALID_IMAGE: "That image could not be read, or its dimensions are too large.",
};

function initialsOf(name: string) {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? "");
  return letters.join("") || "?";
}

/** A reader's photo, or their initials on a pink-and-gold disc when there is none (or it fails to load). */
export function ReaderAvatar({
  name,
  photoUrl,
  size = "md",
}: {
  name: string;
  photoUrl: string | null;
  size?: "md" | "lg";
}) {
  // Remembers which URL failed, so a new photo gets a fresh try.
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const failed = failedUrl !== null && failedUrl === photoUrl;
  const box = size === "lg" ? "size-32 text-4xl" : "size-16 text-xl";
  if (photoUrl && !failed) {
    return (
      <img
        src={photoUrl}
        alt={name}
        width={size === "lg" ? 128 : 64}
        height={size === "lg" ? 128 : 64}
        loading="lazy"
        decoding="async"
        onError={() => setFailedUrl(photoUrl)}
        className={`${box} shrink-0 rounded-full border-2 border-gold/70 object-cover shadow-[0_0_24px_-8px_#ff69b4]`}
      />
    );
  }
  return (
    <span
      role="img"
      aria-label={`${name} (no photo)`}
      className={`${box} inline-flex shrink-0 items-center justify-center rounded-full border-2 border-gold/60 bg-gradient-to-br from-pink/40 to-veil font-semibold tracking-wide text-gold-soft`}
    >
      {initialsOf(name)}
    </span>
  );
}

/** PUT with upload progress (fetch cannot report it); errors become ApiErrors with the server's code. */
function uploadPhoto(file: File, onProgress: (fraction: number) => void): Promise<{ reader: Reader }> {
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
        reader?: Reader;
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

function photoError(error: unknown) {
  return error instanceof ApiError && PHOTO_MESSAGES[error.code]
    ? PHOTO_MESSAGES[error.code]
    : friendlyMessage(error);
}

/** The reader dashboard's photo card: choose, preview, check, upload with progress, or remove. */
export function PhotoUploadCard({
  reader,
  onSaved,
}: {
  reader: Reader;
  onSaved: (data: { reader: Reader }) => void;
}) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const reset = () => {
    setFile(null);
    setPreview(null);
    if (inputRef.current) inputRef.current.value = "";
  };
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadPhoto(chosen, setProgress),
    onSuccess: (data) => {
      onSaved(data);
      reset();
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/readers/me/photo")),
    onSuccess: onSaved,
  });

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    upload.reset();
    remove.reset();
    setProblem(null);
    if (!chosen) return reset();
    if (!ACCEPTED_TYPES.includes(chosen.type)) {
      reset();
      return setProblem("Choose a JPEG, PNG or WebP image.");
    }
    if (chosen.size > MAX_PHOTO_BYTES) {
      reset();
      return setProblem(`That image is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB.`);
    }
    setFile(chosen);
    setPreview(URL.createObjectURL(chosen));
  };
  const busy = upload.isPending || remove.isPending;

  return (
    <Card>
      <h2 className="text-4xl text-gold">Profile photo</h2>
      <p className="mt-1 text-sm text-white/70">
        Clients see it on the reader list and your profile. JPEG, PNG or WebP up to 5 MB; it is cropped to a
        square.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-5">
        {preview ? (
          <img
            src={preview}
            alt="Preview of your new portrait"
            className="size-32 rounded-full border-2 border-pink object-cover"
          />
        ) : (
          <ReaderAvatar name={reader.displayName} photoUrl={reader.photoUrl} size="lg" />
        )}
        <div className="flex flex-col gap-3">
          <label htmlFor={inputId} className="text-sm font-semibold text-gold-soft">
            Choose a photo
          </label>
          <input
            id={inputId}
            ref={inputRef}
            type="file"
            accept={ACCEPTED_TYPES.join(",")}
            onChange={choose}
            disabled={busy}
            aria-describedby={problem ? `${inputId}-problem` : undefined}
            className="text-sm text-white/80 file:mr-3 file:min-h-11 file:rounded-full file:border file:border-pink/50 file:bg-transparent file:px-4 file:font-semibold file:text-pink hover:file:bg-pink/10"
          />
          <div className="flex flex-wrap gap-2">
            <Button type="button" disabled={!file || busy} onClick={() => file && upload.mutate(file)}>
              {upload.isPending ? "Uploading…" : "Upload photo"}
            </Button>
            {file && (
              <Button type="button" variant="ghost" disabled={busy} onClick={reset}>
                Cancel
              </Button>
            )}
            {!file && reader.photoUrl && (
              <Button type="button" variant="ghost" disabled={busy} onClick={() => remove.mutate()}>
                {remove.isPending ? "Removing…" : "Remove photo"}
              </Button>
            )}
          </div>
        </div>
      </div>
      {upload.isPending && (
        <div className="mt-4 flex items-center gap-3 text-sm text-white/80">
          <progress
            className="h-2 w-48 overflow-hidden rounded-full accent-pink"
            max={1}
            value={progress}
            aria-label="Upload progress"
          />
          <span aria-live="polite">{progress < 1 ? `${Math.round(progress * 100)}%` : "Resizing…"}</span>
        </div>
      )}
      <div className="mt-4 grid gap-2">
        {problem && (
          <p id={`${inputId}-problem`} role="alert" className="text-sm text-red-300">
            {problem}
          </p>
        )}
        {upload.error && <Alert>{photoError(upload.error)}</Alert>}
        {remove.error && <Alert>{friendlyMessage(remove.error)}</Alert>}
        {upload.isSuccess && <Alert kind="success">Your new photo is live.</Alert>}
        {remove.isSuccess && <Alert kind="success">Your photo was removed.</Alert>}
      </div>
    </Card>
  );
}
