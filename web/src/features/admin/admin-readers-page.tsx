import { type FormEvent, useState } from "react";
import { Alert, Button, Card, EmptyState, LoadMore, Spinner, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { AccountActionDialog, type AccountTarget } from "./account-action-dialog";
import { AdminShell } from "./admin-shell";
import { CreateReaderForm } from "./create-reader-form";
import { type AccountAction, type ReaderFilters, useAdminReaders } from "./queries";
import { ReaderRow } from "./reader-row";

/** Every reader, suspended ones included: create, edit, and suspend, ban or restore their account. */
export function AdminReadersPage() {
  const [filters, setFilters] = useState<ReaderFilters>({});
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<{ target: AccountTarget; action: AccountAction } | null>(null);
  const readers = useAdminReaders(filters);
  const items = readers.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell
      title="Readers"
      subtitle="Every reader, suspended ones included. Create, edit, suspend, ban and restore; each change is audit-logged."
    >
      {creating ? (
        <CreateReaderForm onDone={() => setCreating(false)} />
      ) : (
        <Button className="mb-6" onClick={() => setCreating(true)}>
          Create a reader
        </Button>
      )}
      <Card className="flex flex-col">
        <form
          aria-label="Find readers"
          className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-end"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            setFilters({ q: String(form.get("q") ?? "").trim() || undefined });
          }}
        >
          <TextField
            label="Search"
            className="flex-1"
            type="search"
            name="q"
            maxLength={100}
            placeholder="Name, email or slug"
          />
          <Button type="submit" variant="gold">
            Search
          </Button>
        </form>
        {readers.isLoading && <Spinner label="Loading readers" />}
        {readers.error && <Alert>{friendlyMessage(readers.error)}</Alert>}
        {readers.isSuccess && items.length === 0 && (
          <EmptyState>{filters.q ? "No readers match." : "No readers yet."}</EmptyState>
        )}
        {items.length > 0 && (
          <ul className="divide-y divide-white/10" aria-label="Readers, newest first">
            {items.map((reader) => (
              <ReaderRow
                key={reader.userId}
                reader={reader}
                onAction={(action) => setActing({ target: reader, action })}
              />
            ))}
          </ul>
        )}
        <LoadMore query={readers} />
      </Card>
      {acting && (
        <AccountActionDialog target={acting.target} action={acting.action} onClose={() => setActing(null)} />
      )}
    </AdminShell>
  );
}
