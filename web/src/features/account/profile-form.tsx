import { type FormEvent, useMemo } from "react";
import { Alert, Button, Select, TextArea, TextField } from "../../components/ui";
import { fieldErrors, friendlyMessage } from "../../lib/api/client";
import type { User } from "../../lib/session";
import { guessCountry } from "../safety/crisis-lines";
import { countryName, countryOptions } from "./countries";
import { useUpdateProfile } from "./queries";

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

/** The signed-in user's display name, bio, time zone and country. */
export function ProfileForm({ user }: { user: User }) {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = [
    ...new Set([user.timeZone, browserZone, ...TIME_ZONES].filter((zone): zone is string => Boolean(zone))),
  ];
  const countries = useMemo(() => countryOptions(user.country), [user.country]);
  const guessed = useMemo(() => guessCountry(), []);
  const save = useUpdateProfile();
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
          country: String(form.get("country") ?? ""),
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
      <TextArea
        label="About you"
        name="bio"
        maxLength={500}
        rows={4}
        defaultValue={user.bio ?? ""}
        hint="Up to 500 characters."
        error={errors.bio}
      />
      <Select
        label="Time zone"
        name="timeZone"
        defaultValue={user.timeZone ?? browserZone}
        error={errors.timeZone}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </Select>
      <Select
        label="Country"
        name="country"
        defaultValue={user.country ?? ""}
        error={errors.country}
        // Long country names must not widen the form past a phone's screen.
        className="min-w-0"
        controlClassName="w-full min-w-0"
        hint={
          <>
            Used to show you the right support lines if you ever need them.{" "}
            {guessed
              ? `When it is not set, we go by your browser: ${countryName(guessed)}.`
              : "When it is not set, we show a directory of helplines in every country (your browser does not say where you are)."}
          </>
        }
      >
        <option value="">Not set (guessed from your browser)</option>
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </Select>
      <Button type="submit" disabled={save.isPending} className="self-start">
        {save.isPending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}
