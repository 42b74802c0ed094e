import { useParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { useCompleteSandboxOnboarding, useSandboxAccount } from "./queries";

/** The built-in sandbox's payout onboarding: what Stripe's hosted onboarding does, without a bank. */
export function SandboxConnectPage() {
  const { accountId = "" } = useParams();
  const account = useSandboxAccount(accountId);
  const complete = useCompleteSandboxOnboarding(accountId);
  const finish = () =>
    complete.mutate(undefined, {
      onSuccess: () => window.location.assign("/reader/payouts?onboarding=done"),
    });
  return (
    <RequireUser requiredRole="reader">
      {() => (
        <div className="mx-auto max-w-md">
          <PageTitle subtitle="SoulSeer sandbox payout onboarding">Payout account</PageTitle>
          <Card>
            <Alert kind="info">
              This is the built-in sandbox. <strong>No real bank account is connected</strong> and no real
              money is paid out.
            </Alert>
            {account.isLoading && <Spinner label="Loading the account" />}
            {account.error && <Alert>{friendlyMessage(account.error)}</Alert>}
            {account.data && (
              <div className="mt-5 flex flex-col gap-4">
                <p className="text-center text-white/80">
                  Account <code className="text-gold">{account.data.accountId}</code>
                </p>
                {account.data.status === "ready" ? (
                  <>
                    <Alert kind="success">Onboarding is finished: this account receives your payouts.</Alert>
                    <Button onClick={() => window.location.assign("/reader/payouts")}>Back to payouts</Button>
                  </>
                ) : (
                  <Button onClick={finish} disabled={complete.isPending}>
                    Finish onboarding
                  </Button>
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
