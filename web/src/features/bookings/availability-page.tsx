import { type FormEvent, useMemo, useState } from "react";
import { Link } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Button, Card, Checkbox, PageTitle, Select, Spinner, TextField } from "../../components/ui";
import { ApiError, formatCents, friendlyMessage } from "../../lib/api/client";
import type { User } from "../../lib/session";
import { MODALITY_LABEL } from "../readings/reading-format";
import {
  type AvailabilityDraft,
  draftProblems,
  type Problems,
  problemsFromDetails,
  toDraft,
  toPayload,
} from "./availability-form";
import { AvailabilityPreview } from "./availability-preview";
import { DateExceptions, WeeklyHours } from "./hours-editors";
import {
  type AvailabilityEnvelope,
  LENGTHS,
  MODALITIES,
  useMyAvailability,
  useSaveAvailability,
} from "./queries";
import { todayIn, viewerTimeZone, zoneLabel } from "./time";
import { TimeZoneSelect } from "./time-zone-select";

const BUFFERS = [0, 5, 10, 15, 20, 25, 30];

/** The reader's bookable hours, offers and rules, with a preview of next week's open times. */
export function AvailabilityPage() {
  return <RequireUser requiredRole="reader">{(me) => <Availability me={me} />}</RequireUser>;
}

function Availability({ me }: { me: User }) {
  const availability = useMyAvailability();
  return (
    <div className="mx-auto grid max-w-4xl gap-6 [&>*]:min-w-0">
      <PageTitle subtitle="When clients can book you ahead, for how long, and on what terms.">
        Availability
      </PageTitle>
      {availability.isLoading && <Spinner label="Loading your hours" />}
      {availability.error && <Alert>{friendlyMessage(availability.error)}</Alert>}
      {availability.data && <AvailabilityForm me={me} saved={availability.data} />}
    </div>
  );
}

