import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { Alert, Button, Card, EmptyState, Spinner } from "../../components/ui";
import { api, friendlyMessage, unwrap } from "../../lib/api/client";
import { useLiveTopic } from "../../lib/live";
import { useMe } from "../../lib/session";
import { formatClock, MODALITY_LABEL } from "./reading-format";

type Modality = "chat" | "voice" | "video";
const MY_WAITLIST = ["waitlist", "mine"];
const READER_QUEUE = ["waitlist", "queue"];

/** Keeps callback lines fresh: any change to a line the user is in (or owns) refetches it. */
function useWaitlistEvents() {
  const client = useQueryClient();
  const { data: me } = useMe();
  useLiveTopic(me ? "user:me" : null, (event) => {
    if (
      event.event === "waitlist.changed" ||
      (event.event === "notification" && isWaitlistNotice(event.data))
    )
      void client.invalidateQueries({ queryKey: ["waitlist"] });
  });
}

function isWaitlistNotice(data: Record<string, unknown>) {
  const kind = (data.notification as { kind?: string } | undefined)?.kind;
  return typeof kind === "string" && kind.startsWith("callback-");
}

export function useMyWaitlist() {
  const { data: me } = useMe();
  useWaitlistEvents();
  return useQuery({
    queryKey: MY_WAITLIST,
    queryFn: () => unwrap(api.GET("/api/v1/waitlist")),
    enabled: me?.role === "client",
  });
}

/** Seconds left until `iso`, ticking. */
function useCountdown(iso: string | null) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  return iso ? Math.max(0, new Date(iso).getTime() - now) : null;
}

/** A button that puts the client in the reader's callback line (after a missed request, or a busy reader). */
export function JoinWaitlist({
  readerUserId,
  readerName,
  modality,
}: {
  readerUserId: string;
  readerName: string;
  modality: Modality;
}) {
  const client = useQueryClient();
  const join = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/waitlist", { body: { readerUserId, modality } })),
    onSuccess: () => client.invalidateQueries({ queryKey: MY_WAITLIST }),
  });
  if (join.data)
    return (
      <p className="mt-2 text-sm text-gold-soft" role="status">
        You are number {join.data.entry.position} in {readerName}'s line. We will tell you the moment they are
        free.
      </p>
    );
  return (
    <div className="mt-2">
      <Button variant="gold" className="w-full" disabled={join.isPending} onClick={() => join.mutate()}>
        {join.isPending ? "Joining…" : `Ask ${readerName} to call you back (${modality})`}
      </Button>
      {join.error && <Alert>{friendlyMessage(join.error)}</Alert>}
    </div>
  );
}

/** On a reader's page: the client's place in that reader's line, or the open offer with its countdown. */
export function MyPlaceInLine({ readerUserId, readerName }: { readerUserId: string; readerName: string }) {
  const waitlist = useMyWaitlist();
  const entry = waitlist.data?.items.find(
    (item) => item.readerUserId === readerUserId && (item.status === "waiting" || item.status === "offered"),
  );
  const left = useCountdown(entry?.status === "offered" ? entry.offerExpiresAt : null);
  if (!entry) return null;
  return (
    <div className="mt-3 rounded-lg border border-gold/50 bg-gold/10 p-3" role="status" aria-live="polite">
      {entry.status === "offered" ? (
        <p className="font-semibold text-gold-soft">
          {readerName} is ready for you. Start your {entry.modality} reading
          {left !== null ? ` within ${formatClock(left)}` : ""} to keep your place.
        </p>
      ) : (
        <p className="text-gold-soft">
          You are number {entry.position} in {readerName}'s callback line for a {entry.modality} reading. We
          will notify you when they are free.
        </p>
      )}
      <LeaveLine entryId={entry.id} />
    </div>
  );
}

function LeaveLine({ entryId }: { entryId: string }) {
  const client = useQueryClient();
  const leave = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/v1/waitlist/{entryId}", { params: { path: { entryId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: MY_WAITLIST }),
  });
  return (
    <>
      <Button variant="ghost" className="mt-2" disabled={leave.isPending} onClick={() => leave.mutate()}>
        {leave.isPending ? "Leaving…" : "Leave the line"}
      </Button>
      {leave.error && <Alert>{friendlyMessage(leave.error)}</Alert>}
    </>
  );
}

/** The client's open callback lines (favorites page). */
export function MyWaitlist() {
  const waitlist = useMyWaitlist();
  const open = (waitlist.data?.items ?? []).filter(
    (item) => item.status === "waiting" || item.status === "offered",
  );
  if (waitlist.isLoading) return <Spinner label="Loading your callback lines" />;
  if (waitlist.error) return <Alert>{friendlyMessage(waitlist.error)}</Alert>;
  if (open.length === 0) return null;
  return (
    <Card>
      <h2 className="text-4xl text-gold">Waiting for a callback</h2>
      <ul className="mt-2 divide-y divide-white/10">
        {open.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
            <div>
              {item.readerSlug ? (
                <Link
                  to={`/readers/${item.readerSlug}`}
                  className="font-heading text-3xl text-pink hover:underline"
                >
                  {item.readerName}
                </Link>
              ) : (
                <span className="font-heading text-3xl text-pink">{item.readerName}</span>
              )}
              <p className="text-sm text-white/70">
                {MODALITY_LABEL[item.modality]} ·{" "}
                {item.status === "offered" ? (
                  <strong className="text-gold">ready for you now</strong>
                ) : (
                  `number ${item.position} in line`
                )}
              </p>
            </div>
            <LeaveLine entryId={item.id} />
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The reader's dashboard: who is waiting for them, first in line first. */
export function ReaderWaitlist() {
  useWaitlistEvents();
  const queue = useQuery({
    queryKey: READER_QUEUE,
    queryFn: () => unwrap(api.GET("/api/v1/readers/me/waitlist")),
  });
  return (
    <Card>
      <h2 className="text-4xl text-gold">Callback line</h2>
      <p className="mt-1 text-sm text-white/70">
        Clients who asked you to call back. When you are online and free, the first in line gets a short
        window to start; nobody else can start with you meanwhile.
      </p>
      {queue.isLoading && <Spinner label="Loading your callback line" />}
      {queue.error && <Alert>{friendlyMessage(queue.error)}</Alert>}
      {queue.data && queue.data.items.length === 0 && <EmptyState>Nobody is waiting for you.</EmptyState>}
      {queue.data && queue.data.items.length > 0 && (
        <ol className="mt-3 divide-y divide-white/10">
          {queue.data.items.map((item) => (
            <li key={item.id} className="flex items-center justify-between gap-2 py-2">
              <span>
                <span className="mr-2 text-white/60">{item.position}.</span>
                {item.clientName}
              </span>
              <span className="text-sm text-white/70">
                {MODALITY_LABEL[item.modality]}
                {item.status === "offered"
                  ? " · offered now"
                  : ` · since ${new Date(item.createdAt).toLocaleTimeString()}`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
