import { type ReactNode, useEffect, useRef, useState } from "react";
import { Button } from "../../components/ui";
import { live, useLiveTopic } from "../../lib/live";
import { usePublicConfig } from "../../lib/public-config";
import { useAgoraCall } from "./agora-call";

/** Attaches a stream to a <video> and starts it (autoplay alone may wait for a gesture). */
function show(element: HTMLVideoElement | null, stream: MediaStream) {
  if (!element || element.srcObject === stream) return;
  element.srcObject = stream;
  void element.play().catch(() => {});
}

type CallState = "starting" | "connecting" | "connected" | "no-devices" | "failed";

const STATE_TEXT: Record<CallState, string> = {
  starting: "Starting your microphone and camera…",
  connecting: "Connecting the call…",
  connected: "Call connected.",
  "no-devices": "We could not use your microphone or camera. Check the browser's permission and reload.",
  failed: "The call connection failed; it retries when you both reconnect.",
};

interface CallProps {
  readingId: string;
  myUserId: string;
  role: "client" | "reader";
  video: boolean;
}

/**
 * The voice or video call of a reading: the built-in WebRTC by default, Agora RTC when the server's
 * public config names it (the Agora SDK is loaded only then).
 */
export function MediaCall(props: CallProps) {
  const config = usePublicConfig();
  return config.data?.media.provider === "agora" ? <AgoraMediaCall {...props} /> : <WebRtcCall {...props} />;
}

/** A call through Agora RTC: the server hands out the channel, uid and a short-lived token. */
function AgoraMediaCall({ readingId, video }: CallProps) {
  const remoteRef = useRef<HTMLDivElement>(null);
  const localRef = useRef<HTMLDivElement>(null);
  const { state, mute } = useAgoraCall({ readingId, video, remoteRef, localRef });
  return (
    <CallPanel
      video={video}
      state={state}
      onToggle={mute}
      remote={<div ref={remoteRef} data-testid="remote-media" className={video ? "size-full" : "hidden"} />}
      local={
        video && (
          <div
            ref={localRef}
            data-testid="local-media"
            className="absolute bottom-3 right-3 aspect-video w-1/4 min-w-24 overflow-hidden rounded-lg border border-pink/60 shadow-lg"
          />
        )
      }
    />
  );
}

/**
 * A peer-to-peer voice or video call for a reading, signaled over the app's WebSocket room. The
 * client calls (makes the offer) whenever the reader says it is ready; the reader answers. A new
 * "ready" (a reload, a reconnect) starts a fresh connection.
 */
