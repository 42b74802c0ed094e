import { type ReactNode, useEffect, useRef, useState } from "react";
import { usePublicConfig } from "../../lib/public-config";
import { useAgoraStream } from "./agora-stream";
import { GiftAnimations } from "./gift-animations";
import { createStreamPlayer, type StreamPlayerStatus } from "./stream-player";
import type { GiftSeen } from "./use-stream-room";

const STATUS_TEXT: Partial<Record<StreamPlayerStatus, string>> = {
  connecting: "Connecting…",
  buffering: "Loading the video…",
  reconnecting: "Reconnecting…",
  refused: "You cannot watch this stream.",
  unsupported: "This browser cannot play live video. Try a current Chrome, Edge, Firefox or Safari.",
};

/**
 * The stream's video: through Agora when the server is configured for it, otherwise from the
 * app's own relay (decision 0022); gifts play over it either way.
 */
export function StreamVideo(props: { streamId: string; reconnecting: boolean; gifts: GiftSeen[] }) {
  const config = usePublicConfig();
  if (config.isLoading) return <VideoFrame overlay="Connecting…" gifts={props.gifts} />;
  return config.data?.media.provider === "agora" ? <AgoraVideo {...props} /> : <RelayVideo {...props} />;
}

function VideoFrame({
  overlay,
  gifts,
  children,
}: {
  overlay: string | null;
  gifts: GiftSeen[];
  children?: ReactNode;
}) {
  return (
    <div className="relative aspect-video w-full overflow-hidden rounded-2xl border border-pink/30 bg-black">
      {children}
      <GiftAnimations gifts={gifts} />
      {overlay && (
        <p
          role="status"
          className="absolute inset-x-0 top-1/2 mx-auto w-fit -translate-y-1/2 rounded-full bg-night/85 px-5 py-2 text-gold-soft"
        >
          {overlay}
        </p>
      )}
    </div>
  );
}

function AgoraVideo({
  streamId,
  reconnecting,
  gifts,
}: {
  streamId: string;
  reconnecting: boolean;
  gifts: GiftSeen[];
}) {
  const container = useRef<HTMLDivElement>(null);
  const state = useAgoraStream({ streamId, enabled: true, role: "audience", videoRef: container });
  const overlay =
    reconnecting || state === "reconnecting"
      ? "Reconnecting…"
      : state === "failed"
        ? "The video could not connect. Reload the page to try again."
        : state === "connecting"
          ? "Connecting…"
          : null;
  return (
    <VideoFrame overlay={overlay} gifts={gifts}>
      <div
        ref={container}
        className="size-full"
        aria-label="Live video"
        role="img"
        data-testid="stream-video"
      />
    </VideoFrame>
  );
}

/** The stream's video from the app's own relay (decision 0022), with its gifts playing over it. */
function RelayVideo({
  streamId,
  reconnecting,
  gifts,
}: {
  streamId: string;
  /** The reader's connection dropped (the stream's status): say so over the video. */
  reconnecting: boolean;
  gifts: GiftSeen[];
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<StreamPlayerStatus>("connecting");
  const [muted, setMuted] = useState(true);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const url = `${location.origin.replace(/^http/, "ws")}/api/v1/streams/${streamId}/watch`;
    const player = createStreamPlayer({ video: element, url, onStatus: setStatus });
    return () => player.close();
  }, [streamId]);
  const overlay = reconnecting
    ? "Reconnecting…"
    : status === "playing"
      ? null
      : (STATUS_TEXT[status] ?? null);
  return (
    <VideoFrame overlay={overlay} gifts={gifts}>
      <video
        ref={video}
        muted={muted}
        autoPlay
        playsInline
        className="size-full object-contain"
        aria-label="Live video"
        data-testid="stream-video"
      />
      <button
        type="button"
        onClick={() => {
          setMuted((current) => !current);
          void video.current?.play().catch(() => {});
        }}
        aria-pressed={!muted}
        className="absolute right-3 bottom-3 z-10 min-h-11 rounded-full bg-night/80 px-4 text-sm font-semibold text-white hover:bg-night"
      >
        {muted ? "Unmute" : "Mute"}
      </button>
    </VideoFrame>
  );
}
