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
