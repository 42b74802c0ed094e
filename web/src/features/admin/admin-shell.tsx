import type { ReactNode } from "react";
import { NavLink } from "react-router";
import { RequireUser } from "../../app/require-user";
import { PageTitle } from "../../components/ui";

/** Every admin page: admins only, with the section tabs. */
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
            <NavLink to="/admin/figures" className={tab}>
              Key figures
            </NavLink>
            <NavLink to="/admin/users" className={tab}>
              Users
            </NavLink>
            <NavLink to="/admin/applications" className={tab}>
              Applications
            </NavLink>
            <NavLink to="/admin/readers" className={tab}>
              Readers
            </NavLink>
            <NavLink to="/admin/reports" className={tab}>
              Reports
            </NavLink>
            <NavLink to="/admin/streams" className={tab}>
              Streams
            </NavLink>
            <NavLink to="/admin/gifts" className={tab}>
              Gifts
            </NavLink>
            <NavLink to="/admin/audit-log" className={tab}>
              Audit log
            </NavLink>
            <NavLink to="/admin/money" className={tab}>
              Money
            </NavLink>
            <NavLink to="/admin/payouts" className={tab}>
              Payouts
            </NavLink>
            <NavLink to="/admin/disputes" className={tab}>
              Disputes
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
