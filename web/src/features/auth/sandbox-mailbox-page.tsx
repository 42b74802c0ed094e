import { useState } from "react";
import { Link } from "react-router";
import { EmailBody } from "../../components/email-body";
import { Alert, Card, EmptyState, PageTitle, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { usePublicConfig } from "../../lib/public-config";
import { useSandboxMailbox } from "./queries";

/**
 * The sandbox mailbox: with no mail server, the mail sent to the accounts this browser signed up
 * (verification and reset links included). Only those: a signed cookie from sign-up scopes it.
 */
export function SandboxMailboxPage() {
  const config = usePublicConfig();
  const enabled = config.data?.sandboxMailbox === true;
  const mailbox = useSandboxMailbox(enabled);
  const [open, setOpen] = useState<string | null>(null);
  const items = mailbox.data?.items ?? [];
  const shown = open ?? items[0]?.id ?? null;

  if (config.isLoading) return <Spinner label="Loading" />;
  if (config.error) return <Alert>{friendlyMessage(config.error)}</Alert>;
  if (!enabled)
    return (
      <div className="mx-auto max-w-2xl">
        <PageTitle>Mailbox</PageTitle>
        <Card>
          <p className="text-white/80">
            This site sends real email: look for our message in your inbox (and spam folder).
          </p>
        </Card>
      </div>
    );
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle subtitle="No mail server is set up on this site, so the mail for the accounts you created in this browser shows here.">
        Sandbox mailbox
      </PageTitle>
      <Card className="flex flex-col">
        {mailbox.isLoading && <Spinner label="Loading your mail" />}
        {mailbox.error && <Alert>{friendlyMessage(mailbox.error)}</Alert>}
        {mailbox.isSuccess && mailbox.data.addresses.length === 0 && (
          <EmptyState>
            No accounts were created in this browser yet.{" "}
            <Link to="/sign-up" className="text-pink underline">
              Sign up
            </Link>{" "}
            and the verification mail appears here.
          </EmptyState>
        )}
        {mailbox.isSuccess && mailbox.data.addresses.length > 0 && items.length === 0 && (
          <EmptyState>
            No mail yet for {mailbox.data.addresses.join(", ")}. It may take a few seconds.
          </EmptyState>
        )}
        {items.length > 0 && (
          <ul className="divide-y divide-white/10" aria-label="Your mail, newest first" aria-live="polite">
            {items.map((mail) => (
              <li key={mail.id} className="min-w-0 py-3">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-semibold">{mail.subject}</p>
                    <p className="break-all text-sm text-white/70">
                      to {mail.to} · {new Date(mail.createdAt).toLocaleString()}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="shrink-0 text-gold underline"
                    aria-expanded={shown === mail.id}
                    aria-label={`${shown === mail.id ? "Hide" : "Show"} “${mail.subject}”`}
                    onClick={() => setOpen(shown === mail.id ? "" : mail.id)}
                  >
                    {shown === mail.id ? "Hide" : "Read"}
                  </button>
                </div>
                {shown === mail.id && <EmailBody text={mail.textBody} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
