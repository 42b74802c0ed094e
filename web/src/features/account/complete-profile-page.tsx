import { Link, useNavigate } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle } from "../../components/ui";
import { fieldErrors, friendlyMessage } from "../../lib/api/client";
import { AgeAndTermsFields } from "../auth/age-and-terms-fields";
import { formValues } from "../auth/auth-shell";
import { useCompleteProfile } from "./queries";

/** After an Auth0 sign-up: date of birth (18+) and the terms, before anything can be paid for. */
export function CompleteProfilePage() {
  const complete = useCompleteProfile();
  const navigate = useNavigate();
  const errors = fieldErrors(complete.error);
  return (
    <RequireUser>
      {(user) => (
        <div className="mx-auto max-w-md">
          <PageTitle subtitle="Two things before your first reading.">Complete your profile</PageTitle>
          <Card>
            {user.profileComplete ? (
              <div className="flex flex-col gap-4">
                <Alert kind="success">Your profile is complete.</Alert>
                <Link to="/readers" className="text-pink underline">
                  Find a reader
                </Link>
              </div>
            ) : (
              <form
                className="flex flex-col gap-4"
                noValidate
                onSubmit={(event) => {
                  const values = formValues(event);
                  complete.mutate(
                    { dateOfBirth: values.dateOfBirth ?? "", acceptTerms: values.acceptTerms === "on" },
                    { onSuccess: () => navigate("/account") },
                  );
                }}
              >
                <p className="text-white/85">
                  SoulSeer is for adults: give your date of birth and accept the terms to start readings, add
                  funds or tip.
                </p>
                {complete.error && <Alert>{friendlyMessage(complete.error)}</Alert>}
                <AgeAndTermsFields dateOfBirthError={errors.dateOfBirth} />
                <Button type="submit" disabled={complete.isPending}>
                  {complete.isPending ? "Saving…" : "Save and continue"}
                </Button>
              </form>
            )}
          </Card>
        </div>
      )}
    </RequireUser>
  );
}
