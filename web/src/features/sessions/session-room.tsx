import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle, Spinner } from "../../components/ui";
import { api, formatCents, friendlyMessage, unwrap } from "../../lib/api/client";
import { useLiveTopic } from "../../lib/live";
import type { User } from "../../lib/session";
import { AfterSession } from "./after-session";
import { JoinCallbackLine } from "./callback-line";
import { MediaCall } from "./media-call";
import { SessionChat } from "./session-chat";
import {
  costForBilledMs,
  END_CAUSE_LABEL,
  formatClock,
  liveBilledMs,
  MODALITY_LABEL,
  type SessionView,
  unitsLeft,
} from "./session-format";

const RUNNING = new Set(["active", "paused", "reconnecting"]);
const OPEN = new Set(["created", "waiting", "active", "paused", "reconnecting"]);
const IN_ROOM_TOP_UP_CENTS = 2_500;

export function SessionRoomPage() {
  const { sessionId = "" } = useParams();
  return <RequireUser>{(me) => <SessionRoom sessionId={sessionId} me={me} />}</RequireUser>;
}

function useSessionLive(sessionId: string) {
  const client = useQueryClient();
  const session = useQuery({
    queryKey: ["session", sessionId],
    queryFn: async () =>
      (await unwrap(api.GET("/api/v1/sessions/{sessionId}", { params: { path: { sessionId } } }))).session,
    // A safety net for a missed event while the reading is open.
    refetchInterval: (query) => (query.state.data && OPEN.has(query.state.data.state) ? 10_000 : false),
  });
  useLiveTopic("user:me", (event) => {
    const next = (event.data as { session?: SessionView }).session;
    if (next?.id !== sessionId) return;
    client.setQueryData(["session", sessionId], next);
    // A page load still in flight may answer with the state before this event: ask again, which
    // also cancels that older request.
    void client.invalidateQueries({ queryKey: ["session", sessionId] });
  });
  return session;
}

function SessionRoom({ sessionId, me }: { sessionId: string; me: User }) {
  const session = useSessionLive(sessionId);
  const data = session.data;
  const open = data ? OPEN.has(data.state) : false;
  // Being in the room is what the meter counts as connected: subscribe while the reading is open.
  useLiveTopic(open ? `session:${sessionId}` : null, () => {});
  if (session.isLoading) return <Spinner label="Opening your reading" />;
  if (session.error || !data) return <Alert>{friendlyMessage(session.error)}</Alert>;
  const role = data.clientUserId === me.id ? "client" : "reader";
  const other = role === "client" ? data.readerName : data.clientName;
  return (
    <div className="mx-auto grid max-w-5xl gap-6">
      <PageTitle
        subtitle={`${MODALITY_LABEL[data.modality]} reading with ${other} · ${formatCents(data.ratePerUnitCents)}/min, locked`}
      >
        Your reading
      </PageTitle>
      {data.state === "created" && <Ringing session={data} role={role} />}
      {data.state === "waiting" && (
        <Card>
          <p className="text-lg" role="status">
            Accepted. Connecting you both… Billing starts only when both of you are here.
          </p>
        </Card>
      )}
      {RUNNING.has(data.state) && <Meter session={data} role={role} other={other} />}
      {data.state === "active" && data.modality !== "chat" && (
        <MediaCall sessionId={sessionId} myUserId={me.id} role={role} video={data.modality === "video"} />
      )}
      {(data.state === "ended" || data.state === "finalized") && <Summary session={data} role={role} />}
      {data.state === "finalized" && data.billedMs > 0 && (
        <AfterSession sessionId={sessionId} role={role} showSummary={false} />
      )}
      {data.state !== "created" && (data.state !== "finalized" || data.startedAt) && (
        <SessionChat
          sessionId={sessionId}
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

function Ringing({ session, role }: { session: SessionView; role: "client" | "reader" }) {
  const cancel = useEndSession(session.id);
  return (
    <Card>
      <p className="text-lg motion-safe:animate-pulse" role="status">
        {role === "client"
          ? `Calling ${session.readerName}… they have up to a minute to answer.`
          : `${session.clientName} is calling you.`}
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

function useEndSession(sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/v1/sessions/{sessionId}/end", { params: { path: { sessionId } } })),
    onSuccess: (data) => client.setQueryData(["session", sessionId], data.session),
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
function Meter({ session, role, other }: { session: SessionView; role: "client" | "reader"; other: string }) {
  const now = useNow();
  const end = useEndSession(session.id);
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
  const billedMs = liveBilledMs(session, now);
  const cost = costForBilledMs(session, billedMs);
  const left =
    role === "client" && wallet.data ? unitsLeft(session, billedMs, wallet.data.balanceCents) : null;
  const warning =
    left === null || session.state !== "active"
      ? null
      : left <= 1
        ? "Less than a minute left. Add funds to keep going."
        : left <= 3
          ? "About 3 minutes left."
          : null;
  const graceLeft = session.graceEndsAt ? new Date(session.graceEndsAt).getTime() - now : null;
  const connection =
    session.state === "active"
      ? "You are both connected."
      : session.state === "reconnecting"
        ? `Waiting for ${other} to reconnect — not billed.`
        : role === "client"
          ? "Paused: your balance ran out. Add funds to continue — not billed while paused."
          : "Paused while the client adds funds — not billed.";
  return (
    <Card className="grid gap-4 sm:grid-cols-[1fr_auto]">
      <div>
        <div role="status" data-state={session.state}>
          <p className="flex items-center gap-2">
            <span
              aria-hidden="true"
              className={`size-3 shrink-0 rounded-full ${session.state === "active" ? "bg-emerald-400 shadow-[0_0_10px_#34d399]" : "bg-gold motion-safe:animate-pulse"}`}
            />
            {connection}
          </p>
          {graceLeft !== null && graceLeft > 0 && session.state !== "active" && (
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
                {formatClock(left * session.unitMs)}
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

function Summary({ session, role }: { session: SessionView; role: "client" | "reader" }) {
  const started = session.startedAt ? new Date(session.startedAt).getTime() : null;
  const ended = session.endedAt ? new Date(session.endedAt).getTime() : null;
  return (
    <Card>
      <h2 className="text-4xl text-gold">Summary</h2>
      <p className="mt-1 text-white/80">
        {session.endCause ? END_CAUSE_LABEL[session.endCause] : "The reading has ended."}
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
        <div>
          <dt className="text-sm text-white/60">Duration</dt>
          <dd className="text-2xl">{started && ended ? formatClock(ended - started) : "—"}</dd>
        </div>
        <div>
          <dt className="text-sm text-white/60">Billed</dt>
          <dd className="text-2xl" data-testid="summary-billed">
            {formatClock(session.billedSeconds * 1000)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-white/60">{role === "client" ? "You paid" : "Client paid"}</dt>
          <dd className="text-2xl text-pink" data-testid="summary-amount">
            {formatCents(session.chargedCents)}
          </dd>
        </div>
        {role === "reader" && session.readerShareCents !== null && (
          <div>
            <dt className="text-sm text-white/60">Your share</dt>
            <dd className="text-2xl text-gold">{formatCents(session.readerShareCents)}</dd>
          </div>
        )}
      </dl>
      {session.state === "ended" && <Spinner label="Settling the bill" />}
      {role === "client" && (session.endCause === "missed" || session.endCause === "declined") && (
        <JoinCallbackLine
          readerUserId={session.readerUserId}
          readerName={session.readerName}
          modality={session.modality}
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
