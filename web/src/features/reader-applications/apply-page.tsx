import type { FormEvent } from "react";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, Checkbox, PageTitle, Spinner, TextArea, TextField } from "../../components/ui";
import { fieldErrors, friendlyMessage } from "../../lib/api/client";
import { SPECIALTY_LABELS } from "../readers/specialties";
import { type Application, useApply, useMyApplications } from "./queries";

const list = (value: FormDataEntryValue | null) =>
  String(value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

function readApplication(form: FormData): Application {
  return {
    displayName: String(form.get("displayName")),
    headline: String(form.get("headline")),
    bio: String(form.get("bio")),
    specialties: form.getAll("specialties").map(String) as Application["specialties"],
    tools: list(form.get("tools")),
    languages: list(form.get("languages")).map((language) => language.toLowerCase()),
    yearsOfExperience: Number(form.get("yearsOfExperience")),
    sampleAnswer: String(form.get("sampleAnswer")),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

/** A client applies to become a reader; their applications and the decisions show here. */
export function ApplyPage() {
  const mine = useMyApplications();
  const apply = useApply();
  const errors = fieldErrors(apply.error);
  const pending = mine.data?.items.find((item) => item.status === "pending");
  return (
    <RequireUser>
      {(user) => (
        <div className="mx-auto max-w-3xl">
          <PageTitle subtitle="Share your gift with clients around the world. Readers keep 70% of every paid cent.">
            Become a reader
          </PageTitle>
          {mine.isLoading && <Spinner label="Loading your applications" />}
          {mine.error && <Alert>{friendlyMessage(mine.error)}</Alert>}
          {mine.data?.items.map((item) => (
            <div key={item.id} className="mb-4">
              <Alert
                kind={item.status === "rejected" ? "error" : item.status === "approved" ? "success" : "info"}
              >
                Application from {new Date(item.createdAt).toLocaleDateString()}:{" "}
                <strong>{item.status}</strong>
                {item.decisionReason && ` — ${item.decisionReason}`}
              </Alert>
            </div>
          ))}
          {user.role !== "client" ? (
            <Alert kind="info">Your account is already a {user.role} account.</Alert>
          ) : pending || !mine.isSuccess ? null : (
            <Card>
              <form
                className="flex flex-col gap-4"
                noValidate
                onSubmit={(event: FormEvent<HTMLFormElement>) => {
                  event.preventDefault();
                  apply.mutate(readApplication(new FormData(event.currentTarget)));
                }}
              >
                {apply.error && <Alert>{friendlyMessage(apply.error)}</Alert>}
                <TextField
                  label="Reader name"
                  name="displayName"
                  defaultValue={user.displayName}
                  required
                  error={errors.displayName}
                />
                <TextField
                  label="Headline"
                  name="headline"
                  required
                  hint="One line clients see first (10–120 characters)."
                  error={errors.headline}
                />
                <TextArea
                  label="About your practice"
                  name="bio"
                  rows={6}
                  minLength={50}
                  maxLength={4000}
                  required
                  hint="50 to 4000 characters."
                  error={errors.bio}
                />
                <fieldset>
                  <legend className="mb-2 text-sm font-semibold text-gold-soft">Specialties (up to 6)</legend>
                  <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
                    {Object.entries(SPECIALTY_LABELS).map(([value, label]) => (
                      <Checkbox key={value} label={label} name="specialties" value={value} />
                    ))}
                  </div>
                  {errors.specialties && <p className="mt-1 text-sm text-red-300">{errors.specialties}</p>}
                </fieldset>
                <TextField label="Tools" name="tools" hint="Comma-separated, e.g. Rider–Waite, pendulum." />
                <TextField
                  label="Languages"
                  name="languages"
                  defaultValue="en"
                  hint="Two-letter codes, comma-separated."
                  error={errors.languages}
                />
                <TextField
                  label="Years of experience"
                  name="yearsOfExperience"
                  type="number"
                  min={0}
                  max={80}
                  defaultValue="1"
                  error={errors.yearsOfExperience}
                />
                <TextArea
                  label="Sample answer: “Will I find a new job this year?”"
                  name="sampleAnswer"
                  rows={5}
                  maxLength={4000}
                  required
                  hint="At least 100 characters: how you would answer a client."
                  error={errors.sampleAnswer}
                />
                <Button type="submit" disabled={apply.isPending} className="self-start">
                  Send application
                </Button>
              </form>
            </Card>
          )}
        </div>
      )}
    </RequireUser>
  );
}
