import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { Alert, Button, Card, EmptyState, Spinner, TextArea } from "../../components/ui";
import { ApiError, fieldErrors, formatCents, friendlyMessage } from "../../lib/api/client";
import { AdminShell } from "./admin-shell";
import {
  type ConversationReport,
  type ReportedMessage,
  useReportedConversation,
  useReportSummary,
  useResolveReport,
} from "./queries";
import { formatWhen, ReportStateTag, reportedWho, Tag } from "./report-parts";

/** The server returns at most this many messages of a reported conversation. */
const MAX_MESSAGES = 1000;

/**
 * One reported conversation: who reported whom and why; the conversation as written (fetched only
 * when the admin asks, since every read is audit-logged); and closing the report with what was done.
 */
export function AdminReportPage() {
  const { reportId = "" } = useParams();
  const summary = useReportSummary(reportId);
  const [reading, setReading] = useState(false);
  const conversation = useReportedConversation(reportId, reading);
  const resolve = useResolveReport(reportId);
  // The freshest view: a resolved one wins (resolved here, or by another admin since the lists loaded).
  const known = [resolve.data?.report, summary.data?.report, conversation.data?.report].filter(
    (candidate): candidate is ConversationReport => Boolean(candidate),
  );
  const report = known.find((candidate) => candidate.resolvedAt) ?? known[0] ?? null;
  return (
    <AdminShell
      title="Report"
      subtitle="Who reported whom and why, the conversation as written, and what was done about it."
    >
      <div className="grid gap-6">
        <Link to="/admin/reports" className="self-start text-pink underline-offset-4 hover:underline">
          <span aria-hidden="true">← </span>All reports
        </Link>
        <Card>
          <div className="flex flex-wrap items-center gap-3">
            <h2 className="text-4xl text-gold">What was reported</h2>
            {report && <ReportStateTag report={report} />}
          </div>
          {report ? (
            <ReportSummary report={report} />
          ) : summary.isPending ? (
            <Spinner label="Loading the report" />
          ) : (
            <div className="mt-4">
              <Alert>
                {friendlyMessage(summary.error)}{" "}
                {!(summary.error instanceof ApiError && summary.error.code === "NOT_FOUND") && (
                  <button type="button" className="underline" onClick={() => summary.refetch()}>
                    Try again
                  </button>
                )}
              </Alert>
            </div>
          )}
        </Card>
        <Conversation
          reading={reading}
          onRead={() => setReading(true)}
          conversation={conversation}
          report={report}
        />
        {report && <Resolution report={report} resolve={resolve} />}
      </div>
    </AdminShell>
  );
}

function ReportSummary({ report }: { report: ConversationReport }) {
  const { reporter, reported } = reportedWho(report);
  return (
    <dl className="mt-4 grid gap-4 sm:grid-cols-2">
      <div>
        <dt className="text-sm text-gold-soft">Reported by</dt>
        <dd className="[overflow-wrap:anywhere]">{reporter}</dd>
      </div>
      <div>
        <dt className="text-sm text-gold-soft">About</dt>
        <dd className="[overflow-wrap:anywhere]">{reported}</dd>
      </div>
      <div>
        <dt className="text-sm text-gold-soft">Reported</dt>
        <dd>{formatWhen(report.createdAt)}</dd>
      </div>
      <div>
        <dt className="text-sm text-gold-soft">Status</dt>
        <dd>{report.resolvedAt ? `Resolved ${formatWhen(report.resolvedAt)}` : "Open"}</dd>
      </div>
      <div className="sm:col-span-2">
        <dt className="text-sm text-gold-soft">Why</dt>
        <dd className="mt-1 whitespace-pre-line rounded-lg border border-white/10 bg-night/50 px-4 py-3 text-white/90 [overflow-wrap:anywhere]">
          {report.reason}
        </dd>
      </div>
    </dl>
  );
}

