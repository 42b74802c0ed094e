import { type KeyboardEvent, useId } from "react";
import { Link, useSearchParams } from "react-router";
import { Alert, Card, EmptyState, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { AdminShell } from "./admin-shell";
import { type ReportStatus, useConversationReports } from "./queries";
import { formatWhen, reportedWho } from "./report-parts";

const TABS: readonly { status: ReportStatus; label: string }[] = [
  { status: "open", label: "Open" },
  { status: "resolved", label: "Resolved" },
];

/** Conversations a client or a reader reported: open ones to look into, resolved ones with what was done. */
export function AdminReportsPage() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const status: ReportStatus = params.get("status") === "resolved" ? "resolved" : "open";
  const show = (next: ReportStatus) =>
    setParams(next === "resolved" ? { status: next } : {}, { replace: true });
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    const next = status === "open" ? "resolved" : "open";
    show(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  return (
    <AdminShell
      title="Reports"
      subtitle="Conversations a client or a reader reported. Opening a conversation is recorded in the audit log."
    >
      <Card className="flex flex-col">
        <div role="tablist" aria-label="Reports" className="mb-4 flex gap-2" onKeyDown={onTabKey}>
          {TABS.map((tab) => (
            <button
              key={tab.status}
              id={`${id}-tab-${tab.status}`}
              type="button"
              role="tab"
              aria-selected={status === tab.status}
              aria-controls={`${id}-panel`}
              tabIndex={status === tab.status ? 0 : -1}
              onClick={() => show(tab.status)}
              className="min-h-11 rounded-full border border-pink/50 px-5 text-pink aria-selected:bg-pink aria-selected:font-semibold aria-selected:text-night"
            >
              {tab.label}
            </button>
          ))}
        </div>
        <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${status}`}>
          <ReportList status={status} />
        </div>
      </Card>
    </AdminShell>
  );
}

function ReportList({ status }: { status: ReportStatus }) {
  const reports = useConversationReports(status);
  if (reports.isLoading) return <Spinner label="Loading reports" />;
  if (reports.error)
    return (
      <Alert>
        {friendlyMessage(reports.error)}{" "}
        <button type="button" className="underline" onClick={() => reports.refetch()}>
          Try again
        </button>
      </Alert>
    );
  const items = reports.data?.items ?? [];
  if (items.length === 0)
    return (
      <EmptyState>
        {status === "open"
          ? "No open reports. When a client or a reader reports a conversation, it shows here and every admin gets a notification."
          : "No resolved reports yet."}
      </EmptyState>
    );
  return (
    <ul
      className="divide-y divide-white/10"
      aria-label={status === "open" ? "Open reports, latest first" : "Resolved reports, latest first"}
    >
      {items.map((report) => {
        const { reporter, reported } = reportedWho(report);
        return (
          <li
            key={report.id}
            className="flex flex-col gap-3 py-4 sm:flex-row sm:items-start sm:justify-between"
          >
            <div className="min-w-0">
              <p className="text-lg font-semibold text-pink">
                {report.clientName} and {report.readerName}
              </p>
              <p className="text-sm text-white/70">
                {reporter} reported {reported} · {formatWhen(report.createdAt)}
              </p>
              <p className="mt-2 line-clamp-3 whitespace-pre-line text-white/85 [overflow-wrap:anywhere]">
                {report.reason}
              </p>
              {report.resolvedAt && (
                <p className="mt-2 text-sm text-white/65 [overflow-wrap:anywhere]">
                  <span className="text-gold-soft">Resolved {formatWhen(report.resolvedAt)}:</span>{" "}
                  {report.resolution}
                </p>
              )}
            </div>
            <Link
              to={`/admin/reports/${report.id}`}
              className="inline-flex min-h-11 shrink-0 items-center justify-center self-start rounded-full border border-pink/50 px-5 py-2 font-semibold text-pink hover:bg-pink/10"
            >
              {report.resolvedAt ? "View" : "Review"}
              <span className="sr-only">
                {" "}
                the report on {report.clientName} and {report.readerName}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
