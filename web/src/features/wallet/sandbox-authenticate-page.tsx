import { useParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useCompleteSandboxAuthentication, useSandboxAuthentication } from "./auto-reload-queries";

/** The built-in sandbox's stand-in for a bank's 3-D Secure page: approve or fail an auto-reload. */
export function SandboxAuthenticatePage() {
  const { topUpId = "" } = useParams();
  const payment = useSandboxAuthentication(topUpId);
  const complete = useCompleteSandboxAuthentication(topUpId);
  const topUp = complete.data?.topUp ?? payment.data?.topUp;
  return (
    <RequireUser>
      {() => (
        <div className="mx-auto max-w-md">
          <PageTitle subtitle="SoulSeer sandbox">Confirm with your bank</PageTitle>
          <Card>
            <Alert kind="info">
              This is the built-in sandbox's pretend bank. <strong>No real card is charged.</strong>
            </Alert>
            {payment.isLoading && <Spinner />}
            {payment.error && <Alert>{friendlyMessage(payment.error)}</Alert>}
            {topUp && (
              <div className="mt-5 flex flex-col gap-4">
                <p className="text-center text-4xl font-semibold">{formatCents(topUp.amountCents)}</p>
                <p className="text-center text-white/70">SoulSeer wallet auto-reload</p>
                {topUp.status === "requires_action" ? (
                  <>
                    <Button onClick={() => complete.mutate("approve")} disabled={complete.isPending}>
                      Approve {formatCents(topUp.amountCents)}
                    </Button>
                    <Button
                      variant="ghost"
                      onClick={() => complete.mutate("fail")}
                      disabled={complete.isPending}
                    >
                      Fail the check
                    </Button>
                  </>
                ) : topUp.status === "succeeded" ? (
                  <Alert kind="success">Approved: the money is in your wallet. You can close this tab.</Alert>
                ) : (
                  <Alert>
                    This payment is {topUp.status.replace("_", " ")}
                    {topUp.failureMessage ? `: ${topUp.failureMessage}` : "."}
                  </Alert>
                )}
                {complete.error && <Alert>{friendlyMessage(complete.error)}</Alert>}
              </div>
            )}
          </Card>
        </div>
      )}
    </RequireUser>
  );
}
