import { type ChangeEvent, useEffect, useRef, useState } from "react";
import { Alert, Button, Card, Field } from "../../components/ui";
import { ApiError, friendlyMessage } from "../../lib/api/client";
import { type MyReaderProfile, useRemovePhoto, useUploadPhoto } from "./queries";
import { ReaderAvatar } from "./reader-avatar";

const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp"];
const PHOTO_MESSAGES: Record<string, string> = {
  UNSUPPORTED_MEDIA_TYPE: "That file is not a JPEG, PNG or WebP image.",
  PAYLOAD_TOO_LARGE: "That image is larger than 5 MB.",
  INVALID_IMAGE: "That image could not be read, or its dimensions are too large.",
};

function photoError(error: unknown) {
  return error instanceof ApiError && PHOTO_MESSAGES[error.code]
    ? PHOTO_MESSAGES[error.code]
    : friendlyMessage(error);
}

/** The reader dashboard's photo card: choose, preview, check, upload with progress, or remove. */
export function PhotoUploadCard({ reader }: { reader: MyReaderProfile["reader"] }) {
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
  const upload = useUploadPhoto(setProgress);
  const remove = useRemovePhoto();

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
          <Field label="Choose a photo" error={problem ?? undefined}>
            {(control) => (
              <input
                ref={inputRef}
                type="file"
                accept={ACCEPTED_TYPES.join(",")}
                onChange={choose}
                disabled={busy}
                className="text-sm text-white/80 file:mr-3 file:min-h-11 file:rounded-full file:border file:border-pink/50 file:bg-transparent file:px-4 file:font-semibold file:text-pink hover:file:bg-pink/10"
                {...control}
              />
            )}
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              disabled={!file || busy}
              onClick={() => file && upload.mutate(file, { onSuccess: reset })}
            >
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
        {upload.error && <Alert>{photoError(upload.error)}</Alert>}
        {remove.error && <Alert>{friendlyMessage(remove.error)}</Alert>}
        {upload.isSuccess && <Alert kind="success">Your new photo is live.</Alert>}
        {remove.isSuccess && <Alert kind="success">Your photo was removed.</Alert>}
      </div>
    </Card>
  );
}
