import { useState } from "react";
import { Link } from "react-router";
import { Alert, Card, EmptyState, LoadMore, Select, Spinner, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { AccountActionButtons, AccountActionDialog, type AccountTarget } from "./account-action-dialog";
import { AdminShell } from "./admin-shell";
import { type AccountAction, type AccountStatus, type Role, useAdminUsers } from "./queries";
import { RoleChanger } from "./role-changer";

const STATUS_TONE: Record<AccountStatus, string> = {
  active: "text-white/70",
  suspended: "text-gold",
  banned: "text-red-300",
};

/** Find people by name or email; change their roles; suspend, ban or restore their accounts. */
export function AdminUsersPage() {
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [status, setStatus] = useState<AccountStatus | "">("");
  const [acting, setActing] = useState<{ target: AccountTarget; action: AccountAction } | null>(null);
  const users = useAdminUsers({ search, role, status });
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell
      title="Users"
      subtitle="Find people by name or email, change their roles, suspend, ban or restore them. Every change needs a reason and is audit-logged."
    >
      <Card className="flex flex-col">
        <div className="mb-4 flex flex-wrap gap-3">
          <TextField
            label="Search"
            type="search"
            value={search}
            placeholder="Name or email"
            onChange={(event) => setSearch(event.target.value)}
          />
          <Select label="Role" value={role} onChange={(event) => setRole(event.target.value as Role | "")}>
            <option value="">All roles</option>
            <option value="client">Clients</option>
            <option value="reader">Readers</option>
            <option value="admin">Admins</option>
          </Select>
          <Select
            label="Standing"
            value={status}
            onChange={(event) => setStatus(event.target.value as AccountStatus | "")}
          >
            <option value="">Any standing</option>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
            <option value="banned">Banned</option>
          </Select>
        </div>
        {users.isLoading && <Spinner label="Loading users" />}
        {users.error && <Alert>{friendlyMessage(users.error)}</Alert>}
        {users.isSuccess && items.length === 0 && <EmptyState>No users match.</EmptyState>}
        {items.length > 0 && (
          <ul className="divide-y divide-white/10" aria-label="Users, newest first">
            {items.map((user) => (
              <li
                key={user.id}
                className="flex flex-col gap-3 py-4 lg:flex-row lg:items-center lg:justify-between"
              >
                <div className="min-w-0">
                  <p className="font-semibold">{user.displayName}</p>
                  <p className="text-sm text-white/70 [overflow-wrap:anywhere]">
                    {user.email} · <span className="text-gold">{user.role}</span>
                    {!user.emailVerified && " · unverified"}
                    {" · "}
                    <span className={STATUS_TONE[user.status]}>{user.status}</span>
                  </p>
                  {user.status !== "active" && user.statusReason && (
                    <p className="text-sm text-white/60">Reason: {user.statusReason}</p>
                  )}
                </div>
                <div className="flex flex-wrap items-center gap-3">
                  <RoleChanger userId={user.id} role={user.role} />
                  <AccountActionButtons
                    status={user.status}
                    displayName={user.displayName}
                    onAction={(action) =>
                      setActing({ target: { userId: user.id, displayName: user.displayName }, action })
                    }
                  />
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
      {acting && (
        <AccountActionDialog target={acting.target} action={acting.action} onClose={() => setActing(null)} />
      )}
    </AdminShell>
  );
}
