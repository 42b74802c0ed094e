import { useState } from "react";
import { EmailBody } from "../../components/email-body";
import { Alert, Card, EmptyState, LoadMore, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { AdminShell } from "./admin-shell";
import { useOutbox } from "./queries";

/** The emails the platform sent (the mailbox when no SMTP server is configured). */
export function AdminOutboxPage() {
  const [open, setOpen] = useState<string | null>(null);
  const outbox = useOutbox();
  const items = outbox.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell
      title="Outbox"
      subtitle="Every email the platform sent. Without an SMTP server this is the mailbox; with one, the tokens in links are hidden ([redacted])."
    >
      <Card className="flex flex-col">
        {outbox.isLoading && <Spinner label="Loading emails" />}
        {outbox.error && <Alert>{friendlyMessage(outbox.error)}</Alert>}
        {outbox.isSuccess && items.length === 0 && <EmptyState>No emails yet.</EmptyState>}
        {items.length > 0 && (
          <ul className="divide-y divide-white/10" aria-label="Sent emails, newest first">
            {items.map((mail) => (
              <li key={mail.id} className="min-w-0 py-3">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-semibold">{mail.subject}</p>
                    <p className="break-all text-sm text-white/70">
                      to {mail.to} · {new Date(mail.createdAt).toLocaleString()} · {mail.status}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="shrink-0 text-gold underline"
                    aria-expanded={open === mail.id}
                    aria-label={`${open === mail.id ? "Hide" : "Show"} the email to ${mail.to}`}
                    onClick={() => setOpen(open === mail.id ? null : mail.id)}
                  >
                    {open === mail.id ? "Hide body" : "Show body"}
                  </button>
                </div>
                {open === mail.id && <EmailBody text={mail.textBody} />}
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={outbox} />
      </Card>
    </AdminShell>
  );
}
