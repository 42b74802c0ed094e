import { type FormEvent, useState } from "react";
import { Alert, Button } from "../../components/ui";
import { fieldErrors, friendlyMessage } from "../../lib/api/client";
import { type AdminReader, useUpdateReader } from "./queries";
import { ProfileFields, readProfile, readRates } from "./reader-profile-fields";

/** Edits a reader's profile and rates in place (audit-logged with before and after). */
export function EditReaderForm({ reader, onDone }: { reader: AdminReader; onDone: () => void }) {
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useUpdateReader(reader.userId);
  const submit = (form: FormData) => {
    const { rates, errors } = readRates(form);
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return save.reset();
    save.mutate({ ...readProfile(form), rates });
  };
  const errors = { ...fieldErrors(save.error), ...localErrors };
  const problem =
    Object.keys(localErrors).length > 0
      ? "Check the rates."
      : save.error
        ? friendlyMessage(save.error)
        : null;
  return (
    <form
      className="mt-3 grid gap-4 rounded-xl border border-gold/30 bg-night/60 p-4 sm:grid-cols-2"
      aria-label={`Edit ${reader.displayName}`}
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        submit(new FormData(event.currentTarget));
      }}
    >
      <ProfileFields reader={reader} errors={errors} />
      <div className="flex flex-col gap-3 sm:col-span-2" aria-live="polite">
        {problem && <Alert>{problem}</Alert>}
        {save.isSuccess && (
          <Alert kind="success">Saved. New rates apply to readings started from now on.</Alert>
        )}
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <Button type="submit" variant="gold" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save changes"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Close
        </Button>
      </div>
    </form>
  );
}
