import { type FormEvent, useState } from "react";
import { Alert, Button, Card, EmptyState, LoadMore, Spinner, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { AdminShell } from "./admin-shell";
import { type AuditFilters, useAuditLog } from "./queries";

const FILTER_FIELDS: [keyof AuditFilters, string, string][] = [
  ["action", "Action", "text"],
  ["actorUserId", "Actor id", "text"],
  ["objectType", "Object type", "text"],
  ["objectId", "Object id", "text"],
  ["from", "From", "date"],
  ["to", "To", "date"],
];

/** Who did what, to which object, and when. */
export function AdminAuditLogPage() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const log = useAuditLog(filters);
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell title="Audit log" subtitle="Who did what, to which object, and when.">
      <Card className="flex flex-col">
        <form
          className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            setFilters(Object.fromEntries(new FormData(event.currentTarget)) as AuditFilters);
          }}
        >
          {FILTER_FIELDS.map(([name, label, type]) => (
            <TextField key={name} label={label} name={name} type={type} defaultValue={filters[name]} />
          ))}
          <Button type="submit" variant="gold" className="sm:col-span-3 lg:col-span-6 lg:justify-self-start">
            Apply filters
          </Button>
        </form>
        {log.isLoading && <Spinner label="Loading the audit log" />}
        {log.error && <Alert>{friendlyMessage(log.error)}</Alert>}
        {log.isSuccess && items.length === 0 && <EmptyState>No entries match these filters.</EmptyState>}
        {items.length > 0 && (
          <ul className="divide-y divide-white/10" aria-label="Audit entries, newest first">
            {items.map((entry) => (
              <li key={entry.id} className="grid gap-1 py-3 sm:grid-cols-[12rem_1fr_auto] sm:gap-4">
                <p className="text-sm text-white/70">{new Date(entry.createdAt).toLocaleString()}</p>
                <div className="min-w-0">
                  <p>
                    <span className="font-semibold text-pink">{entry.action}</span>{" "}
                    <span className="text-white/80">
                      on {entry.objectType}
                      {entry.objectId && (
                        <span className="text-xs text-white/60 [overflow-wrap:anywhere]">
                          {" "}
                          {entry.objectId}
                        </span>
                      )}
                    </span>
                  </p>
                  <p className="text-sm text-white/70 [overflow-wrap:anywhere]">
                    by {entry.actorEmail ?? entry.actorUserId ?? "system"}
                  </p>
                </div>
                <details className="sm:max-w-sm">
                  <summary className="cursor-pointer text-gold">Details</summary>
                  <pre className="mt-2 overflow-x-auto rounded bg-night/80 p-2 text-xs">
                    {JSON.stringify(entry.details, null, 2)}
                  </pre>
                </details>
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={log} />
      </Card>
    </AdminShell>
  );
}
