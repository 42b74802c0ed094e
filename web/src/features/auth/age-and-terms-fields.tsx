import { Link } from "react-router";
import { Checkbox, TextField } from "../../components/ui";

/** Date of birth (18+) and acceptance of the terms: asked at sign-up, and of Auth0 members after it. */
export function AgeAndTermsFields({ dateOfBirthError }: { dateOfBirthError?: string }) {
  return (
    <>
      <TextField
        label="Date of birth"
        name="dateOfBirth"
        type="date"
        autoComplete="bday"
        required
        hint="You must be 18 or older."
        error={dateOfBirthError}
      />
      <Checkbox
        name="acceptTerms"
        required
        label={
          <>
            I am 18 or older and accept the{" "}
            <Link to="/terms" className="text-pink underline">
              Terms
            </Link>{" "}
            and{" "}
            <Link to="/privacy" className="text-pink underline">
              Privacy policy
            </Link>
            .
          </>
        }
      />
    </>
  );
}