function Conversation({
  reading,
  onRead,
  conversation,
  report,
}: {
  reading: boolean;
  onRead: () => void;
  conversation: ReturnType<typeof useReportedConversation>;
  report: ConversationReport | null;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const messages = conversation.data?.messages ?? [];
  return (
    <Card>
      <h2 ref={heading} tabIndex={-1} className="text-4xl text-gold">
        The conversation
      </h2>
      {report && (
        <p className="mt-1 text-white/75">
          Between {report.clientName} (client) and {report.readerName} (reader).
        </p>
      )}
      {!reading ? (
        <div className="mt-4 flex flex-col gap-4">
          <Alert kind="info">
            Opening a conversation is recorded in the audit log, with your name and the time. You see the
            messages as they were written, contact details included.
          </Alert>
          <Button
            className="self-start"
            onClick={() => {
              onRead();
              // The button goes: focus stays in this section (the loading state is announced).
              heading.current?.focus();
            }}
          >
            Read the conversation
          </Button>
        </div>
      ) : conversation.isLoading ? (
        <Spinner label="Opening the conversation" />
      ) : conversation.error ? (
        <div className="mt-4">
          <Alert>
            {friendlyMessage(conversation.error)}{" "}
            <button type="button" className="underline" onClick={() => conversation.refetch()}>
              Try again
            </button>
          </Alert>
        </div>
      ) : messages.length === 0 ? (
        <div className="mt-4">
          <EmptyState>No messages in this conversation.</EmptyState>
        </div>
      ) : (
        <>
          <p className="mt-3 text-sm text-white/60" role="status">
            {messages.length === MAX_MESSAGES
              ? `The first ${MAX_MESSAGES.toLocaleString()} messages, oldest first. This read is in the audit log.`
              : `${messages.length} message${messages.length === 1 ? "" : "s"}, oldest first. This read is in the audit log.`}
          </p>
          <ol className="mt-4 flex flex-col gap-3" aria-label="Messages, oldest first">
            {messages.map((message) => (
              <MessageItem
                key={message.id}
                message={message}
                name={
                  message.side === "client"
                    ? (conversation.data?.report.clientName ?? "Client")
                    : (conversation.data?.report.readerName ?? "Reader")
                }
              />
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}

function MessageItem({ message, name }: { message: ReportedMessage; name: string }) {
  const client = message.side === "client";
  return (
    <li
      className={`flex max-w-[92%] flex-col gap-1 rounded-2xl border px-4 py-3 sm:max-w-[75%] ${
        client ? "self-start border-white/10 bg-white/10" : "self-end border-pink/30 bg-pink/10"
      }`}
    >
      <p className="text-xs text-white/60">
        <span className="font-semibold text-gold-soft">{name}</span> · {client ? "client" : "reader"} ·{" "}
        <time dateTime={message.createdAt}>{formatWhen(message.createdAt)}</time>
      </p>
      <p className="whitespace-pre-wrap break-words text-white [overflow-wrap:anywhere]">{message.body}</p>
      {message.paid && message.preview && (
        <p className="text-sm text-white/65 [overflow-wrap:anywhere]">
          <span className="text-gold-soft">Preview the client saw:</span> {message.preview}
        </p>
      )}
      {(message.paid || message.contactHidden || message.crisis) && (
        <p className="mt-1 flex flex-wrap gap-2">
          {message.paid && <PaidTags message={message} />}
          {message.contactHidden && <Tag tone="gold">Contact details hidden for both</Tag>}
          {message.crisis && <Tag tone="red">Crisis: support lines shown</Tag>}
        </p>
      )}
    </li>
  );
}

function PaidTags({ message }: { message: ReportedMessage }) {
  return (
    <>
      <Tag tone="pink">
        Paid reply{message.priceCents !== null ? ` · ${formatCents(message.priceCents)}` : ""}
      </Tag>
      {message.withdrawnAt ? (
        <Tag tone="muted">Withdrawn {formatWhen(message.withdrawnAt)}</Tag>
      ) : message.unlockedAt ? (
        <Tag tone="pink">Unlocked {formatWhen(message.unlockedAt)}</Tag>
      ) : (
        <Tag tone="muted">Locked: not unlocked</Tag>
      )}
    </>
  );
}

function Resolution({
  report,
  resolve,
}: {
  report: ConversationReport;
  resolve: ReturnType<typeof useResolveReport>;
}) {
  const [text, setText] = useState("");
  const conflict = resolve.error instanceof ApiError && resolve.error.status === 409;
  const errors = fieldErrors(resolve.error);
  if (report.resolvedAt)
    return (
      <Resolved report={report} notice={resolve.isSuccess ? "resolved" : conflict ? "conflict" : null} />
    );
  const trimmed = text.trim();
  return (
    <Card>
      <form
        className="flex flex-col gap-4"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          if (trimmed.length >= 3) resolve.mutate(trimmed);
        }}
      >
        <h2 className="text-4xl text-gold">Resolve</h2>
        <p className="text-white/75">
          Say what was done, for example a warning, a refund or a suspension. It is kept with the report and
          in the audit log; the people in the conversation do not see it.
        </p>
        {resolve.error && !errors.resolution && (
          <Alert>
            {conflict ? "Another admin resolved this report first." : friendlyMessage(resolve.error)}
          </Alert>
        )}
        <TextArea
          label="What was done"
          rows={4}
          required
          minLength={3}
          maxLength={1000}
          value={text}
          hint={`3 to 1,000 characters (${text.length}/1,000).`}
          error={errors.resolution}
          onChange={(event) => setText(event.target.value)}
        />
        <Button type="submit" className="self-start" disabled={resolve.isPending || trimmed.length < 3}>
          {resolve.isPending ? "Resolving…" : "Resolve report"}
        </Button>
      </form>
    </Card>
  );
}

/** A closed report: when and what was done. Just closed here (`notice`): its heading takes focus, the form being gone. */
function Resolved({
  report,
  notice,
}: {
  report: ConversationReport;
  notice: "resolved" | "conflict" | null;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const justClosed = notice !== null;
  useEffect(() => {
    if (justClosed) heading.current?.focus();
  }, [justClosed]);
  return (
    <Card>
      <h2 ref={heading} tabIndex={-1} className="text-4xl text-gold">
        Resolved
      </h2>
      {notice === "resolved" && (
        <div className="mt-3">
          <Alert kind="success">Report resolved. The resolution is in the audit log.</Alert>
        </div>
      )}
      {notice === "conflict" && (
        <div className="mt-3">
          <Alert kind="info">Another admin resolved this report first. Their resolution is below.</Alert>
        </div>
      )}
      <p className="mt-3 text-sm text-white/60">{report.resolvedAt && formatWhen(report.resolvedAt)}</p>
      <p className="mt-1 whitespace-pre-line text-white/90 [overflow-wrap:anywhere]">{report.resolution}</p>
    </Card>
  );
}
