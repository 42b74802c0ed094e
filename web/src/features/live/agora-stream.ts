import type { IAgoraRTCClient, ILocalTrack } from "agora-rtc-sdk-ng";
import { type RefObject, useEffect, useState } from "react";
import { api, unwrap } from "../../lib/api/client";

export type AgoraStreamState = "connecting" | "playing" | "reconnecting" | "failed";

/** Agora's log levels: 2 keeps warnings and errors. */
const AGORA_LOG_LEVEL = 2;

const fetchStreamToken = (streamId: string) =>
  unwrap(api.POST("/api/v1/streams/{streamId}/media-token", { params: { path: { streamId } } }));

/**
 * A stream's video through Agora RTC in live-broadcast mode (when the server's config says so,
 * decision 0022): the reader joins as host and publishes `media` (the studio's own camera and
 * microphone, as custom tracks); a viewer joins as audience and plays the host into `videoRef`.
 * Tokens come from the server (host only for the stream's reader, audience only for who may
 * watch) and are renewed before they end. The SDK loads only here, on demand.
 */
export function useAgoraStream({
  streamId,
  enabled,
  role,
  media,
  videoRef,
}: {
  streamId: string;
  enabled: boolean;
  role: "host" | "audience";
  /** The host's camera and microphone. */
  media?: MediaStream | null;
  /** Where the audience plays the host's video. */
  videoRef?: RefObject<HTMLElement | null>;
}) {
  const [state, setState] = useState<AgoraStreamState>("connecting");
  useEffect(() => {
    if (!enabled || (role === "host" && !media)) return;
    let cancelled = false;
    let client: IAgoraRTCClient | null = null;
    const tracks: ILocalTrack[] = [];
    const join = async (rtc: IAgoraRTCClient) => {
      const grant = await fetchStreamToken(streamId);
      if (cancelled) return;
      await rtc.join(grant.appId, grant.channel, grant.token, grant.uid === 0 ? null : grant.uid);
      if (!cancelled && tracks.length > 0) await rtc.publish(tracks);
      if (!cancelled && role === "host") setState("playing");
    };
    const start = async () => {
      const { default: AgoraRTC } = await import("agora-rtc-sdk-ng");
      if (cancelled) return;
      AgoraRTC.setLogLevel(AGORA_LOG_LEVEL);
      const rtc = AgoraRTC.createClient({ mode: "live", codec: "vp8" });
      client = rtc;
      await rtc.setClientRole(role);
      if (role === "host" && media) {
        for (const track of media.getVideoTracks())
          tracks.push(AgoraRTC.createCustomVideoTrack({ mediaStreamTrack: track }));
        for (const track of media.getAudioTracks())
          tracks.push(AgoraRTC.createCustomAudioTrack({ mediaStreamTrack: track }));
      }
      rtc.on("user-published", (user, mediaType) => {
        if (mediaType === "datachannel") return;
        rtc
          .subscribe(user, mediaType)
          .then(() => {
            if (cancelled) return;
            if (mediaType === "audio") user.audioTrack?.play();
            if (mediaType === "video" && videoRef?.current)
              user.videoTrack?.play(videoRef.current, { fit: "contain" });
            setState("playing");
          })
          .catch(() => !cancelled && setState("failed"));
      });
      rtc.on("user-unpublished", () => !cancelled && role === "audience" && setState("reconnecting"));
      rtc.on("connection-state-change", (current, _previous, reason) => {
        if (cancelled) return;
        if (current === "RECONNECTING") setState("reconnecting");
        if (current === "DISCONNECTED" && reason !== "LEAVE") setState("failed");
      });
      rtc.on("token-privilege-will-expire", () => {
        fetchStreamToken(streamId)
          .then((grant) => rtc.renewToken(grant.token))
          .catch(() => {});
      });
      rtc.on("token-privilege-did-expire", () => {
        rtc
          .leave()
          .then(() => join(rtc))
          .catch(() => !cancelled && setState("failed"));
      });
      await join(rtc);
    };
    start().catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
      // Custom tracks wrap the page's own camera: closing them would stop it, so only unpublish.
      client?.removeAllListeners();
      void client?.leave().catch(() => {});
      client = null;
    };
  }, [streamId, enabled, role, media, videoRef]);
  return state;
}
