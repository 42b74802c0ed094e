import type { ReactNode } from "react";
import { Link, useSearchParams } from "react-router";
import { Alert, Button, Card, PageTitle, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useConfirmDeletion, useDeletionLink } from "./queries";

/**
 * Where the emailed deletion link lands. Opening the link deletes nothing (mail scanners open
 * links): the person confirms with a button, signed in or not.
 */
export function DeleteConfirmPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const link = useDeletionLink(token);
  const confirm = useConfirmDeletion();

  let body: ReactNode;
  if (confirm.isSuccess) {
    const result = confirm.data;
    const leftCents = result.walletBalanceCents + result.earningsCents;
    body = (
      <div className="flex flex-col gap-4" role="status">
        <Alert kind="success">Your account is deleted and you are signed out everywhere.</Alert>
        {result.readingsEnded > 0 && <p>Your reading in progress was ended.</p>}
        {leftCents > 0 ? (
          <p>
            {formatCents(leftCents)} was left in your account
            {result.earningsCents > 0 ? " (wallet and unpaid earnings)" : ""}. We cannot pay it back to a card
            automatically yet: it stays on our books. To claim it, email support and quote the reference{" "}
            <code className="rounded bg-black/40 px-1 text-gold">{result.claimReference}</code>.
          </p>
        ) : (
          <p>No money was left in your account.</p>
        )}
        <Link to="/" className="text-pink underline">
          Back to SoulSeer
        </Link>
      </div>
    );
  } else if (!token || link.isError) {
    body = (
      <div className="flex flex-col gap-4">
        <Alert>{token ? friendlyMessage(link.error) : "This link is missing its code."}</Alert>
        <p className="text-white/75">
          Links work for one hour and only once. Ask again from{" "}
          <Link to="/account" className="text-pink underline">
            your account page
          </Link>
          .
        </p>
      </div>
    );
  } else if (link.isPending) {
    body = <Spinner label="Checking your link" />;
  } else {
    body = (
      <div className="flex flex-col gap-4">
        <p className="text-white/80">
          Confirm to delete your SoulSeer account now. Your name, email, photo, texts and notifications are
          removed, any reading in progress ends, and you cannot sign in again. Your payment history stays on
          our books without your name. This cannot be undone.
        </p>
        {confirm.error && <Alert>{friendlyMessage(confirm.error)}</Alert>}
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            disabled={confirm.isPending}
            aria-busy={confirm.isPending}
            onClick={() => confirm.mutate(token)}
          >
            {confirm.isPending ? "Deleting…" : "Delete my account permanently"}
          </Button>
          <Link to="/" className="self-center px-3 text-pink underline">
            Keep my account
          </Link>
        </div>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-xl">
      <PageTitle>Delete your account</PageTitle>
      <Card>{body}</Card>
    </div>
  );
}
