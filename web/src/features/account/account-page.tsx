import { RequireUser } from "../../app/require-user";
import { Alert, Card, PageTitle } from "../../components/ui";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";

/** The signed-in user's profile and password. */
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
          </div>
        </div>
      )}
    </RequireUser>
  );
}