function WebRtcCall({ readingId, myUserId, role, video }: CallProps) {
  const topic = `reading:${readingId}`;
  const config = usePublicConfig();
  const iceServers = config.data?.iceServers;
  const localRef = useRef<HTMLVideoElement>(null);
  const remoteRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const peerRef = useRef<RTCPeerConnection | null>(null);
  const pendingIce = useRef<RTCIceCandidateInit[]>([]);
  /** The negotiation in progress: answers and candidates of any other one are stale. */
  const offerId = useRef("");
  const [state, setState] = useState<CallState>("starting");

  const newPeer = () => {
    peerRef.current?.close();
    const peer = new RTCPeerConnection({ iceServers: iceServers ?? [] });
    peerRef.current = peer;
    pendingIce.current = [];
    for (const track of streamRef.current?.getTracks() ?? [])
      peer.addTrack(track, streamRef.current as MediaStream);
    const id = offerId.current;
    peer.onicecandidate = (event) => {
      if (event.candidate)
        live.signal(topic, "rtc-ice", { offerId: id, candidate: event.candidate.toJSON() });
    };
    peer.ontrack = (event) => {
      if (event.streams[0]) show(remoteRef.current, event.streams[0]);
    };
    peer.onconnectionstatechange = () => {
      if (peer.connectionState === "connected") setState("connected");
      else if (peer.connectionState === "failed") setState("failed");
    };
    setState("connecting");
    return peer;
  };

  // Camera and microphone first; then say we are ready.
  useEffect(() => {
    if (!iceServers) return;
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({ audio: true, video })
      .then((stream) => {
        if (cancelled) {
          for (const track of stream.getTracks()) track.stop();
          return;
        }
        streamRef.current = stream;
        show(localRef.current, stream);
        setState("connecting");
        live.signal(topic, "rtc-ready", { role });
      })
      .catch(() => setState("no-devices"));
    return () => {
      cancelled = true;
      peerRef.current?.close();
      peerRef.current = null;
      for (const track of streamRef.current?.getTracks() ?? []) track.stop();
      streamRef.current = null;
    };
  }, [iceServers, video, topic, role]);

  useLiveTopic(topic, (event) => {
    if (event.event !== "signal" || event.data.from === myUserId || !streamRef.current) return;
    void handleSignal(event.data.kind, event.data.data).catch(() => setState("failed"));
  });

  async function handleSignal(kind: string, data: Record<string, unknown>) {
    if (kind === "rtc-ready") {
      if (role === "client") {
        offerId.current = crypto.randomUUID();
        const id = offerId.current;
        const peer = newPeer();
        const offer = await peer.createOffer();
        await peer.setLocalDescription(offer);
        live.signal(topic, "rtc-offer", { offerId: id, sdp: offer.sdp ?? "", type: offer.type });
      } else if (!data.reply) {
        // The client joined after us: tell it we are here so it calls.
        live.signal(topic, "rtc-ready", { role, reply: true });
      }
    } else if (kind === "rtc-offer" && role === "reader") {
      offerId.current = String(data.offerId);
      const peer = newPeer();
      await peer.setRemoteDescription({ type: "offer", sdp: String(data.sdp) });
      await flushIce(peer);
      const answer = await peer.createAnswer();
      await peer.setLocalDescription(answer);
      live.signal(topic, "rtc-answer", {
        offerId: offerId.current,
        sdp: answer.sdp ?? "",
        type: answer.type,
      });
    } else if (data.offerId !== offerId.current) {
      // A signal of an older negotiation.
    } else if (kind === "rtc-answer" && role === "client" && peerRef.current) {
      await peerRef.current.setRemoteDescription({ type: "answer", sdp: String(data.sdp) });
      await flushIce(peerRef.current);
    } else if (kind === "rtc-ice" && data.candidate) {
      const candidate = data.candidate as RTCIceCandidateInit;
      const peer = peerRef.current;
      if (peer?.remoteDescription) await peer.addIceCandidate(candidate);
      else pendingIce.current.push(candidate);
    }
  }

  async function flushIce(peer: RTCPeerConnection) {
    for (const candidate of pendingIce.current.splice(0)) await peer.addIceCandidate(candidate);
  }

  const toggle = (kind: "audio" | "video", off: boolean) => {
    for (const track of streamRef.current?.getTracks() ?? []) if (track.kind === kind) track.enabled = !off;
  };

  return (
    <CallPanel
      video={video}
      state={state}
      onToggle={toggle}
      remote={
        // biome-ignore lint/a11y/useMediaCaption: a live call has no captions track
        <video
          ref={remoteRef}
          autoPlay
          playsInline
          data-testid="remote-media"
          className={video ? "size-full object-cover" : "hidden"}
        />
      }
      local={
        video && (
          <video
            ref={localRef}
            autoPlay
            playsInline
            muted
            data-testid="local-media"
            className="absolute bottom-3 right-3 w-1/4 min-w-24 rounded-lg border border-pink/60 object-cover shadow-lg"
          />
        )
      }
    />
  );
}

/** The call's frame: the other side (and yourself, on video), the call state, mute and camera. */
function CallPanel({
  video,
  state,
  onToggle,
  remote,
  local,
}: {
  video: boolean;
  state: CallState;
  onToggle: (kind: "audio" | "video", off: boolean) => void;
  remote: ReactNode;
  local: ReactNode;
}) {
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  return (
    <section
      aria-label={video ? "Video call" : "Voice call"}
      className="rounded-2xl border border-white/10 bg-black/40 p-3"
    >
      <div
        className={
          video ? "relative aspect-video overflow-hidden rounded-xl bg-black" : "flex items-center gap-3"
        }
      >
        {remote}
        {local}
        {!video && <p className="text-lg">{state === "connected" ? "You are on the call." : "Voice call"}</p>}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <p role="status" className="mr-auto text-sm text-white/75" data-call-state={state}>
          {STATE_TEXT[state]}
        </p>
        <Button
          variant="ghost"
          aria-pressed={muted}
          onClick={() => {
            onToggle("audio", !muted);
            setMuted(!muted);
          }}
        >
          {muted ? "Unmute" : "Mute"}
        </Button>
        {video && (
          <Button
            variant="ghost"
            aria-pressed={cameraOff}
            onClick={() => {
              onToggle("video", !cameraOff);
              setCameraOff(!cameraOff);
            }}
          >
            {cameraOff ? "Camera on" : "Camera off"}
          </Button>
        )}
      </div>
    </section>
  );
}
