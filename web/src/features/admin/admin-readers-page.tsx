import { type FormEvent, useState } from "react";
import { Alert, Button, Card, EmptyState, LoadMore, Select, Spinner, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { AdminShell } from "./admin-shell";
import { CreateReaderForm } from "./create-reader-form";
import { type AdminReader, type ReaderFilters, useAdminReaders } from "./queries";
import { ReaderRow } from "./reader-row";
import { SuspendDialog } from "./suspend-reader-dialog";

/** Every reader, suspended ones included: create, edit, suspend and reinstate. */
export function AdminReadersPage() {
  const [filters, setFilters] = useState<ReaderFilters>({});
  const [creating, setCreating] = useState(false);
  const [suspending, setSuspending] = useState<AdminReader | null>(null);
  const readers = useAdminReaders(filters);
  const items = readers.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell
      title="Readers"
      subtitle="Every reader, suspended ones included. Create, edit, suspend and reinstate; each change is audit-logged."
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
            const listed = String(form.get("listed") ?? "");
            setFilters({
              q: String(form.get("q") ?? "").trim() || undefined,
              listed: listed === "listed" || listed === "suspended" ? listed : undefined,
            });
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
          <Select label="Listing" name="listed" defaultValue="">
            <option value="">All readers</option>
            <option value="listed">Listed</option>
            <option value="suspended">Suspended</option>
          </Select>
          <Button type="submit" variant="gold">
            Search
          </Button>
        </form>
        {readers.isLoading && <Spinner label="Loading readers" />}
        {readers.error && <Alert>{friendlyMessage(readers.error)}</Alert>}
        {readers.isSuccess && items.length === 0 && (
          <EmptyState>{filters.q || filters.listed ? "No readers match." : "No readers yet."}</EmptyState>
        )}
        {items.length > 0 && (
          <ul className="divide-y divide-white/10" aria-label="Readers, newest first">
            {items.map((reader) => (
              <ReaderRow key={reader.userId} reader={reader} onSuspend={() => setSuspending(reader)} />
            ))}
          </ul>
        )}
        <LoadMore query={readers} />
      </Card>
      {suspending && <SuspendDialog reader={suspending} onClose={() => setSuspending(null)} />}
    </AdminShell>
  );
}
