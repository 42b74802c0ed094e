import { Checkbox, TextArea, TextField } from "../../components/ui";
import { SPECIALTY_LABELS } from "../readers/specialties";
import type { AdminReader, CreateReaderBody } from "./queries";

type Rates = CreateReaderBody["rates"];
type Specialty = CreateReaderBody["specialties"][number];

export const RATE_FIELDS = [
  ["chat", "Chat"],
  ["voice", "Voice"],
  ["video", "Video"],
] as const;

const list = (value: FormDataEntryValue | null) =>
  String(value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

/** Dollars typed by the admin → whole cents; empty means "not offered". Bad input is reported per field. */
export function readRates(form: FormData): { rates: Rates; errors: Record<string, string> } {
  const rates: Rates = { chat: null, voice: null, video: null };
  const errors: Record<string, string> = {};
  for (const [key] of RATE_FIELDS) {
    const text = String(form.get(key) ?? "").trim();
    if (!text) continue;
    if (!/^\d{1,2}(\.\d{1,2})?$/.test(text)) errors[key] = "Enter dollars and cents, e.g. 2.99";
    else rates[key] = Math.round(Number(text) * 100);
  }
  return { rates, errors };
}

/** The profile fields shared by the create and edit forms, read back from a form. */
export function readProfile(form: FormData) {
  return {
    displayName: String(form.get("displayName") ?? "").trim(),
    headline: String(form.get("headline") ?? ""),
    bio: String(form.get("bio") ?? ""),
    specialties: form.getAll("specialties").map(String) as Specialty[],
    tools: list(form.get("tools")),
    languages: list(form.get("languages")).map((language) => language.toLowerCase()),
    yearsOfExperience: Number(form.get("yearsOfExperience") ?? 0),
    timeZone: String(form.get("timeZone") ?? "").trim(),
  };
}

/** The profile and rate fields shared by the create and edit forms. */
export function ProfileFields({ reader, errors }: { reader?: AdminReader; errors: Record<string, string> }) {
  return (
    <>
      <TextField
        label="Reader name"
        name="displayName"
        defaultValue={reader?.displayName}
        required
        error={errors.displayName}
      />
      <TextField
        label="Headline"
        name="headline"
        defaultValue={reader?.headline}
        hint="10–120 characters."
        required
        error={errors.headline}
      />
      <TextArea
        label="About their practice (50–4000 characters)"
        className="sm:col-span-2"
        name="bio"
        rows={5}
        maxLength={4000}
        defaultValue={reader?.bio}
        error={errors.bio}
      />
      <fieldset className="sm:col-span-2">
        <legend className="mb-2 text-sm font-semibold text-gold-soft">Specialties (1 to 6)</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {Object.entries(SPECIALTY_LABELS).map(([value, label]) => (
            <Checkbox
              key={value}
              label={label}
              name="specialties"
              value={value}
              defaultChecked={reader?.specialties.includes(value)}
            />
          ))}
        </div>
        {errors.specialties && <p className="mt-1 text-sm text-red-300">{errors.specialties}</p>}
      </fieldset>
      <TextField
        label="Tools"
        name="tools"
        defaultValue={reader?.tools.join(", ")}
        hint="Comma-separated."
        error={errors.tools}
      />
      <TextField
        label="Languages"
        name="languages"
        defaultValue={reader?.languages.join(", ") ?? "en"}
        hint="Two-letter codes, comma-separated."
        error={errors.languages}
      />
      <TextField
        label="Years of experience"
        name="yearsOfExperience"
        type="number"
        min={0}
        max={80}
        defaultValue={reader?.yearsOfExperience ?? 1}
        error={errors.yearsOfExperience}
      />
      <TextField
        label="Time zone"
        name="timeZone"
        defaultValue={reader?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
        hint="IANA name, e.g. Europe/London."
        error={errors.timeZone}
      />
      <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold text-gold-soft">
          Rates in USD per minute ($0.99–$49.99; empty = not offered)
        </legend>
        {RATE_FIELDS.map(([key, label]) => (
          <TextField
            key={key}
            label={label}
            name={key}
            inputMode="decimal"
            defaultValue={reader?.rates[key] == null ? "" : (reader.rates[key] / 100).toFixed(2)}
            error={errors[key]}
          />
        ))}
      </fieldset>
    </>
  );
}
