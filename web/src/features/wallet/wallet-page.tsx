import { useEffect } from "react";
import { Link, useSearchParams } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Card, PageTitle, Spinner } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { AutoReloadSettings } from "./auto-reload-settings";
import { useWallet } from "./queries";
import { RefundToCard } from "./refund-to-card";
import { clearReturn, rememberReturn, returnLinkLabel, safeReturnPath } from "./return-to";
import { SpendingLimits } from "./spending-limits";
import { TopUpForm } from "./top-up-form";
import { WalletHistory } from "./wallet-history";

export function WalletPage() {
  const wallet = useWallet();
  const [params] = useSearchParams();
  const returnTo = safeReturnPath(params.get("returnTo"));
  // Kept for the tab: the checkout comes back to the top-up's own page, which offers the way back.
  useEffect(() => {
    if (returnTo) rememberReturn(returnTo);
  }, [returnTo]);
  return (
    <RequireUser>
      {() => (
        <div className="mx-auto max-w-3xl">
          <PageTitle subtitle="Prepaid funds for readings. You only pay for connected time.">
            Your wallet
          </PageTitle>
          {returnTo && (
            <div className="mb-6">
              <Alert kind="info">
                Add funds below; when the payment is through, a button takes you back.{" "}
                <Link to={returnTo} className="font-semibold underline" onClick={clearReturn}>
                  {returnLinkLabel(returnTo)}
                </Link>
              </Alert>
            </div>
          )}
          {wallet.isLoading && <Spinner label="Loading your wallet" />}
          {wallet.error && <Alert>{friendlyMessage(wallet.error)}</Alert>}
          {wallet.data && (
            <div className="grid gap-6">
              {wallet.data.frozen && (
                <Alert>
                  Your wallet is frozen while a card dispute of one of your top-ups is open: nothing can be
                  spent from it or sent back to your card until it is resolved. Questions?{" "}
                  <Link to="/help" className="font-semibold underline">
                    Get help
                  </Link>
                </Alert>
              )}
              <Card>
                <p className="text-sm uppercase tracking-widest text-gold-soft">Balance</p>
                <p className="mt-1 text-5xl font-semibold text-white" data-testid="wallet-balance">
                  {formatCents(wallet.data.balanceCents)}
                </p>
              </Card>
              <Card>
                <TopUpForm
                  presets={wallet.data.topUpPresetsCents}
                  min={wallet.data.minTopUpCents}
                  max={wallet.data.maxTopUpCents}
                />
              </Card>
              <Card>
                <AutoReloadSettings />
              </Card>
              <Card>
                <WalletHistory />
              </Card>
              <Card>
                <RefundToCard balanceCents={wallet.data.frozen ? 0 : wallet.data.balanceCents} />
              </Card>
              <Card>
                <SpendingLimits />
              </Card>
            </div>
          )}
        </div>
      )}
    </RequireUser>
  );
}
