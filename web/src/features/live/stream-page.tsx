import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { ApiError, formatCents, friendlyMessage } from "../../lib/api/client";
import { useMe } from "../../lib/session";
import { guessCountry } from "../safety/crisis-lines";
import { CrisisPanel } from "../safety/crisis-panel";
import { GiftPicture } from "./gift-animations";
import { LiveChat } from "./live-chat";
import {
  type BoardEntry,
  type Stream,
  useBuyTicket,
  useGifts,
  useReminder,
  useSendGift,
  useStream,
} from "./live-queries";
import { StreamVideo } from "./stream-video";
import { useStreamRoom } from "./use-stream-room";

const onAir = (status: Stream["status"]) => status === "live" || status === "reconnecting";

export function StatusBadge({ stream }: { stream: Stream }) {
  const [text, style] = {
    live: ["Live", "bg-pink text-night"],
    reconnecting: ["Reconnecting", "bg-gold text-night"],
    scheduled: ["Coming up", "border border-gold/60 text-gold-soft"],
    ended: ["Ended", "border border-white/30 text-white/70"],
    cancelled: ["Cancelled", "border border-white/30 text-white/70"],
  }[stream.status];
  return (
    <span className={`rounded-full px-3 py-0.5 text-xs font-bold tracking-wide uppercase ${style}`}>
      {text}
    </span>
  );
}

/** The countdown to a scheduled start, updated each second. */
function Countdown({ at }: { at: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, new Date(at).getTime() - now);
  const hours = Math.floor(left / 3_600_000);
  const minutes = Math.floor((left % 3_600_000) / 60_000);
  const seconds = Math.floor((left % 60_000) / 1_000);
  return (
    <p className="font-body text-4xl text-gold-soft" aria-live="off">
      {left === 0
        ? "Starting soon"
        : `${hours > 0 ? `${hours} h ` : ""}${minutes} min ${seconds.toString().padStart(2, "0")} s`}
    </p>
  );
}

