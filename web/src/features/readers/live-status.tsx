import { useReaderStatus } from "../../lib/live";

const STATUS_STYLE: Record<string, string> = {
  online: "bg-emerald-400 shadow-[0_0_10px_#34d399]",
  busy: "bg-pink",
  away: "bg-gold",
  offline: "bg-white/30",
};
const STATUS_LABEL: Record<string, string> = {
  online: "Online",
  busy: "In a reading",
  away: "Away",
  offline: "Offline",
};

/**
 * A reader's status, kept current over the live connection. `announce` makes screen readers
 * read changes out (for the one reader a page is about, not for every card of a list).
 */
export function LiveStatusBadge({
  readerUserId,
  status: loaded,
  announce = false,
}: {
  readerUserId: string;
  status: string;
  announce?: boolean;
}) {
  const status = useReaderStatus(readerUserId, loaded);
  return (
    <span
      className="inline-flex items-center gap-2 text-sm text-white/80"
      data-status={status}
      {...(announce ? { role: "status", "aria-live": "polite" as const } : {})}
    >
      <span className={`size-2.5 rounded-full ${STATUS_STYLE[status] ?? "bg-white/30"}`} aria-hidden="true" />
      {STATUS_LABEL[status] ?? status}
    </span>
  );
}
