import { Link } from "react-router";
import { Alert, EmptyState, PageTitle, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { type Stream, useStreams } from "./live-queries";
import { StatusBadge } from "./stream-page";

export function StreamCard({
  stream,
  className = "",
  to = `/live/${stream.id}`,
}: {
  stream: Stream;
  className?: string;
  to?: string;
}) {
  return (
    <li className={className}>
      <Link
        to={to}
        className="flex h-full flex-col gap-2 rounded-2xl border border-pink/25 bg-veil/60 p-4 transition hover:border-pink hover:bg-veil"
      >
        <div className="flex items-center justify-between gap-2">
          <StatusBadge stream={stream} />
          {stream.visibility === "premium" && (
            <span className="text-xs font-semibold text-gold-soft">
              Premium · {formatCents(stream.ticketPriceCents ?? 0)}
            </span>
          )}
        </div>
        <span className="font-body text-xl text-white">{stream.title}</span>
        <span className="text-sm text-white/70">
          {stream.reader.displayName} · {stream.topic}
        </span>
        {stream.status === "scheduled" && stream.scheduledFor && (
          <span className="text-sm text-gold-soft">{new Date(stream.scheduledFor).toLocaleString()}</span>
        )}
      </Link>
    </li>
  );
}

function StreamGrid({
  status,
  empty,
  label,
}: {
  status: "live" | "scheduled";
  empty: string;
  label: string;
}) {
  const streams = useStreams(status, 48);
  if (streams.isLoading) return <Spinner label="Loading streams" />;
  if (streams.error) return <Alert>{friendlyMessage(streams.error)}</Alert>;
  const items = streams.data?.items ?? [];
  if (items.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <ul aria-label={label} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {items.map((stream) => (
        <StreamCard key={stream.id} stream={stream} />
      ))}
    </ul>
  );
}

/** `/live`: readers live now, and the streams coming up. */
export function LiveListPage() {
  return (
    <div className="flex flex-col gap-8">
      <PageTitle subtitle="Watch readers live, chat with everyone, and send a gift to say thank you.">
        Live
      </PageTitle>
      <section aria-labelledby="live-now" className="flex flex-col gap-3">
        <h2 id="live-now" className="font-body text-2xl text-gold-soft">
          Live now
        </h2>
        <StreamGrid
          status="live"
          label="Live now"
          empty="Nobody is live right now. Check the streams coming up below."
        />
      </section>
      <section aria-labelledby="coming-up" className="flex flex-col gap-3">
        <h2 id="coming-up" className="font-body text-2xl text-gold-soft">
          Coming up
        </h2>
        <StreamGrid status="scheduled" label="Coming up" empty="No streams are scheduled yet." />
      </section>
    </div>
  );
}

/** The home page's "Live now" strip: nothing at all while nobody is live. */
export function LiveNowStrip() {
  const streams = useStreams("live", 8);
  const items = streams.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="live-now-strip" className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between">
        <h2 id="live-now-strip" className="font-body text-2xl text-gold-soft">
          Live now
        </h2>
        <Link to="/live" className="text-sm text-pink underline">
          See all streams
        </Link>
      </div>
      <ul aria-label="Live now" className="flex snap-x gap-3 overflow-x-auto pb-2">
        {items.map((stream) => (
          <StreamCard key={stream.id} stream={stream} className="w-64 shrink-0 snap-start" />
        ))}
      </ul>
    </section>
  );
}
