import { useState } from "react";
import { Link } from "react-router";
import { Alert, Card, EmptyState, LoadMore, Select, Spinner, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { AdminShell } from "./admin-shell";
import { type Role, useAdminUsers } from "./queries";
import { RoleChanger } from "./role-changer";

/** Find people and change their roles. */
export function AdminUsersPage() {
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const users = useAdminUsers({ search, role });
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <AdminShell title="Users" subtitle="Find people and change their roles. Every change is audit-logged.">
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
