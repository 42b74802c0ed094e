import { useParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useCompleteSandboxCheckout, useSandboxCheckout } from "./queries";

/** The built-in sandbox's checkout page: pay or decline, as the card processor would answer. */
export function SandboxCheckoutPage() {
  const { checkoutId = "" } = useParams();
  const checkout = useSandboxCheckout(checkoutId);
  const complete = useCompleteSandboxCheckout(checkoutId);
  const finish = (outcome: "pay" | "decline") =>
    complete.mutate(outcome, {
      onSuccess: (data) => window.location.assign(`/wallet/top-ups/${data.topUp.id}`),
    });
  return (
    <RequireUser>
      {() => (
        <div className="mx-auto max-w-md">
          <PageTitle subtitle="SoulSeer sandbox checkout">Test payment</PageTitle>
          <Card>
            <Alert kind="info">
              This is the built-in sandbox. <strong>No real card is charged</strong> — choose what the card
              processor should answer.
            </Alert>
            {checkout.isLoading && <Spinner />}
            {checkout.error && <Alert>{friendlyMessage(checkout.error)}</Alert>}
            {checkout.data && (
              <div className="mt-5 flex flex-col gap-4">
                <p className="text-center text-4xl font-semibold">
                  {formatCents(checkout.data.topUp.amountCents)}
                </p>
                <p className="text-center text-white/70">SoulSeer wallet top-up</p>
                {checkout.data.topUp.status !== "pending" ? (
                  <Alert>This checkout is already {checkout.data.topUp.status}.</Alert>
                ) : (
                  <>
                    <Button onClick={() => finish("pay")} disabled={complete.isPending}>
                      Pay {formatCents(checkout.data.topUp.amountCents)}
                    </Button>
                    <Button variant="ghost" onClick={() => finish("decline")} disabled={complete.isPending}>
                      Decline the card
                    </Button>
                  </>
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
