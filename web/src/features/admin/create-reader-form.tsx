import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { Alert, Button, Card, TextField } from "../../components/ui";
import { fieldErrors, friendlyMessage } from "../../lib/api/client";
import { useCreateReader } from "./queries";
import { ProfileFields, readProfile, readRates } from "./reader-profile-fields";

/** An admin creates a reader: a new account by email, or an existing client promoted. */
export function CreateReaderForm({ onDone }: { onDone: () => void }) {
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useCreateReader();
  const submit = (form: FormData) => {
    const { rates, errors } = readRates(form);
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return create.reset();
    const dateOfBirth = String(form.get("dateOfBirth") ?? "");
    create.mutate({
      email: String(form.get("email") ?? "").trim(),
      ...(dateOfBirth ? { dateOfBirth } : {}),
      ...readProfile(form),
      rates,
    });
  };
  const errors = { ...fieldErrors(create.error), ...localErrors };
  const problem =
    Object.keys(localErrors).length > 0
      ? "Check the rates."
      : create.error
        ? friendlyMessage(create.error)
        : null;
  return (
    <Card className="mb-6">
      <h2 className="mb-1 text-4xl text-gold">Create a reader</h2>
      <p className="mb-4 text-sm text-white/70">
        A new email gets an account and a link to choose a password; an existing client is promoted.
        Audit-logged.
      </p>
      {create.isSuccess ? (
        <div className="flex flex-col gap-3">
          <Alert kind="success">
            {create.data.reader.displayName} is now a reader (
            {create.data.accountCreated
              ? "new account; a link to choose a password was emailed"
              : "existing client promoted"}
            ).{" "}
            <Link to={`/readers/${create.data.reader.slug}`} className="text-pink underline">
              View profile
            </Link>
          </Alert>
          <div className="flex flex-wrap gap-2">
            <Button variant="gold" onClick={() => create.reset()}>
              Create another
            </Button>
            <Button variant="ghost" onClick={onDone}>
              Close
            </Button>
          </div>
        </div>
      ) : (
        <form
          className="grid gap-4 sm:grid-cols-2"
          noValidate
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            submit(new FormData(event.currentTarget));
          }}
        >
          {problem && (
            <div className="sm:col-span-2">
              <Alert>{problem}</Alert>
            </div>
          )}
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="off"
            required
            error={errors.email}
          />
          <TextField
            label="Date of birth"
            name="dateOfBirth"
            type="date"
            hint="Needed for a new account (18+); leave empty to promote an existing client."
            error={errors.dateOfBirth}
          />
          <ProfileFields errors={errors} />
          <div className="flex flex-wrap gap-2 sm:col-span-2">
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create reader"}
            </Button>
            <Button type="button" variant="ghost" onClick={onDone}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
