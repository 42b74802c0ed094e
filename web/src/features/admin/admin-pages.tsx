import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { Link, NavLink } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, EmptyState, PageTitle, Spinner } from "../../components/ui";
import { api, friendlyMessage, unwrap } from "../../lib/api/client";

type Role = "client" | "reader" | "admin";

export function AdminShell({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  const tab = ({ isActive }: { isActive: boolean }) =>
    `rounded-full px-4 py-2 text-sm ${isActive ? "bg-pink text-night" : "border border-pink/40 text-pink hover:bg-pink/10"}`;
  return (
    <RequireUser requiredRole="admin">
      {() => (
        <div>
          <PageTitle subtitle={subtitle}>{title}</PageTitle>
          <nav aria-label="Admin sections" className="mb-6 flex flex-wrap gap-2">
            <NavLink to="/admin/users" className={tab}>
              Users
            </NavLink>
            <NavLink to="/admin/applications" className={tab}>
              Applications
            </NavLink>
            <NavLink to="/admin/readers" className={tab}>
              Readers
            </NavLink>
            <NavLink to="/admin/audit-log" className={tab}>
              Audit log
            </NavLink>
            <NavLink to="/admin/money" className={tab}>
              Money
            </NavLink>
            <NavLink to="/admin/outbox" className={tab}>
              Outbox
            </NavLink>
          </nav>
          {children}
        </div>
      )}
    </RequireUser>
  );
}

function LoadMore({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  if (!query.hasNextPage) return null;
  return (
    <Button
      variant="ghost"
      className="mt-4"
      disabled={query.isFetchingNextPage}
      onClick={() => query.fetchNextPage()}
    >
      {query.isFetchingNextPage ? "Loading…" : "Load more"}
    </Button>
  );
}

const input = "min-h-11 rounded-lg border border-white/15 bg-night/70 px-3 py-2 text-white";

function RoleChanger({ userId, role }: { userId: string; role: Role }) {
  const client = useQueryClient();
  const [next, setNext] = useState<Role>(role);
  const [reason, setReason] = useState("");
  const change = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH("/api/v1/admin/users/{userId}/role", {
          params: { path: { userId } },
          body: { role: next, reason },
        }),
      ),
    onSuccess: () => {
      setReason("");
      client.invalidateQueries({ queryKey: ["admin-users"] });
    },
  });
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        change.mutate();
      }}
    >
      <label className="sr-only" htmlFor={`role-${userId}`}>
        New role
      </label>
      <select
        id={`role-${userId}`}
        className={input}
        value={next}
        onChange={(event) => setNext(event.target.value as Role)}
      >
        <option value="client">client</option>
        <option value="reader">reader</option>
        <option value="admin">admin</option>
      </select>
      <label className="sr-only" htmlFor={`reason-${userId}`}>
        Reason
      </label>
      <input
        id={`reason-${userId}`}
        className={`${input} w-44`}
        placeholder="Reason (required)"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <Button
        type="submit"
        variant="gold"
        disabled={change.isPending || next === role || reason.trim().length < 3}
      >
        Change role
      </Button>
      <span aria-live="polite" className="text-sm">
        {change.isSuccess && <span className="text-emerald-300">Saved</span>}
        {change.error && <span className="text-red-300">{friendlyMessage(change.error)}</span>}
      </span>
    </form>
  );
}

