import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, Checkbox, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { usePublicConfig } from "../../lib/public-config";
import { useMe } from "../../lib/session";
import { useConversations } from "../messaging/queries";
import { useAgoraStream } from "./agora-stream";
import { GiftAnimations } from "./gift-animations";
import { LiveChat } from "./live-chat";
import {
  type Stream,
  useInvite,
  useModeration,
  useStream,
  useStreamAction,
  useStreamSummary,
} from "./live-queries";
import { Board, StatusBadge } from "./stream-page";
import { type PublisherStatus, startPublishing } from "./stream-publisher";
import { useStreamRoom } from "./use-stream-room";

const PUBLISHER_TEXT: Record<PublisherStatus, string> = {
  connecting: "Connecting…",
  live: "You are live",
  reconnecting: "Reconnecting… (viewers see “Reconnecting” for up to 2 minutes)",
  ended: "The stream has ended",
  refused: "The stream refused this connection",
  unsupported: "This browser cannot record video for a stream. Use a current Chrome, Edge or Firefox.",
};

/** The camera and microphone, asked for once; video alone when the microphone is refused. */
function useCamera(wanted: boolean) {
  const [media, setMedia] = useState<MediaStream | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let stopped = false;
    let got: MediaStream | null = null;
    const ask = async () => {
      const devices = navigator.mediaDevices;
      if (!devices) throw new Error("no media devices");
      const video = { width: { ideal: 1280 }, height: { ideal: 720 } };
      return devices
        .getUserMedia({ video, audio: true })
        .catch(() => devices.getUserMedia({ video, audio: false }));
    };
    ask()
      .then((stream) => {
        got = stream;
        if (stopped) for (const track of stream.getTracks()) track.stop();
        else setMedia(stream);
      })
      .catch(() =>
        setProblem(
          "SoulSeer could not use your camera. Allow the camera for this site in your browser's address bar, then reload.",
        ),
      );
    return () => {
      stopped = true;
      for (const track of got?.getTracks() ?? []) track.stop();
    };
  }, [wanted]);
  return { media, problem };
}

function Toggle({ media, kind }: { media: MediaStream; kind: "audio" | "video" }) {
  const tracks = kind === "audio" ? media.getAudioTracks() : media.getVideoTracks();
  const [on, setOn] = useState(true);
  if (tracks.length === 0) return null;
  const label = kind === "audio" ? "Microphone" : "Camera";
  return (
    <Button
      variant="ghost"
      aria-pressed={on}
      onClick={() => {
        for (const track of tracks) track.enabled = !on;
        setOn(!on);
      }}
    >
      {label} {on ? "on" : "off"}
    </Button>
  );
}

function InvitePanel({ stream }: { stream: Stream }) {
  const conversations = useConversations("all");
  const invite = useInvite(stream.id);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const clients = conversations.data?.items ?? [];
  return (
    <Card>
      <h2 className="font-body text-xl text-gold-soft">Invite clients</h2>
      <p className="text-sm text-white/65">
        A private stream is seen only by the clients you invite; they get a notification.
      </p>
      {conversations.isLoading && <Spinner label="Loading your clients" />}
      {conversations.data && clients.length === 0 && (
        <p className="mt-2 text-sm text-white/60">
          Clients who write to you or have a reading with you can be invited.
        </p>
      )}
      <div className="mt-3 flex max-h-56 flex-col gap-2 overflow-y-auto">
        {clients.map((conversation) => (
          <Checkbox
            key={conversation.id}
            label={conversation.otherName}
            checked={chosen.has(conversation.clientUserId)}
            onChange={(event) => {
              const next = new Set(chosen);
              if (event.target.checked) next.add(conversation.clientUserId);
              else next.delete(conversation.clientUserId);
              setChosen(next);
            }}
          />
        ))}
      </div>
      {clients.length > 0 && (
        <Button
          className="mt-3"
          disabled={chosen.size === 0 || invite.isPending}
          onClick={() => invite.mutate([...chosen])}
        >
          Send invitations
        </Button>
      )}
      {invite.data && (
        <Alert kind="success">
          Invited {invite.data.invited} new {invite.data.invited === 1 ? "client" : "clients"}.
        </Alert>
      )}
      {invite.error && <Alert>{friendlyMessage(invite.error)}</Alert>}
    </Card>
  );
}

