import type { IAgoraRTCClient, ILocalAudioTrack, ILocalVideoTrack } from "agora-rtc-sdk-ng";
import { type RefObject, useEffect, useRef, useState } from "react";
import { fetchMediaToken } from "./queries";

export type AgoraCallState = "starting" | "connecting" | "connected" | "no-devices" | "failed";

/** Agora's log levels: 2 keeps warnings and errors. */
const AGORA_LOG_LEVEL = 2;

/**
 * A voice or video call for a reading through Agora RTC, used when the server's public config says
 * so. The SDK is loaded only here, on demand, so the app's main bundle does not carry it. Joins the
 * reading's channel with a short-lived server token, publishes the microphone (and camera), plays
 * the other side into `remoteRef`, and renews the token when Agora says it is about to expire.
 */
export function useAgoraCall({
  readingId,
  video,
  remoteRef,
  localRef,
}: {
  readingId: string;
  video: boolean;
  remoteRef: RefObject<HTMLElement | null>;
  localRef: RefObject<HTMLElement | null>;
}) {
  const [state, setState] = useState<AgoraCallState>("starting");
  const tracksRef = useRef<{ audio: ILocalAudioTrack | null; video: ILocalVideoTrack | null }>({
    audio: null,
    video: null,
  });

  useEffect(() => {
    let cancelled = false;
    let client: IAgoraRTCClient | null = null;
    const local = tracksRef.current;
    const release = () => {
      local.audio?.close();
      local.video?.close();
      local.audio = null;
      local.video = null;
    };

    async function join(rtc: IAgoraRTCClient) {
      const grant = await fetchMediaToken(readingId);
      if (cancelled) return;
      await rtc.join(grant.appId, grant.channel, grant.token, grant.uid);
      const published = [local.audio, local.video].filter((track) => track !== null);
      if (!cancelled && published.length > 0) await rtc.publish(published);
    }

    async function start() {
      const { default: AgoraRTC } = await import("agora-rtc-sdk-ng");
      if (cancelled) return;
      AgoraRTC.setLogLevel(AGORA_LOG_LEVEL);
      try {
        if (video) [local.audio, local.video] = await AgoraRTC.createMicrophoneAndCameraTracks();
        else local.audio = await AgoraRTC.createMicrophoneAudioTrack();
      } catch {
        if (!cancelled) setState("no-devices");
        return;
      }
      if (cancelled) return release();
      if (localRef.current) local.video?.play(localRef.current, { fit: "cover" });
      setState("connecting");

      const rtc = AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });
      client = rtc;
      rtc.on("user-published", (user, mediaType) => {
        if (mediaType === "datachannel") return;
        rtc
          .subscribe(user, mediaType)
          .then(() => {
            if (cancelled) return;
            if (mediaType === "audio") user.audioTrack?.play();
            if (mediaType === "video" && remoteRef.current)
              user.videoTrack?.play(remoteRef.current, { fit: "cover" });
            setState("connected");
          })
          .catch(() => !cancelled && setState("failed"));
      });
      rtc.on("user-left", () => setState("connecting"));
      rtc.on("connection-state-change", (current, _previous, reason) => {
        if (cancelled) return;
        if (current === "RECONNECTING") setState("connecting");
        // Dropped by Agora (the same person joined from another device, a network or server error).
        if (current === "DISCONNECTED" && reason !== "LEAVE") setState("failed");
      });
      // Agora warns 30 s before the token ends: fetch a fresh one and hand it over.
      rtc.on("token-privilege-will-expire", () => {
        fetchMediaToken(readingId)
          .then((grant) => rtc.renewToken(grant.token))
          .catch(() => {});
      });
      // Renewal missed (asleep, offline): rejoin once with a fresh token.
      rtc.on("token-privilege-did-expire", () => {
        rtc
          .leave()
          .then(() => join(rtc))
          .catch(() => !cancelled && setState("failed"));
      });
      await join(rtc);
    }

    start().catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
      release();
      client?.removeAllListeners();
      void client?.leave().catch(() => {});
      client = null;
    };
  }, [readingId, video, remoteRef, localRef]);

  const mute = (kind: "audio" | "video", off: boolean) => {
    void tracksRef.current[kind]?.setMuted(off);
  };
  return { state, mute };
}
