import { Alert, Button, Card, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { useLedgerCheck } from "./queries";

/** The ledger's self-check, run on opening and on demand. */
export function LedgerCheck() {
  const check = useLedgerCheck();
  return (
    <Card>
      <h2 className="text-4xl text-gold">Ledger check</h2>
      {check.isLoading && <Spinner label="Checking the books" />}
      {check.error && <Alert>{friendlyMessage(check.error)}</Alert>}
      {check.data && (
        <div className="mt-3 flex flex-col gap-2">
          <Alert kind={check.data.ok ? "success" : "error"}>
            {check.data.ok ? "The books balance." : `${check.data.violations.length} problem(s) found.`}{" "}
            {check.data.transfers} transfers, {check.data.entries} entries, checked{" "}
            {new Date(check.data.checkedAt).toLocaleString()}.
          </Alert>
          <ul className="text-sm text-white/75">
            {check.data.checks.map((name) => (
              <li key={name}>
                {check.data.violations.some((violation) => violation.check === name) ? "✗" : "✓"}{" "}
                {name.replaceAll("_", " ")}
              </li>
            ))}
          </ul>
          <Button
            variant="ghost"
            className="self-start"
            onClick={() => check.refetch()}
            disabled={check.isFetching}
          >
            Check again
          </Button>
        </div>
      )}
    </Card>
  );
}
