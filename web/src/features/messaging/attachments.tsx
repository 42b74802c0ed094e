import { useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../../lib/api/client";
import type { Message } from "./queries";

/** What the server takes (product.md section 6): JPEG, PNG or WebP up to 5 MB, four a message. */
const ACCEPTED = ["image/jpeg", "image/png", "image/webp"];
const MAX_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGES = 4;

export type Attachment = Message["attachments"][number];

/** An image being added to the next message: uploading (with progress), ready, or refused. */
export interface PendingImage {
  key: string;
  name: string;
  previewUrl: string;
  progress: number;
  attachment: Attachment | null;
  error: string | null;
}

/** POSTs the raw image with upload progress (fetch cannot report it); errors become ApiErrors. */
function uploadImage(conversationId: string, file: File, onProgress: (fraction: number) => void) {
  return new Promise<Attachment>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/v1/conversations/${encodeURIComponent(conversationId)}/attachments`);
    request.withCredentials = true;
    request.setRequestHeader("content-type", file.type);
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = request.response as {
        attachment?: Attachment;
        error?: { code?: string; message?: string };
      } | null;
      if (request.status === 201 && body?.attachment) return resolve(body.attachment);
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

/**
 * The images of the message being written: picked, checked here (type, size, count), uploaded at
 * once to the conversation, shown as thumbnails with progress and a remove button.
 */
export function useImageDraft(conversationId: string) {
  const [images, setImages] = useState<PendingImage[]>([]);
  const urls = useRef(new Set<string>());
  useEffect(
    () => () => {
      for (const url of urls.current) URL.revokeObjectURL(url);
    },
    [],
  );
  const patch = (key: string, change: Partial<PendingImage>) =>
    setImages((current) => current.map((image) => (image.key === key ? { ...image, ...change } : image)));

  const add = (files: readonly File[]) => {
    const room = MAX_IMAGES - images.length;
    for (const [index, file] of files.entries()) {
      const key = `${Date.now()}-${index}-${file.name}`;
      const previewUrl = URL.createObjectURL(file);
      urls.current.add(previewUrl);
      const refused =
        index >= room
          ? `At most ${MAX_IMAGES} images a message.`
          : !ACCEPTED.includes(file.type)
            ? "Only JPEG, PNG or WebP images."
            : file.size > MAX_BYTES
              ? "This image is larger than 5 MB."
              : null;
      setImages((current) => [
        ...current,
        { key, name: file.name, previewUrl, progress: 0, attachment: null, error: refused },
      ]);
      if (refused) continue;
      uploadImage(conversationId, file, (progress) => patch(key, { progress }))
        .then((attachment) => patch(key, { attachment, progress: 1 }))
        .catch((error: unknown) =>
          patch(key, { error: error instanceof ApiError ? error.message : "The upload failed." }),
        );
    }
  };
  const remove = (key: string) => setImages((current) => current.filter((image) => image.key !== key));
  const ready = images.flatMap((image) => (image.attachment ? [image.attachment.id] : []));
  const uploading = images.some((image) => !image.attachment && !image.error);
  return { images, add, remove, clear: () => setImages([]), ready, uploading };
}

export type ImageDraft = ReturnType<typeof useImageDraft>;

/** The "Add image" button and the thumbnails of the images going with the next message. */
export function ImagePicker({ draft, disabled }: { draft: ImageDraft; disabled: boolean }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const full = draft.images.length >= MAX_IMAGES;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={ACCEPTED.join(",")}
        multiple
        className="sr-only"
        disabled={disabled || full}
        onChange={(event) => {
          draft.add([...(event.target.files ?? [])]);
          event.target.value = "";
        }}
      />
      <button
        type="button"
        className="min-h-10 rounded-full border border-pink/50 px-4 text-sm text-pink hover:bg-pink/10 disabled:cursor-not-allowed disabled:opacity-50"
        disabled={disabled || full}
        onClick={() => input.current?.click()}
      >
        Add image
      </button>
      {draft.images.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Images to send">
          {draft.images.map((image) => (
            <li key={image.key} className="relative">
              <img
                src={image.previewUrl}
                alt={image.name}
                className={`size-16 rounded-lg object-cover ${image.error ? "opacity-40" : ""}`}
              />
              {!image.attachment && !image.error && (
                <progress
                  className="absolute inset-x-1 bottom-1 h-1.5 w-[calc(100%-0.5rem)] accent-pink"
                  value={image.progress}
                  max={1}
                  aria-label={`Uploading ${image.name}`}
                />
              )}
              {image.error && (
                <p role="alert" className="mt-1 max-w-28 text-xs text-pink">
                  {image.error}
                </p>
              )}
              <button
                type="button"
                className="absolute -right-2 -top-2 grid size-7 place-items-center rounded-full border border-white/30 bg-night text-sm text-white hover:text-pink"
                aria-label={`Remove ${image.name}`}
                onClick={() => draft.remove(image.key)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A message's images: each opens full size; the link is the conversation's two people's only. */
export function MessageImages({ attachments, from }: { attachments: readonly Attachment[]; from: string }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="flex max-w-full flex-wrap gap-2" aria-label={`Images from ${from}`}>
      {attachments.map((image, index) => (
        <li key={image.id}>
          <a
            href={`/api/v1/message-images/${image.id}`}
            target="_blank"
            rel="noreferrer"
            className="block overflow-hidden rounded-xl border border-white/15 focus-visible:outline-2 focus-visible:outline-gold"
          >
            <img
              src={`/api/v1/message-images/${image.id}`}
              width={image.width}
              height={image.height}
              loading="lazy"
              alt={`${index + 1} of ${attachments.length}, sent by ${from} (opens full size)`}
              className="max-h-60 w-auto max-w-[16rem] bg-white/5 object-contain"
            />
          </a>
        </li>
      ))}
    </ul>
  );
}
