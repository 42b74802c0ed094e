import { Link } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Card, PageTitle } from "../../components/ui";
import { DataExport } from "./data-export";
import { DeleteAccount } from "./delete-account";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";

/** The signed-in user's profile, password, data download and account deletion. */
export function AccountPage() {
  return (
    <RequireUser>
      {(user) => (
        <div className="mx-auto max-w-3xl">
          <PageTitle subtitle={`Signed in as ${user.email} · ${user.role}`}>Your account</PageTitle>
          {!user.emailVerified && <Alert kind="info">Your email is not verified yet.</Alert>}
          <div className="grid gap-6">
            <Card>
              <ProfileForm user={user} />
            </Card>
            <Card>
              <PasswordForm />
            </Card>
            <Card>
              <h2 className="text-4xl text-gold">Two-factor sign-in</h2>
              <p className="mt-2 text-white/85">
                {user.twoFactorEnabled
                  ? "On: signing in asks for a code from your authenticator app."
                  : "Off. Add a code from your phone to your password."}{" "}
                <Link to="/account/two-factor" className="text-pink underline">
                  {user.twoFactorEnabled ? "Manage" : "Set it up"}
                </Link>
              </p>
            </Card>
            <Card>
              <DataExport />
            </Card>
            <Card>
              <DeleteAccount />
            </Card>
          </div>
        </div>
      )}
    </RequireUser>
  );
}
