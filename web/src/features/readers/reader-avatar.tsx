import { useState } from "react";

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
