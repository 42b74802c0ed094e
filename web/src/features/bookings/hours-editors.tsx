import { Button, Select, TextField } from "../../components/ui";
import {
  type ExceptionDraft,
  newKey,
  nextRange,
  type Problems,
  type RangeDraft,
  range,
} from "./availability-form";
import { formatDayKey, weekdayNames } from "./time";

/** One group's time ranges (a weekday, an extra-hours date): HH:MM inputs, remove, add. */
function RangeList({
  name,
  ranges,
  problems,
  onChange,
}: {
  name: string;
  ranges: RangeDraft[];
  problems: Problems;
  onChange: (ranges: RangeDraft[]) => void;
}) {
  const next = nextRange(ranges);
  const update = (key: string, change: Partial<RangeDraft>) =>
    onChange(ranges.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));
  return (
    <div className="flex flex-col gap-2">
      {ranges.map((entry, index) => {
        const which = ranges.length > 1 ? `${name}, hours ${index + 1}` : name;
        const overlap = problems[`${entry.key}:range`];
        return (
          <div key={entry.key} className="flex flex-col gap-1">
            <div className="flex flex-wrap items-start gap-2">
              <TextField
                label={`${which}: from`}
                hideLabel
                value={entry.start}
                onChange={(event) => update(entry.key, { start: event.target.value })}
                inputMode="numeric"
                placeholder="09:00"
                maxLength={5}
                autoComplete="off"
                controlClassName="w-24 text-center"
                error={problems[`${entry.key}:start`]}
              />
              <span aria-hidden="true" className="pt-2.5 text-white/60">
                –
              </span>
              <TextField
                label={`${which}: until`}
                hideLabel
                value={entry.end}
                onChange={(event) => update(entry.key, { end: event.target.value })}
                inputMode="numeric"
                placeholder="17:00"
                maxLength={5}
                autoComplete="off"
                controlClassName="w-24 text-center"
                error={problems[`${entry.key}:end`]}
              />
              <button
                type="button"
                className="min-h-11 rounded-full px-3 text-sm text-white/70 underline hover:text-pink"
                onClick={() => onChange(ranges.filter((other) => other.key !== entry.key))}
              >
                Remove<span className="sr-only"> {which}</span>
              </button>
            </div>
            {overlap && (
              <p role="alert" className="text-sm text-red-300">
                {overlap}
              </p>
            )}
          </div>
        );
      })}
      {next && (
        <button
          type="button"
          className="self-start rounded-full px-1 py-1 text-sm text-pink underline hover:text-pink-soft"
          onClick={() => onChange([...ranges, next])}
        >
          {ranges.length === 0 ? "Add hours" : "Add more hours"}
          <span className="sr-only"> on {name}</span>
        </button>
      )}
    </div>
  );
}

/** The week: each day's ranges, in the reader's zone. */
export function WeeklyHours({
  weekly,
  problems,
  onChange,
}: {
  weekly: RangeDraft[][];
  problems: Problems;
  onChange: (weekly: RangeDraft[][]) => void;
}) {
  const names = weekdayNames("long");
  const monday = weekly[0] ?? [];
  const setDay = (day: number, ranges: RangeDraft[]) =>
    onChange(weekly.map((current, index) => (index === day ? ranges : current)));
  const copyMonday = () =>
    onChange(
      weekly.map((current, index) =>
        index >= 1 && index <= 4 ? monday.map((entry) => ({ ...entry, key: newKey() })) : current,
      ),
    );
  return (
    <div className="divide-y divide-white/10">
      {names.map((name, day) => (
        <fieldset key={name} className="grid gap-2 py-3 sm:grid-cols-[9rem_1fr]">
          <legend className="sr-only">{name}</legend>
          <div>
            <p aria-hidden="true" className="pt-2 font-semibold text-gold-soft">
              {name}
            </p>
            {(weekly[day] ?? []).length === 0 && <p className="text-sm text-white/50">Not bookable</p>}
          </div>
          <div className="flex flex-col gap-2">
            <RangeList
              name={name}
              ranges={weekly[day] ?? []}
              problems={problems}
              onChange={(ranges) => setDay(day, ranges)}
            />
            {day === 0 && monday.length > 0 && (
              <button
                type="button"
                className="self-start rounded-full px-1 py-1 text-sm text-gold-soft underline hover:text-gold"
                onClick={copyMonday}
              >
                Copy {name}'s hours to {names[1]}–{names[4]}
              </button>
            )}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

/** Dates that differ from the week: a day off, or extra hours. */
export function DateExceptions({
  exceptions,
  problems,
  minDate,
  onChange,
}: {
  exceptions: ExceptionDraft[];
  problems: Problems;
  minDate: string;
  onChange: (exceptions: ExceptionDraft[]) => void;
}) {
  const update = (key: string, change: Partial<ExceptionDraft>) =>
    onChange(exceptions.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));
  return (
    <div className="flex flex-col gap-3">
      {exceptions.length === 0 && (
        <p className="text-sm text-white/60">No dates set apart. Add a day off or a date with extra hours.</p>
      )}
      <ul className="flex flex-col gap-3">
        {exceptions.map((exception, index) => {
          const name = exception.date ? formatDayKey(exception.date) : `Date ${index + 1}`;
          return (
            <li key={exception.key} className="rounded-xl border border-white/10 bg-night/40 p-3">
              <div className="flex flex-wrap items-start gap-3">
                <TextField
                  label="Date"
                  type="date"
                  min={minDate}
                  value={exception.date}
                  onChange={(event) => update(exception.key, { date: event.target.value })}
                  error={problems[`${exception.key}:date`]}
                  controlClassName="[color-scheme:dark]"
                />
                <Select
                  label="What changes"
                  value={exception.kind}
                  onChange={(event) => {
                    const kind = event.target.value === "extra" ? "extra" : "off";
                    const ranges = exception.ranges.length > 0 ? exception.ranges : [range("09:00", "17:00")];
                    update(exception.key, { kind, ranges: kind === "extra" ? ranges : [] });
                  }}
                  error={problems[`${exception.key}:kind`]}
                >
                  <option value="off">Day off (no bookings)</option>
                  <option value="extra">Extra hours</option>
                </Select>
                <button
                  type="button"
                  className="mt-6 min-h-11 rounded-full px-3 text-sm text-white/70 underline hover:text-pink"
                  onClick={() => onChange(exceptions.filter((other) => other.key !== exception.key))}
                >
                  Remove date<span className="sr-only"> {name}</span>
                </button>
              </div>
              {exception.kind === "extra" && (
                <div className="mt-3">
                  <RangeList
                    name={name}
                    ranges={exception.ranges}
                    problems={problems}
                    onChange={(ranges) => update(exception.key, { ranges })}
                  />
                </div>
              )}
              {problems[`${exception.key}:ranges`] && (
                <p role="alert" className="mt-2 text-sm text-red-300">
                  {problems[`${exception.key}:ranges`]}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <Button
        type="button"
        variant="ghost"
        className="self-start"
        onClick={() => onChange([...exceptions, { key: newKey(), date: "", kind: "off", ranges: [] }])}
      >
        Add a date
      </Button>
    </div>
  );
}