/** After the stream: who watched, what came in, and the reader's share. */
function Summary({ stream }: { stream: Stream }) {
  const summary = useStreamSummary(stream.id, true);
  if (summary.isLoading) return <Spinner label="Adding up the stream" />;
  if (!summary.data) return <Alert>{friendlyMessage(summary.error)}</Alert>;
  const data = summary.data;
  const largest = Math.max(1, data.giftCents, data.ticketCents);
  const figures = [
    ["Peak viewers", String(data.peakViewers)],
    ["Viewers in all", String(data.totalViewers)],
    ["Gifts", `${data.giftCount} · ${formatCents(data.giftCents)}`],
    ["Tickets", `${data.ticketCount} · ${formatCents(data.ticketCents)}`],
    ["Your earnings", formatCents(data.earningsCents)],
  ];
  return (
    <Card>
      <h2 className="font-body text-2xl text-gold-soft">Stream summary</h2>
      <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-5">
        {figures.map(([term, value]) => (
          <div key={term} className="rounded-xl border border-white/10 p-3">
            <dt className="text-xs text-white/60">{term}</dt>
            <dd className="text-xl text-white">{value}</dd>
          </div>
        ))}
      </dl>
      <figure className="mt-6">
        <figcaption className="text-sm text-white/70">Takings by source</figcaption>
        <div
          className="mt-2 flex flex-col gap-2"
          role="img"
          aria-label={`Gifts ${formatCents(data.giftCents)}, tickets ${formatCents(data.ticketCents)}`}
        >
          {[
            ["Gifts", data.giftCents, "bg-pink"],
            ["Tickets", data.ticketCents, "bg-gold"],
          ].map(([name, cents, colour]) => (
            <div key={String(name)} className="flex items-center gap-3 text-sm">
              <span className="w-16 text-white/70">{name}</span>
              <span
                className={`h-4 rounded-full ${colour}`}
                style={{ width: `${(Number(cents) / largest) * 70}%`, minWidth: "0.25rem" }}
              />
              <span>{formatCents(Number(cents))}</span>
            </div>
          ))}
        </div>
      </figure>
      <div className="mt-6">
        <Board board={data.board} />
      </div>
    </Card>
  );
}

/** `/reader/streams/:streamId`: the reader's studio for one stream. */
export function StudioRoomPage() {
  return <RequireUser requiredRole="reader">{() => <Studio />}</RequireUser>;
}

