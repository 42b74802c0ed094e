import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle, Spinner } from "../../components/ui";
import { api, formatCents, friendlyMessage, unwrap } from "../../lib/api/client";
import { useLiveTopic } from "../../lib/live";
import type { User } from "../../lib/session";
import { AfterReading } from "./after-reading";
import { MediaCall } from "./media-call";
import { ReadingChat } from "./reading-chat";
import {
  costForBilledMs,
  END_CAUSE_LABEL,
  formatClock,
  liveBilledMs,
  MODALITY_LABEL,
  type ReadingView,
  unitsLeft,
} from "./reading-format";
import { JoinWaitlist } from "./waitlist";

const RUNNING = new Set(["active", "paused", "reconnecting"]);
const OPEN = new Set(["created", "waiting", "active", "paused", "reconnecting"]);
const IN_ROOM_TOP_UP_CENTS = 2_500;

export function ReadingRoomPage() {
  const { readingId = "" } = useParams();
  return <RequireUser>{(me) => <ReadingRoom readingId={readingId} me={me} />}</RequireUser>;
}

function useReadingLive(readingId: string) {
  const client = useQueryClient();
  const reading = useQuery({
    queryKey: ["reading", readingId],
    queryFn: async () =>
      (await unwrap(api.GET("/api/v1/readings/{readingId}", { params: { path: { readingId } } }))).reading,
    // A safety net for a missed event while the reading is open.
    refetchInterval: (query) => (query.state.data && OPEN.has(query.state.data.state) ? 10_000 : false),
  });
  useLiveTopic("user:me", (event) => {
    const next = (event.data as { reading?: ReadingView }).reading;
    if (next?.id !== readingId) return;
    client.setQueryData(["reading", readingId], next);
    // A page load still in flight may answer with the state before this event: ask again, which
    // also cancels that older request.
    void client.invalidateQueries({ queryKey: ["reading", readingId] });
  });
  return reading;
}

function ReadingRoom({ readingId, me }: { readingId: string; me: User }) {
  const reading = useReadingLive(readingId);
  const data = reading.data;
  const open = data ? OPEN.has(data.state) : false;
  // Being in the room is what the meter counts as connected: subscribe while the reading is open.
  useLiveTopic(open ? `reading:${readingId}` : null, () => {});
  if (reading.isLoading) return <Spinner label="Opening your reading" />;
  if (reading.error || !data) return <Alert>{friendlyMessage(reading.error)}</Alert>;
  const role = data.clientUserId === me.id ? "client" : "reader";
  const other = role === "client" ? data.readerName : data.clientName;
  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <PageTitle
        subtitle={`${MODALITY_LABEL[data.modality]} reading with ${other} · ${formatCents(data.ratePerUnitCents)}/min, locked`}
      >
        Your reading
      </PageTitle>
      {data.state === "created" && <Ringing reading={data} role={role} />}
      {data.state === "waiting" && (
        <Card>
          <p className="text-lg" role="status">
            Accepted. Connecting you both… Billing starts only when both of you are here.
          </p>
        </Card>
      )}
      {RUNNING.has(data.state) && <Meter reading={data} role={role} other={other} />}
      {data.state === "active" && data.modality !== "chat" && (
        <MediaCall readingId={readingId} myUserId={me.id} role={role} video={data.modality === "video"} />
      )}
      {(data.state === "ended" || data.state === "finalized") && <Summary reading={data} role={role} />}
      {data.state === "finalized" && data.billedMs > 0 && (
        <AfterReading readingId={readingId} role={role} showSummary={false} />
      )}
      {data.state !== "created" && (data.state !== "finalized" || data.startedAt) && (
        <ReadingChat
          readingId={readingId}
          myUserId={me.id}
          otherName={other}
          canSend={data.state === "active"}
          ended={data.state === "ended" || data.state === "finalized"}
          pausedReason={
            data.state === "paused"
              ? "Paused until funds arrive"
              : data.state === "reconnecting"
                ? `Paused while ${other} reconnects`
                : data.state === "waiting"
                  ? "The chat opens when you are both here"
                  : "This reading has ended; the transcript is kept here"
          }
        />
      )}
    </div>
  );
}

function Ringing({ reading, role }: { reading: ReadingView; role: "client" | "reader" }) {
  const cancel = useEndReading(reading.id);
  return (
    <Card>
      <p className="text-lg motion-safe:animate-pulse" role="status">
        {role === "client"
          ? `Calling ${reading.readerName}… they have up to a minute to answer.`
          : `${reading.clientName} is calling you.`}
      </p>
      <p className="mt-1 text-sm text-white/70">Nothing is charged until you are both connected.</p>
      {role === "client" && (
        <Button variant="ghost" className="mt-4" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
          Cancel request
        </Button>
      )}
    </Card>
  );
}

function useEndReading(readingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/readings/{readingId}/end", { params: { path: { readingId } } })),
    onSuccess: (data) => client.setQueryData(["reading", readingId], data.reading),
  });
}

