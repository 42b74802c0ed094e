import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, PageTitle, TextField } from "../../components/ui";
import { api, fieldErrors, friendlyMessage, unwrap } from "../../lib/api/client";
import { ME_KEY, type User } from "../../lib/session";

const TIME_ZONES = [
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Stockholm",
  "Africa/Lagos",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
  "UTC",
];

function ProfileForm({ user }: { user: User }) {
  const client = useQueryClient();
  const zoneId = useId();
  const bioId = useId();
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = [
    ...new Set([user.timeZone, browserZone, ...TIME_ZONES].filter((zone): zone is string => Boolean(zone))),
  ];
  const save = useMutation({
    mutationFn: (values: { displayName: string; bio: string; timeZone: string }) =>
      unwrap(
        api.PATCH("/api/v1/me", {
          body: {
            displayName: values.displayName,
            bio: values.bio || null,
            timeZone: values.timeZone || null,
          },
        }),
      ),
    onSuccess: (data) => client.setQueryData(ME_KEY, data.user),
  });
  const errors = fieldErrors(save.error);
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        save.mutate({
          displayName: String(form.get("displayName")),
          bio: String(form.get("bio")),
          timeZone: String(form.get("timeZone")),
        });
      }}
    >
      <h2 className="text-4xl text-gold">Profile</h2>
      {save.isSuccess && <Alert kind="success">Profile saved.</Alert>}
      {save.error && <Alert>{friendlyMessage(save.error)}</Alert>}
      <TextField label="Email" value={user.email} readOnly disabled />
      <TextField
        label="Display name"
        name="displayName"
        defaultValue={user.displayName}
        required
        error={errors.displayName}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor={bioId} className="text-sm font-semibold text-gold-soft">
          About you
        </label>
        <textarea
          id={bioId}
          name="bio"
          maxLength={500}
          rows={4}
          defaultValue={user.bio ?? ""}
          className="rounded-lg border border-white/15 bg-night/70 px-3 py-2 text-white focus:border-pink"
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={zoneId} className="text-sm font-semibold text-gold-soft">
          Time zone
        </label>
        <select
          id={zoneId}
          name="timeZone"
          defaultValue={user.timeZone ?? browserZone}
          className="min-h-11 rounded-lg border border-white/15 bg-night/70 px-3 py-2 text-white"
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={save.isPending} className="self-start">
        {save.isPending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}

function PasswordForm() {
  const [formKey, setFormKey] = useState(0);
  const change = useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) =>
      unwrap(api.POST("/api/v1/me/password", { body: values })),
    onSuccess: () => setFormKey((key) => key + 1),
  });
  return (
    <form
      key={formKey}
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        change.mutate({
          currentPassword: String(form.get("currentPassword")),
          newPassword: String(form.get("newPassword")),
        });
      }}
    >
      <h2 className="text-4xl text-gold">Password</h2>
      {change.isSuccess && (
        <Alert kind="success">Password changed. Your other sessions were signed out.</Alert>
      )}
      {change.error && <Alert>{friendlyMessage(change.error)}</Alert>}
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
      />
      <Button type="submit" variant="ghost" disabled={change.isPending} className="self-start">
        Change password
      </Button>
    </form>
  );
}

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