function Studio() {
  const { streamId = "" } = useParams();
  const me = useMe();
  const query = useStream(streamId);
  const stream = query.data?.stream;
  const action = useStreamAction(streamId);
  const moderation = useModeration(streamId);
  const room = useStreamRoom(stream, me.data?.id ?? null);
  const over = stream?.status === "ended" || stream?.status === "cancelled";
  const camera = useCamera(stream?.access.isReader === true && !over);
  const preview = useRef<HTMLVideoElement>(null);
  const [publisher, setPublisher] = useState<PublisherStatus | null>(null);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const onAir = stream?.status === "live" || stream?.status === "reconnecting";

  useEffect(() => {
    if (preview.current && camera.media) preview.current.srcObject = camera.media;
  }, [camera.media]);
  const config = usePublicConfig();
  const viaAgora = config.data?.media.provider === "agora";
  const agora = useAgoraStream({ streamId, enabled: onAir && viaAgora, role: "host", media: camera.media });
  // Publishing runs while the stream is on air and the camera is ready (also after a reload).
  useEffect(() => {
    if (!onAir || !camera.media || !config.data || viaAgora) return;
    const url = `${location.origin.replace(/^http/, "ws")}/api/v1/streams/${streamId}/publish`;
    const publishing = startPublishing({ media: camera.media, url, onStatus: setPublisher });
    return () => publishing.stop();
  }, [onAir, camera.media, streamId, config.data, viaAgora]);

  if (query.isLoading) return <Spinner label="Opening the studio" />;
  if (!stream?.access.isReader)
    return <Alert>{stream ? "This is another reader's stream." : friendlyMessage(query.error)}</Alert>;
  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <div className="flex items-center gap-3">
            <StatusBadge stream={stream} />
            {onAir && <span className="text-sm text-white/70">{room.viewerCount} watching</span>}
          </div>
          <h1 className="mt-1 text-4xl text-pink sm:text-5xl">{stream.title}</h1>
          <p className="text-white/70">
            {stream.topic} ·{" "}
            {stream.visibility === "premium"
              ? `Premium ${formatCents(stream.ticketPriceCents ?? 0)}`
              : stream.visibility === "private"
                ? "Private"
                : "Public"}{" "}
            ·{" "}
            <Link to={`/live/${stream.id}`} className="text-gold-soft underline">
              viewer page
            </Link>
          </p>
        </div>
        <Link to="/reader/streams" className="text-sm text-pink underline">
          All your streams
        </Link>
      </header>
      {over ? (
        <Summary stream={stream} />
      ) : (
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <div className="flex flex-col gap-4">
            <div className="relative aspect-video w-full overflow-hidden rounded-2xl border border-pink/30 bg-black">
              <video
                ref={preview}
                muted
                autoPlay
                playsInline
                aria-label="Your camera"
                className="size-full -scale-x-100 object-cover"
              />
              <GiftAnimations gifts={room.gifts} />
              {!camera.media && !camera.problem && (
                <p className="absolute inset-0 grid place-items-center text-white/70">
                  Starting your camera…
                </p>
              )}
            </div>
            {camera.problem && <Alert>{camera.problem}</Alert>}
            <div className="flex flex-wrap items-center gap-3">
              {camera.media && <Toggle media={camera.media} kind="video" />}
              {camera.media && <Toggle media={camera.media} kind="audio" />}
              {stream.status === "scheduled" && (
                <Button disabled={!camera.media || action.isPending} onClick={() => action.mutate("start")}>
                  Go live
                </Button>
              )}
              {onAir && viaAgora && (
                <p
                  role="status"
                  className={agora === "playing" ? "font-semibold text-pink" : "text-gold-soft"}
                >
                  {agora === "playing"
                    ? PUBLISHER_TEXT.live
                    : agora === "failed"
                      ? "Agora could not connect. Reload to try again."
                      : PUBLISHER_TEXT[agora === "reconnecting" ? "reconnecting" : "connecting"]}
                </p>
              )}
              {onAir && !viaAgora && publisher && (
                <p
                  role="status"
                  className={publisher === "live" ? "font-semibold text-pink" : "text-gold-soft"}
                >
                  {PUBLISHER_TEXT[publisher]}
                </p>
              )}
              {!confirmEnd ? (
                <Button variant="ghost" onClick={() => setConfirmEnd(true)}>
                  {stream.status === "scheduled" ? "Cancel stream" : "End stream"}
                </Button>
              ) : (
                <span className="flex flex-wrap items-center gap-2">
                  <span className="text-sm text-white/80">
                    {stream.status === "scheduled" ? "Cancel this stream?" : "End the stream for everyone?"}
                  </span>
                  <Button
                    onClick={() => action.mutate("end", { onSettled: () => setConfirmEnd(false) })}
                    disabled={action.isPending}
                  >
                    {stream.status === "scheduled" ? "Yes, cancel it" : "Yes, end it"}
                  </Button>
                  <Button variant="ghost" onClick={() => setConfirmEnd(false)}>
                    Keep it
                  </Button>
                </span>
              )}
            </div>
            {action.error && <Alert>{friendlyMessage(action.error)}</Alert>}
            {moderation.error && <Alert>{friendlyMessage(moderation.error)}</Alert>}
            {room.gifts.length > 0 && (
              <section
                aria-labelledby="gifts-in"
                className="rounded-2xl border border-white/10 bg-night/60 p-4"
              >
                <h2 id="gifts-in" className="font-body text-lg text-gold-soft">
                  Gifts
                </h2>
                <ol aria-label="Gifts received" className="mt-2 flex flex-col gap-1 text-sm">
                  {[...room.gifts]
                    .reverse()
                    .slice(0, 10)
                    .map((gift) => (
                      <li key={gift.id}>
                        {gift.sender.displayName} sent a {gift.name} — {formatCents(gift.priceCents)}
                      </li>
                    ))}
                </ol>
              </section>
            )}
            {stream.visibility === "private" && <InvitePanel stream={stream} />}
          </div>
          <div className="flex flex-col gap-4">
            <LiveChat
              streamId={stream.id}
              messages={room.messages}
              canWrite={onAir}
              signedIn
              closedReason={onAir ? null : "The chat opens when you go live."}
              crisisIds={room.crisisIds}
              moderate={{
                remove: (messageId) => moderation.mutate({ kind: "delete", messageId }),
                mute: (userId, name) => {
                  if (window.confirm(`Mute ${name} for this stream? Their messages disappear for everyone.`))
                    moderation.mutate({ kind: "mute", userId });
                },
              }}
            />
            <Board board={room.board} />
          </div>
        </div>
      )}
    </div>
  );
}