export function Board({ board }: { board: BoardEntry[] }) {
  return (
    <section aria-labelledby="board-heading" className="rounded-2xl border border-white/10 bg-night/60 p-4">
      <h2 id="board-heading" className="font-body text-lg text-gold-soft">
        Top supporters
      </h2>
      {board.length === 0 ? (
        <p className="mt-2 text-sm text-white/55">No gifts yet.</p>
      ) : (
        <ol aria-label="Top supporters" className="mt-2 flex flex-col gap-1">
          {board.map((entry, index) => (
            <li key={entry.userId} className="flex justify-between gap-3 text-sm">
              <span>
                <span className="mr-2 text-gold">{index + 1}.</span>
                {entry.displayName}
              </span>
              <span className="text-pink">{formatCents(entry.totalCents)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function GiftBar({ stream, signedIn }: { stream: Stream; signedIn: boolean }) {
  const gifts = useGifts();
  const send = useSendGift(stream.id);
  const [balance, setBalance] = useState<number | null>(null);
  if (!signedIn || stream.access.isReader) return null;
  const short = send.error instanceof ApiError && send.error.code === "INSUFFICIENT_FUNDS";
  return (
    <section aria-labelledby="gifts-heading" className="rounded-2xl border border-white/10 bg-night/60 p-4">
      <h2 id="gifts-heading" className="font-body text-lg text-gold-soft">
        Send a gift
      </h2>
      <p className="text-xs text-white/55">Paid from your wallet; 70 % goes to the reader.</p>
      {gifts.isLoading && <Spinner label="Loading gifts" />}
      <div className="mt-3 grid grid-cols-3 gap-2 sm:grid-cols-6 lg:grid-cols-3">
        {gifts.data?.items.map((gift) => (
          <button
            key={gift.id}
            type="button"
            disabled={send.isPending || !onAir(stream.status)}
            onClick={() => send.mutate(gift.id, { onSuccess: (answer) => setBalance(answer.balanceCents) })}
            className="flex flex-col items-center gap-1 rounded-xl border border-pink/30 px-2 py-2 text-xs hover:bg-pink/10 disabled:opacity-50"
          >
            <GiftPicture animation={gift.animation} />
            <span className="font-semibold">{gift.name}</span>
            <span className="text-gold-soft">{formatCents(gift.priceCents)}</span>
            <span className="sr-only">
              : send a {gift.name} for {formatCents(gift.priceCents)}
            </span>
          </button>
        ))}
      </div>
      {balance !== null && !send.error && (
        <p role="status" className="mt-2 text-xs text-white/60">
          Sent. Your wallet: {formatCents(balance)}
        </p>
      )}
      {send.error && (
        <p role="alert" className="mt-2 text-sm text-red-300">
          {short ? "Your wallet is short for that gift. " : friendlyMessage(send.error)}
          {short && (
            <Link to="/wallet" className="text-pink underline">
              Add funds
            </Link>
          )}
        </p>
      )}
    </section>
  );
}

function TicketCard({ stream, signedIn }: { stream: Stream; signedIn: boolean }) {
  const buy = useBuyTicket(stream.id);
  const price = formatCents(stream.ticketPriceCents ?? 0);
  const short = buy.error instanceof ApiError && buy.error.code === "INSUFFICIENT_FUNDS";
  return (
    <Card className="text-center">
      <h2 className="font-body text-2xl text-gold-soft">A premium stream</h2>
      <p className="mt-2 text-white/75">
        One ticket ({price}, paid once from your wallet) lets you watch, chat and send gifts, and come back if
        you drop. If the stream ends within 5 minutes of starting, or does not start, you get it all back.
      </p>
      <div className="mt-4">
        {signedIn ? (
          <Button onClick={() => buy.mutate()} disabled={buy.isPending}>
            Buy ticket for {price}
          </Button>
        ) : (
          <Link to={`/sign-in?next=/live/${stream.id}`} className="text-pink underline">
            Sign in to buy a ticket
          </Link>
        )}
      </div>
      {buy.error && (
        <p role="alert" className="mt-3 text-sm text-red-300">
          {short ? "Your wallet is short for the ticket. " : friendlyMessage(buy.error)}
          {short && (
            <Link to="/wallet" className="text-pink underline">
              Add funds
            </Link>
          )}
        </p>
      )}
    </Card>
  );
}

function ScheduledCard({ stream, signedIn }: { stream: Stream; signedIn: boolean }) {
  const reminder = useReminder(stream.id);
  return (
    <Card className="text-center">
      <h2 className="font-body text-xl text-white/80">
        Starts {new Date(stream.scheduledFor ?? "").toLocaleString()}
      </h2>
      <Countdown at={stream.scheduledFor ?? new Date().toISOString()} />
      {signedIn && !stream.access.isReader && (
        <Button
          variant="ghost"
          className="mt-4"
          aria-pressed={stream.access.reminded}
          disabled={reminder.isPending}
          onClick={() => reminder.mutate(!stream.access.reminded)}
        >
          {stream.access.reminded ? "You will be reminded" : "Remind me"}
        </Button>
      )}
      {reminder.error && <Alert>{friendlyMessage(reminder.error)}</Alert>}
    </Card>
  );
}

/** `/live/:streamId`: a stream as a viewer sees it. */
export function StreamPage() {
  const { streamId = "" } = useParams();
  const me = useMe();
  const query = useStream(streamId);
  const stream = query.data?.stream;
  const myUserId = me.data?.id ?? null;
  const room = useStreamRoom(stream, myUserId);
  if (query.isLoading) return <Spinner label="Loading the stream" />;
  if (!stream)
    return (
      <Card>
        <h1 className="text-4xl text-pink">Stream not found</h1>
        <p className="mt-2 text-white/75">
          {query.error instanceof ApiError && query.error.status === 404
            ? "This stream does not exist, or it is private and you are not invited."
            : friendlyMessage(query.error)}
        </p>
        <Link to="/live" className="mt-4 inline-block text-pink underline">
          See who is live
        </Link>
      </Card>
    );
  const signedIn = myUserId !== null;
  const live = onAir(stream.status);
  const watching = live && stream.access.canWatch;
  const closedReason = stream.access.muted
    ? "The reader muted you in this stream."
    : live
      ? null
      : stream.status === "scheduled"
        ? "The chat opens when the stream is live."
        : "The stream is over; its chat is closed.";
  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <div className="flex items-center gap-3">
            <StatusBadge stream={stream} />
            {watching && (
              <span className="text-sm text-white/70" aria-live="polite">
                {room.viewerCount} watching
              </span>
            )}
          </div>
          <h1 className="mt-1 text-4xl text-pink sm:text-5xl">{stream.title}</h1>
          <p className="text-white/70">
            <Link to={`/readers/${stream.reader.slug}`} className="text-gold-soft underline">
              {stream.reader.displayName}
            </Link>{" "}
            · {stream.topic}
            {stream.visibility === "premium" && ` · Premium ${formatCents(stream.ticketPriceCents ?? 0)}`}
            {stream.visibility === "private" && " · Private"}
          </p>
        </div>
        {!stream.access.isReader && (
          <Link
            to={`/readers/${stream.reader.slug}`}
            className="inline-flex min-h-11 items-center rounded-full border border-gold/60 px-5 font-semibold text-gold-soft hover:bg-gold/10"
          >
            Private reading with {stream.reader.displayName}
          </Link>
        )}
      </header>
      {room.myCrisis && (
        <CrisisPanel country={me.data?.country ?? guessCountry()} onDismiss={room.dismissCrisis} />
      )}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex flex-col gap-4">
          {watching && (
            <StreamVideo
              streamId={stream.id}
              reconnecting={stream.status === "reconnecting"}
              gifts={room.gifts}
            />
          )}
          {live && stream.access.needsTicket && <TicketCard stream={stream} signedIn={signedIn} />}
          {stream.status === "scheduled" && <ScheduledCard stream={stream} signedIn={signedIn} />}
          {stream.status === "scheduled" && stream.access.needsTicket && (
            <TicketCard stream={stream} signedIn={signedIn} />
          )}
          {(stream.status === "ended" || stream.status === "cancelled") && (
            <Card className="text-center">
              <h2 className="font-body text-2xl text-gold-soft">
                {stream.status === "ended" ? "This stream has ended" : "This stream was cancelled"}
              </h2>
              <p className="mt-2 text-white/70">
                Want a reading of your own? Visit{" "}
                <Link to={`/readers/${stream.reader.slug}`} className="text-pink underline">
                  {stream.reader.displayName}'s page
                </Link>
                .
              </p>
            </Card>
          )}
          {watching && <GiftBar stream={stream} signedIn={signedIn} />}
        </div>
        {stream.access.canWatch && (
          <div className="flex flex-col gap-4">
            {room.error && <Alert>{friendlyMessage(room.error)}</Alert>}
            <LiveChat
              streamId={stream.id}
              messages={room.messages}
              canWrite={live && !stream.access.muted}
              signedIn={signedIn}
              closedReason={closedReason}
            />
            <Board board={room.board} />
          </div>
        )}
      </div>
    </div>
  );
}
