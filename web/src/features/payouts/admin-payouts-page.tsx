import { type FormEvent, useState } from "react";
import { Alert, Button, Card, EmptyState, LoadMore, Select, Spinner, TextField } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { AdminShell } from "../admin/admin-shell";
import { PayoutActionDialog, type PendingPayoutAction } from "./payout-action-dialog";
import { PayoutStatusBadge, TRIGGER_LABEL } from "./payout-parts";
import { type AdminPayoutFilters, type AdminPayouts, useAdminPayouts } from "./queries";

const STATUS_LABEL = {
  in_transit: "In transit",
  paid: "Paid",
  failed: "Failed",
  reversed: "Reversed",
} as const;

/** Every payout with filters, the totals by status, held readers, and the admin's payout actions. */
export function AdminPayoutsPage() {
  const [filters, setFilters] = useState<AdminPayoutFilters>({});
  const [action, setAction] = useState<PendingPayoutAction | null>(null);
  const payouts = useAdminPayouts(filters);
  const first = payouts.data?.pages[0];
  const items = payouts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell
      title="Payouts"
      subtitle="Daily payouts to readers — hold, pay now or retry, each with a reason."
    >
      <div className="grid gap-6 [&>*]:min-w-0">
        <Filters filters={filters} onChange={setFilters} />
        {payouts.isLoading && <Spinner label="Loading payouts" />}
        {payouts.error && <Alert>{friendlyMessage(payouts.error)}</Alert>}
        {first && <Totals totals={first.totals} />}
        {first && <Held held={first.held} onRelease={setAction} />}
        {payouts.data && (
          <Card className="min-w-0">
            <h2 className="text-4xl text-gold">Payouts</h2>
            {items.length === 0 ? (
              <EmptyState>No payouts match these filters.</EmptyState>
            ) : (
              <div className="mt-3 overflow-x-auto">
                <table className="w-full min-w-[48rem] text-left text-sm">
                  <caption className="sr-only">Payouts, newest first</caption>
                  <thead className="text-white/60">
                    <tr>
                      <th scope="col" className="py-2">
                        Reader
                      </th>
                      <th scope="col">Amount</th>
                      <th scope="col">Status</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Made</th>
                      <th scope="col">Attempts</th>
                      <th scope="col">
                        <span className="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-white/10">
                    {items.map((payout) => (
                      <PayoutAdminRow key={payout.id} payout={payout} onAction={setAction} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <LoadMore query={payouts} />
          </Card>
        )}
        {action && <PayoutActionDialog action={action} onClose={() => setAction(null)} />}
      </div>
    </AdminShell>
  );
}

function Filters({
  filters,
  onChange,
}: {
  filters: AdminPayoutFilters;
  onChange: (next: AdminPayoutFilters) => void;
}) {
  return (
    <Card>
      <form
        className="grid gap-3 sm:grid-cols-4 sm:items-end"
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const status = String(form.get("status") ?? "");
          const trigger = String(form.get("trigger") ?? "");
          const reader = String(form.get("reader") ?? "").trim();
          onChange({
            ...(status ? { status: status as AdminPayoutFilters["status"] } : {}),
            ...(trigger ? { trigger: trigger as AdminPayoutFilters["trigger"] } : {}),
            ...(reader ? { readerUserId: reader } : {}),
          });
        }}
      >
        <Select label="Status" name="status" defaultValue={filters.status ?? ""}>
          <option value="">Any</option>
          {Object.entries(STATUS_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        <Select label="Kind" name="trigger" defaultValue={filters.trigger ?? ""}>
          <option value="">Any</option>
          {Object.entries(TRIGGER_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        <TextField label="Reader id" name="reader" defaultValue={filters.readerUserId ?? ""} />
        <Button type="submit" variant="gold">
          Show payouts
        </Button>
      </form>
    </Card>
  );
}

function Totals({ totals }: { totals: AdminPayouts["totals"] }) {
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
      {(Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]).map((status) => {
        const entry = totals.find((total) => total.status === status);
        return (
          <Card key={status}>
            <dt className="text-sm text-white/60">{STATUS_LABEL[status]}</dt>
            <dd className="font-heading text-3xl text-gold">{formatCents(entry?.cents ?? 0)}</dd>
            <dd className="text-xs text-white/60">
              {entry?.count ?? 0} payout{entry?.count === 1 ? "" : "s"}
            </dd>
          </Card>
        );
      })}
    </dl>
  );
}

function Held({
  held,
  onRelease,
}: {
  held: AdminPayouts["held"];
  onRelease: (action: PendingPayoutAction) => void;
}) {
  if (held.length === 0) return null;
  return (
    <Card>
      <h2 className="text-4xl text-gold">On hold</h2>
      <ul className="mt-2 divide-y divide-white/10">
        {held.map((reader) => (
          <li key={reader.readerUserId} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div>
              <p className="font-semibold">{reader.readerName ?? reader.readerUserId}</p>
              <p className="text-sm text-white/70">
                Since {new Date(reader.heldAt).toLocaleString()}: {reader.heldReason}
              </p>
            </div>
            <Button
              variant="gold"
              onClick={() =>
                onRelease({
                  kind: "release",
                  readerUserId: reader.readerUserId,
                  readerName: reader.readerName ?? "this reader",
                })
              }
            >
              Release
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function PayoutAdminRow({
  payout,
  onAction,
}: {
  payout: AdminPayouts["items"][number];
  onAction: (action: PendingPayoutAction) => void;
}) {
  const readerName = payout.readerName ?? payout.readerUserId;
  const forReader = (kind: "hold" | "pay-now") =>
    onAction({ kind, readerUserId: payout.readerUserId, readerName });
  return (
    <tr>
      <td className="py-2">
        <p className="font-semibold">{readerName}</p>
        {payout.readerEmail && <p className="text-xs text-white/60">{payout.readerEmail}</p>}
      </td>
      <td className="font-semibold text-gold">{formatCents(payout.amountCents)}</td>
      <td>
        <PayoutStatusBadge status={payout.status} />
        {payout.failureReason && (
          <p className="mt-1 max-w-xs text-xs text-white/70">{payout.failureReason}</p>
        )}
      </td>
      <td>{TRIGGER_LABEL[payout.trigger]}</td>
      <td>{new Date(payout.createdAt).toLocaleString()}</td>
      <td>{payout.attempts}</td>
      <td>
        <div className="flex flex-wrap justify-end gap-2">
          {payout.status === "failed" && (
            <Button
              variant="gold"
              onClick={() => onAction({ kind: "retry", payoutId: payout.id, readerName })}
            >
              Retry
            </Button>
          )}
          <Button variant="ghost" onClick={() => forReader("pay-now")}>
            Pay now
          </Button>
          <Button variant="ghost" onClick={() => forReader("hold")}>
            Hold
          </Button>
        </div>
      </td>
    </tr>
  );
}
