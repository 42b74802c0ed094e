import type { ReactNode } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { Alert, Spinner } from "../components/ui";
import { type User, useMe } from "../lib/session";

/**
 * Renders children for a signed-in user (optionally of a role); otherwise sends them to sign in.
 * An admin without two-factor sign-in is sent to turn it on first (the admin API refuses until
 * then); a member who has not given a date of birth and the terms (Auth0) is reminded.
 */
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
  const here = location.pathname + location.search;
  if (requiredRole === "admin" && !me.twoFactorEnabled)
    return <Navigate to={`/account/two-factor?next=${encodeURIComponent(here)}`} replace />;
  if (!me.profileComplete && location.pathname !== "/complete-profile")
    return (
      <>
        <div className="mx-auto mb-4 max-w-3xl">
          <Alert kind="info">
            Before you can pay for anything,{" "}
            <Link to="/complete-profile" className="underline">
              complete your profile
            </Link>{" "}
            (date of birth and terms).
          </Alert>
        </div>
        {children(me)}
      </>
    );
  return <>{children(me)}</>;
}