export function AdminUsersPage() {
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const users = useInfiniteQuery({
    queryKey: ["admin-users", search, role],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/admin/users", {
          params: {
            query: { search: search || undefined, role: role || undefined, cursor: pageParam, limit: 25 },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell title="Users" subtitle="Find people and change their roles. Every change is audit-logged.">
      <Card>
        <div className="mb-4 flex flex-wrap gap-3">
          <label className="flex flex-col text-sm text-gold-soft">
            Search
            <input
              className={input}
              type="search"
              value={search}
              placeholder="Name or email"
              onChange={(event) => setSearch(event.target.value)}
            />
          </label>
          <label className="flex flex-col text-sm text-gold-soft">
            Role
            <select
              className={input}
              value={role}
              onChange={(event) => setRole(event.target.value as Role | "")}
            >
              <option value="">All roles</option>
              <option value="client">Clients</option>
              <option value="reader">Readers</option>
              <option value="admin">Admins</option>
            </select>
          </label>
        </div>
        {users.isLoading && <Spinner label="Loading users" />}
        {users.error && <Alert>{friendlyMessage(users.error)}</Alert>}
        {users.isSuccess && items.length === 0 && <EmptyState>No users match.</EmptyState>}
        {items.length > 0 && (
          <ul className="divide-y divide-white/10">
            {items.map((user) => (
              <li
                key={user.id}
                className="flex flex-col gap-3 py-4 lg:flex-row lg:items-center lg:justify-between"
              >
                <div>
                  <p className="font-semibold">{user.displayName}</p>
                  <p className="text-sm text-white/70">
                    {user.email} · <span className="text-gold">{user.role}</span>
                    {!user.emailVerified && " · unverified"}
                    {user.status !== "active" && ` · ${user.status}`}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-3">
                  <RoleChanger userId={user.id} role={user.role} />
                  <Link
                    to={`/admin/money?user=${encodeURIComponent(user.id)}`}
                    className="text-sm text-pink underline"
                  >
                    Wallet
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={users} />
      </Card>
    </AdminShell>
  );
}

export function AdminAuditLogPage() {
  const [filters, setFilters] = useState<Record<string, string>>({});
  const log = useInfiniteQuery({
    queryKey: ["audit-log", filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/admin/audit-log", {
          params: {
            query: {
              action: filters.action || undefined,
              actorUserId: filters.actorUserId || undefined,
              objectType: filters.objectType || undefined,
              objectId: filters.objectId || undefined,
              from: filters.from ? new Date(filters.from).toISOString() : undefined,
              to: filters.to ? new Date(`${filters.to}T23:59:59.999Z`).toISOString() : undefined,
              cursor: pageParam,
              limit: 25,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  const fields: [string, string, string][] = [
    ["action", "Action", "text"],
    ["actorUserId", "Actor id", "text"],
    ["objectType", "Object type", "text"],
    ["objectId", "Object id", "text"],
    ["from", "From", "date"],
    ["to", "To", "date"],
  ];
  return (
    <AdminShell title="Audit log" subtitle="Who did what, to which object, and when.">
      <Card>
        <form
          className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            setFilters(Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>);
          }}
        >
          {fields.map(([name, label, type]) => (
            <label key={name} className="flex flex-col text-sm text-gold-soft">
              {label}
              <input className={input} name={name} type={type} defaultValue={filters[name]} />
            </label>
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

/** Shows an email body as text; only links to this site become clickable. */
function EmailBody({ text }: { text: string }) {
  const origin = window.location.origin;
  let offset = 0;
  const parts = text.split(/(https?:\/\/\S+)/g).map((part) => {
    const start = offset;
    offset += part.length;
    return { part, start };
  });
  return (
    <pre className="mt-3 whitespace-pre-wrap rounded bg-night/80 p-3 text-sm [overflow-wrap:anywhere]">
      {parts.map(({ part, start }) =>
        part.startsWith(`${origin}/`) ? (
          <a key={start} href={part} className="text-pink underline">
            {part}
          </a>
        ) : (
          <span key={start}>{part}</span>
        ),
      )}
    </pre>
  );
}

export function AdminOutboxPage() {
  const [open, setOpen] = useState<string | null>(null);
  const outbox = useInfiniteQuery({
    queryKey: ["outbox"],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET("/api/v1/admin/outbox", { params: { query: { cursor: pageParam, limit: 25 } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: 5_000,
  });
  const items = outbox.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell
      title="Outbox"
      subtitle="Every email the platform sent. Without an SMTP server, this is the mailbox."
    >
      <Card>
        {outbox.isLoading && <Spinner label="Loading emails" />}
        {outbox.error && <Alert>{friendlyMessage(outbox.error)}</Alert>}
        {outbox.isSuccess && items.length === 0 && <EmptyState>No emails yet.</EmptyState>}
        {items.length > 0 && (
          <ul className="divide-y divide-white/10" aria-label="Sent emails, newest first">
            {items.map((mail) => (
              <li key={mail.id} className="min-w-0 py-3">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-semibold">{mail.subject}</p>
                    <p className="break-all text-sm text-white/70">
                      to {mail.to} · {new Date(mail.createdAt).toLocaleString()} · {mail.status}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="shrink-0 text-gold underline"
                    aria-expanded={open === mail.id}
                    aria-label={`${open === mail.id ? "Hide" : "Show"} the email to ${mail.to}`}
                    onClick={() => setOpen(open === mail.id ? null : mail.id)}
                  >
                    {open === mail.id ? "Hide body" : "Show body"}
                  </button>
                </div>
                {open === mail.id && <EmailBody text={mail.textBody} />}
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={outbox} />
      </Card>
    </AdminShell>
  );
}
