import { type ReactNode, useEffect, useRef, useState } from "react";

/** Each gift's picture: inline SVG in the house colours (no image or video files). */
const PICTURES: Record<string, ReactNode> = {
  rose: (
    <g>
      <path d="M50 92 C48 70 52 60 50 48" stroke="#2f9e5b" strokeWidth="5" fill="none" />
      <path d="M50 50 C30 48 28 24 42 18 C46 10 58 10 60 18 C74 22 72 48 50 50Z" fill="#ff3d7f" />
      <path d="M44 30 C50 24 58 28 56 36" stroke="#ffd1e4" strokeWidth="3" fill="none" />
    </g>
  ),
  crystal: (
    <path
      d="M50 6 L78 36 L50 94 L22 36Z M22 36 H78 M50 6 L40 36 L50 94 L60 36Z"
      fill="#9fe7ff"
      stroke="#e8fbff"
      strokeWidth="3"
    />
  ),
  star: (
    <path
      d="M50 6 L61 38 L95 38 L67 58 L78 92 L50 71 L22 92 L33 58 L5 38 L39 38Z"
      fill="#f1d77a"
      stroke="#fff4c2"
      strokeWidth="3"
    />
  ),
  moon: (
    <path d="M64 8 A42 42 0 1 0 92 70 A34 34 0 1 1 64 8Z" fill="#f1d77a" stroke="#fff4c2" strokeWidth="3" />
  ),
  sun: (
    <g fill="#ffb347" stroke="#ffe08a" strokeWidth="3">
      <circle cx="50" cy="50" r="22" />
      {[0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 330].map((degrees) => (
        <path key={degrees} d="M50 4 L55 20 L45 20Z" transform={`rotate(${degrees} 50 50)`} />
      ))}
    </g>
  ),
  diamond: (
    <path
      d="M20 36 L36 14 H64 L80 36 L50 90Z M20 36 H80 M36 14 L44 36 L50 90 L56 36 L64 14"
      fill="#c9f3ff"
      stroke="#ffffff"
      strokeWidth="3"
    />
  ),
  heart: (
    <path
      d="M50 88 C10 60 6 30 28 20 C40 14 48 22 50 30 C52 22 60 14 72 20 C94 30 90 60 50 88Z"
      fill="#ff69b4"
      stroke="#ffd1e4"
      strokeWidth="3"
    />
  ),
  sparkle: (
    <path
      d="M50 4 L58 42 L96 50 L58 58 L50 96 L42 58 L4 50 L42 42Z"
      fill="#ffd1e4"
      stroke="#ffffff"
      strokeWidth="2"
    />
  ),
};

export function GiftPicture({ animation, className = "size-8" }: { animation: string; className?: string }) {
  return (
    <svg viewBox="0 0 100 100" className={className} aria-hidden="true">
      {PICTURES[animation] ?? PICTURES.sparkle}
    </svg>
  );
}

interface GiftShown {
  id: string;
  animation: string;
  name: string;
  sender: { displayName: string };
}

/** How long a gift's animation stays, and how many play at once (the rest are skipped). */
const SHOW_MS = 2_700;
const MAX_AT_ONCE = 6;

/**
 * Plays each gift's animation over the video once, the first time its id appears (everyone in the
 * room sees the same gifts at the same moment), and says who sent what to screen readers.
 */
export function GiftAnimations({ gifts }: { gifts: GiftShown[] }) {
  const seen = useRef(new Set<string>());
  const [playing, setPlaying] = useState<(GiftShown & { left: number })[]>([]);
  const [said, setSaid] = useState("");
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
    };
  }, []);
  useEffect(() => {
    const fresh = gifts.filter((gift) => !seen.current.has(gift.id));
    if (fresh.length === 0) return;
    for (const gift of fresh) seen.current.add(gift.id);
    const last = fresh.at(-1);
    if (last) setSaid(`${last.sender.displayName} sent a ${last.name}`);
    setPlaying((current) =>
      [
        ...current,
        ...fresh.map((gift, index) => ({ ...gift, left: 15 + (((current.length + index) * 23) % 70) })),
      ].slice(-MAX_AT_ONCE),
    );
    const ids = new Set(fresh.map((gift) => gift.id));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setPlaying((current) => current.filter((gift) => !ids.has(gift.id)));
    }, SHOW_MS);
    timers.current.add(timer);
  }, [gifts]);

  return (
    <>
      <div className="pointer-events-none absolute inset-0 overflow-hidden" aria-hidden="true">
        {playing.map((gift) => (
          <div
            key={gift.id}
            className="gift-rise absolute bottom-6 flex flex-col items-center"
            style={{ left: `${gift.left}%` }}
            data-testid="gift-animation"
          >
            <GiftPicture animation={gift.animation} className="size-20 sm:size-28" />
            <span className="mt-1 rounded-full bg-night/80 px-3 py-1 text-xs font-semibold text-gold-soft">
              {gift.sender.displayName} · {gift.name}
            </span>
          </div>
        ))}
      </div>
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
    </>
  );
}
