import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Alert, Spinner } from "../components/ui";
import { type User, useMe } from "../lib/session";

/** Renders children for a signed-in user (optionally of a role); otherwise sends them to sign in. */
export function RequireUser({
  requiredRole,
  children,
}: {
  requiredRole?: User["role"];
  children: (user: User) => ReactNode;
}) {
  const { data: me, isLoading, isError } = useMe();
  const location = useLocation();
  if (isLoading) return <Spinner />;
  if (isError) return <Alert>We could not check your session. Reload the page to try again.</Alert>;
  if (!me)
    return (
      <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  if (requiredRole && me.role !== requiredRole) return <Alert>This page is for {requiredRole}s only.</Alert>;
  return <>{children(me)}</>;
}