function AvailabilityForm({ me, saved }: { me: User; saved: AvailabilityEnvelope }) {
  const [draft, setDraft] = useState<AvailabilityDraft>(() => toDraft(saved.availability));
  const [problems, setProblems] = useState<Problems>({});
  const save = useSaveAvailability();
  const rate = saved.scheduledRateCents;
  const payload = useMemo(() => toPayload(draft), [draft]);
  const unsaved =
    JSON.stringify(payload.body) !== JSON.stringify(toPayload(toDraft(saved.availability)).body);
  const edit = (change: Partial<AvailabilityDraft>) => {
    save.reset();
    setDraft((current) => ({ ...current, ...change }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = draftProblems(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(payload.body, {
      onSuccess: (data) => setDraft(toDraft(data.availability)),
      onError: (error) => {
        if (error instanceof ApiError) setProblems(problemsFromDetails(error.details, payload.keyOfPath));
      },
    });
  };
  const problemCount = Object.keys(problems).length;
  const mine = viewerTimeZone();
  return (
    <>
      {!saved.saved && (
        <Alert kind="info">
          You have not saved any hours yet, so clients cannot book you. Set your week below and save.
        </Alert>
      )}
      <form className="grid gap-6" onSubmit={submit} noValidate>
        <Card>
          <h2 className="text-4xl text-gold">Time zone</h2>
          <p className="mt-1 text-white/75">Your hours are in this zone; clients see them in their own.</p>
          <TimeZoneSelect
            className="mt-3 max-w-md"
            label="Your time zone"
            value={draft.timeZone}
            onChange={(timeZone) => edit({ timeZone })}
            pinned={
              draft.timeZone === mine
                ? []
                : [{ zone: mine, label: `This device's (${mine.replaceAll("_", " ")})` }]
            }
            hint={`Now ${zoneLabel(draft.timeZone)}.`}
            error={problems.timeZone}
          />
        </Card>
        <Card>
          <h2 className="text-4xl text-gold">Weekly hours</h2>
          <p className="mt-1 text-white/75">
            Times as HH:MM in 24-hour form; 24:00 is midnight at the end of the day. Bookings start every 15
            minutes within your hours.
          </p>
          <WeeklyHours weekly={draft.weekly} problems={problems} onChange={(weekly) => edit({ weekly })} />
        </Card>
        <Card>
          <h2 className="text-4xl text-gold">Dates set apart</h2>
          <p className="mt-1 text-white/75">
            A day off, or extra hours on one date (added to that weekday's hours).
          </p>
          <div className="mt-3">
            <DateExceptions
              exceptions={draft.exceptions}
              problems={problems}
              minDate={todayIn(draft.timeZone)}
              onChange={(exceptions) => edit({ exceptions })}
            />
          </div>
        </Card>
        <OffersCard draft={draft} rate={rate} problems={problems} edit={edit} />
        <RulesCard draft={draft} problems={problems} edit={edit} />
        <div className="flex flex-col gap-3">
          {problemCount > 0 && (
            <Alert>
              {problems.form ??
                (save.error instanceof ApiError
                  ? save.error.message
                  : "Some hours need fixing — see the marked fields.")}
            </Alert>
          )}
          {save.error && problemCount === 0 && <Alert>{friendlyMessage(save.error)}</Alert>}
          {save.isSuccess && !unsaved && (
            <Alert kind="success">
              Saved.{" "}
              {rate === null
                ? "Set a rate for booked readings and clients can book these hours."
                : "Clients can book the times in the preview below."}
            </Alert>
          )}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" variant="gold" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save availability"}
            </Button>
            {unsaved && !save.isPending && <span className="text-sm text-gold-soft">Unsaved changes</span>}
          </div>
        </div>
      </form>
      <AvailabilityPreview readerUserId={me.id} saved={saved} unsavedChanges={unsaved} />
    </>
  );
}

type EditProps = {
  draft: AvailabilityDraft;
  problems: Problems;
  edit: (change: Partial<AvailabilityDraft>) => void;
};

function toggle<Value>(list: readonly Value[], value: Value, on: boolean): Value[] {
  return on ? [...new Set([...list, value])] : list.filter((entry) => entry !== value);
}

function OffersCard({ draft, rate, problems, edit }: EditProps & { rate: number | null }) {
  return (
    <Card>
      <h2 className="text-4xl text-gold">What you offer</h2>
      {rate === null ? (
        <div className="mt-2">
          <Alert kind="info">
            You have no rate for booked readings yet, so clients cannot book you.{" "}
            <Link to="/reader#rates" className="font-semibold underline">
              Set it on your dashboard
            </Link>
          </Alert>
        </div>
      ) : (
        <p className="mt-1 text-white/75">
          Your rate for booked readings is{" "}
          <strong className="text-gold-soft">{formatCents(rate)} a minute</strong>; a booking's price is that
          rate times its length.{" "}
          <Link to="/reader#rates" className="text-pink underline">
            Change your rate
          </Link>
        </p>
      )}
      <div className="mt-4 grid gap-6 sm:grid-cols-2">
        <fieldset aria-describedby={problems.lengthsMinutes ? "lengths-error" : undefined}>
          <legend className="mb-2 text-sm font-semibold text-gold-soft">Lengths</legend>
          <div className="flex flex-col gap-2">
            {LENGTHS.map((length) => (
              <Checkbox
                key={length}
                label={`${length} minutes${rate === null ? "" : ` — ${formatCents(rate * length)}`}`}
                checked={draft.lengthsMinutes.includes(length)}
                onChange={(event) =>
                  edit({ lengthsMinutes: toggle(draft.lengthsMinutes, length, event.target.checked) })
                }
              />
            ))}
          </div>
          {problems.lengthsMinutes && (
            <p id="lengths-error" role="alert" className="mt-2 text-sm text-red-300">
              {problems.lengthsMinutes}
            </p>
          )}
        </fieldset>
        <fieldset aria-describedby={problems.modalities ? "modalities-error" : undefined}>
          <legend className="mb-2 text-sm font-semibold text-gold-soft">Types of reading</legend>
          <div className="flex flex-col gap-2">
            {MODALITIES.map((modality) => (
              <Checkbox
                key={modality}
                label={MODALITY_LABEL[modality] ?? modality}
                checked={draft.modalities.includes(modality)}
                onChange={(event) =>
                  edit({ modalities: toggle(draft.modalities, modality, event.target.checked) })
                }
              />
            ))}
          </div>
          {problems.modalities && (
            <p id="modalities-error" role="alert" className="mt-2 text-sm text-red-300">
              {problems.modalities}
            </p>
          )}
        </fieldset>
      </div>
    </Card>
  );
}

function RulesCard({ draft, problems, edit }: EditProps) {
  const buffers = [...new Set([...BUFFERS, draft.bufferMinutes])].sort((a, b) => a - b);
  return (
    <Card>
      <h2 className="text-4xl text-gold">Booking rules</h2>
      <div className="mt-3 grid gap-4 sm:grid-cols-3">
        <Select
          label="Break between bookings"
          value={String(draft.bufferMinutes)}
          onChange={(event) => edit({ bufferMinutes: Number(event.target.value) })}
          hint="Kept free after each booking."
          error={problems.bufferMinutes}
        >
          {buffers.map((minutes) => (
            <option key={minutes} value={minutes}>
              {minutes === 0 ? "None" : `${minutes} minutes`}
            </option>
          ))}
        </Select>
        <TextField
          label="Minimum notice (hours)"
          type="number"
          inputMode="decimal"
          min={0}
          max={720}
          step={0.5}
          value={draft.minNoticeHours}
          onChange={(event) => edit({ minNoticeHours: event.target.value })}
          hint="How long before a start a client can still book it."
          error={problems.minNoticeMinutes}
        />
        <TextField
          label="Book up to (days ahead)"
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          step={1}
          value={draft.horizonDays}
          onChange={(event) => edit({ horizonDays: event.target.value })}
          hint="How far ahead clients can book."
          error={problems.horizonDays}
        />
      </div>
    </Card>
  );
}
