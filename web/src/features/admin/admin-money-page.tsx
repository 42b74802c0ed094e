import type { FormEvent } from "react";
import { useSearchParams } from "react-router";
import { Button, Card, TextField } from "../../components/ui";
import { AdminShell } from "./admin-shell";
import { LedgerCheck } from "./ledger-check";
import { WalletTools } from "./wallet-tools";

/** The books' check and one user's wallet at a time. */
export function AdminMoneyPage() {
  const [params, setParams] = useSearchParams();
  const userId = params.get("user");
  return (
    <AdminShell
      title="Money"
      subtitle="Wallets, refunds and adjustments — every action goes through the ledger and the audit log."
    >
      <div className="grid gap-6">
        <LedgerCheck />
        <Card>
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(event: FormEvent<HTMLFormElement>) => {
              event.preventDefault();
              const value = String(new FormData(event.currentTarget).get("user") ?? "").trim();
              setParams(value ? { user: value } : {});
            }}
          >
            <TextField
              label="User id"
              className="min-w-64 flex-1"
              name="user"
              defaultValue={userId ?? ""}
              hint="Open a user's wallet from the Users tab, or paste an id."
            />
            <Button type="submit" variant="gold">
              Open wallet
            </Button>
          </form>
        </Card>
        {userId && <WalletTools userId={userId} />}
      </div>
    </AdminShell>
  );
}
