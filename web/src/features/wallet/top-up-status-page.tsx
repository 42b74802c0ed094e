import { Link, useParams, useSearchParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Card, PageTitle, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useTopUp } from "./queries";
import { clearReturn, pendingReturn, returnLinkLabel } from "./return-to";

/** Where the checkout sends the client back: the top-up's status until the processor confirms it. */
export function TopUpStatusPage() {
  const { topUpId = "" } = useParams();
  const [params] = useSearchParams();
  const topUp = useTopUp(topUpId);
  const status = topUp.data?.topUp.status;
  const returnTo = pendingReturn();
  return (
    <RequireUser>
      {() => (
        <div className="mx-auto max-w-xl">
          <PageTitle>Top-up</PageTitle>
          <Card>
            {topUp.isLoading && <Spinner label="Checking your payment" />}
            {topUp.error && <Alert>{friendlyMessage(topUp.error)}</Alert>}
            {status === "pending" && (
              <div aria-live="polite">
                <Alert kind="info">
                  {params.get("cancelled")
                    ? "Checkout was cancelled — nothing was charged."
                    : "Waiting for the card processor to confirm your payment…"}
                </Alert>
                {!params.get("cancelled") && <Spinner label="Updating automatically" />}
              </div>
            )}
            {status === "succeeded" && (
              <Alert kind="success">Payment received — your wallet has been topped up.</Alert>
            )}
            {status === "succeeded" && returnTo && (
              <Link
                to={returnTo}
                onClick={clearReturn}
                className="mt-4 flex min-h-11 items-center justify-center rounded-full bg-pink px-5 py-2 font-semibold text-night hover:bg-pink-soft"
              >
                {returnLinkLabel(returnTo)}
              </Link>
            )}
            {status === "requires_action" && (
              <div aria-live="polite">
                <Alert kind="info">Waiting for your bank to confirm this auto-reload…</Alert>
                <Spinner label="Updating automatically" />
              </div>
            )}
            {(status === "failed" || status === "expired") && (
              <Alert>
                The payment did not go through
                {topUp.data?.topUp.failureMessage ? ` (${topUp.data.topUp.failureMessage})` : ""}. Nothing was
                added to your wallet.
              </Alert>
            )}
            {topUp.data && (
              <dl className="mt-5 grid grid-cols-2 gap-y-2 text-sm">
                <dt className="text-white/60">Amount</dt>
                <dd className="text-right font-semibold">{formatCents(topUp.data.topUp.amountCents)}</dd>
                <dt className="text-white/60">Status</dt>
                <dd className="text-right">{topUp.data.topUp.status}</dd>
                <dt className="text-white/60">Started</dt>
                <dd className="text-right">{new Date(topUp.data.topUp.createdAt).toLocaleString()}</dd>
                {topUp.data.topUp.completedAt && (
                  <>
                    <dt className="text-white/60">Completed</dt>
                    <dd className="text-right">{new Date(topUp.data.topUp.completedAt).toLocaleString()}</dd>
                  </>
                )}
                <dt className="text-white/60">Reference</dt>
                <dd className="break-all text-right text-xs">{topUp.data.topUp.id}</dd>
              </dl>
            )}
            <Link to="/wallet" className="mt-6 block text-center text-pink underline">
              Back to your wallet
            </Link>
          </Card>
        </div>
      )}
    </RequireUser>
  );
}