function useNow(intervalMs = 1_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The running reading: state of both sides, billed time, live cost, minutes left, top-up, end. */
function Meter({ reading, role, other }: { reading: ReadingView; role: "client" | "reader"; other: string }) {
  const now = useNow();
  const end = useEndReading(reading.id);
  const wallet = useQuery({
    queryKey: ["wallet"],
    queryFn: () => unwrap(api.GET("/api/v1/wallet")),
    enabled: role === "client",
    refetchInterval: 5_000,
  });
  const topUp = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/wallet/top-ups", { body: { amountCents: IN_ROOM_TOP_UP_CENTS } })),
    onSuccess: (data) => {
      if (data.topUp.checkoutUrl) window.open(data.topUp.checkoutUrl, "_blank", "noopener");
    },
  });
  const billedMs = liveBilledMs(reading, now);
  const cost = costForBilledMs(reading, billedMs);
  const left =
    role === "client" && wallet.data ? unitsLeft(reading, billedMs, wallet.data.balanceCents) : null;
  const warning =
    left === null || reading.state !== "active"
      ? null
      : left <= 1
        ? "Less than a minute left. Add funds to keep going."
        : left <= 3
          ? "About 3 minutes left."
          : null;
  const graceLeft = reading.graceEndsAt ? new Date(reading.graceEndsAt).getTime() - now : null;
  const connection =
    reading.state === "active"
      ? "You are both connected."
      : reading.state === "reconnecting"
        ? `Waiting for ${other} to reconnect — not billed.`
        : role === "client"
          ? "Paused: your balance ran out. Add funds to continue — not billed while paused."
          : "Paused while the client adds funds — not billed.";
  return (
    <Card className="grid gap-4 sm:grid-cols-[1fr_auto]">
      <div>
        <div role="status" data-state={reading.state}>
          <p className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className={`size-3 shrink-0 rounded-full ${reading.state === "active" ? "bg-emerald-400 shadow-[0_0_10px_#34d399]" : "bg-gold motion-safe:animate-pulse"}`}
            />
            {connection}
          </p>
          {graceLeft !== null && graceLeft > 0 && reading.state !== "active" && (
            <p className="ml-5 text-sm text-white/70">
              The reading ends in {formatClock(graceLeft)} otherwise.
            </p>
          )}
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm text-white/60">Billed time</dt>
            <dd className="font-heading text-4xl text-pink" data-testid="billed-time">
              {formatClock(billedMs)}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-white/60">
              {role === "client" ? "Cost so far" : "Earned so far (before your share)"}
            </dt>
            <dd className="font-heading text-4xl text-gold">{formatCents(cost)}</dd>
          </div>
          {left !== null && (
            <div>
              <dt className="text-sm text-white/60">Your balance lasts</dt>
              <dd className="text-2xl" data-testid="time-left">
                {formatClock(left * reading.unitMs)}
              </dd>
            </div>
          )}
        </dl>
        {warning && (
          <p role="alert" className="mt-3 rounded-lg border border-gold/60 bg-gold/10 px-3 py-2 text-gold">
            {warning}
          </p>
        )}
      </div>
      <div className="flex flex-col gap-3 sm:w-56">
        {role === "client" && (
          <Button variant="gold" onClick={() => topUp.mutate()} disabled={topUp.isPending}>
            Add {formatCents(IN_ROOM_TOP_UP_CENTS)} (opens checkout)
          </Button>
        )}
        {topUp.isSuccess && (
          <p className="text-sm text-white/70" role="status">
            Checkout opened in a new tab. The reading continues as soon as the money arrives.
          </p>
        )}
        {topUp.error && (
          <p className="text-sm text-pink" role="alert">
            {friendlyMessage(topUp.error)}
          </p>
        )}
        <Button
          variant="ghost"
          onClick={() => {
            if (window.confirm("End this reading now?")) end.mutate();
          }}
          disabled={end.isPending}
        >
          End reading
        </Button>
        {end.error && (
          <p className="text-sm text-pink" role="alert">
            {friendlyMessage(end.error)}
          </p>
        )}
      </div>
    </Card>
  );
}

function Summary({ reading, role }: { reading: ReadingView; role: "client" | "reader" }) {
  const started = reading.startedAt ? new Date(reading.startedAt).getTime() : null;
  const ended = reading.endedAt ? new Date(reading.endedAt).getTime() : null;
  return (
    <Card>
      <h2 className="text-4xl text-gold">Summary</h2>
      <p className="mt-1 text-white/80">
        {reading.endCause ? END_CAUSE_LABEL[reading.endCause] : "The reading has ended."}
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
        <div>
          <dt className="text-sm text-white/60">Duration</dt>
          <dd className="text-2xl">{started && ended ? formatClock(ended - started) : "—"}</dd>
        </div>
        <div>
          <dt className="text-sm text-white/60">Billed</dt>
          <dd className="text-2xl" data-testid="summary-billed">
            {formatClock(reading.billedSeconds * 1000)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-white/60">{role === "client" ? "You paid" : "Client paid"}</dt>
          <dd className="text-2xl text-pink" data-testid="summary-amount">
            {formatCents(reading.chargedCents)}
          </dd>
        </div>
        {role === "reader" && reading.readerShareCents !== null && (
          <div>
            <dt className="text-sm text-white/60">Your share</dt>
            <dd className="text-2xl text-gold">{formatCents(reading.readerShareCents)}</dd>
          </div>
        )}
      </dl>
      {reading.state === "ended" && <Spinner label="Settling the bill" />}
      {role === "client" && (reading.endCause === "missed" || reading.endCause === "declined") && (
        <JoinWaitlist
          readerUserId={reading.readerUserId}
          readerName={reading.readerName}
          modality={reading.modality}
        />
      )}
      {role === "client" && (
        <p className="mt-4 text-sm">
          <Link to="/readers?online=true" className="text-pink underline">
            Find another reader
          </Link>
        </p>
      )}
    </Card>
  );
}
