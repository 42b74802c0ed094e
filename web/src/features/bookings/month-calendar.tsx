import type { KeyboardEvent } from "react";
import { formatDayKey, monthGrid, weekdayNames } from "./time";

/**
 * A month of days, Monday first: the days with open times are buttons (one tab stop for the
 * month; arrow keys move between them), the others disabled.
 */
export function MonthDays({
  labelledBy,
  month,
  today,
  lastDay,
  byDay,
  loading,
  selectedDay,
  onPick,
}: {
  labelledBy: string;
  month: string;
  today: string;
  lastDay: string;
  byDay: Map<string, string[]>;
  loading: boolean;
  selectedDay: string | null;
  onPick: (day: string) => void;
}) {
  const weeks = monthGrid(month);
  // One tab stop for the whole month (the chosen day, else the first open one); arrows move inside.
  const isOpen = (day: string) => (byDay.get(day)?.length ?? 0) > 0 && day >= today && day <= lastDay;
  const tabStop =
    selectedDay ?? weeks.flat().find((day): day is string => day !== null && isOpen(day)) ?? null;
  const names = weekdayNames("short");
  const longNames = weekdayNames("long");
  // Arrow keys move between the open days.
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }[event.key];
    if (!step || !(event.target instanceof HTMLButtonElement)) return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button[data-day]")];
    const from = buttons.indexOf(event.target);
    for (let index = from + step; index >= 0 && index < buttons.length; index += step) {
      const candidate = buttons[index];
      if (candidate && !candidate.disabled) {
        event.preventDefault();
        candidate.focus();
        return;
      }
    }
  };
  return (
    <table
      className="mt-3 w-full table-fixed border-separate border-spacing-1"
      aria-labelledby={labelledBy}
      onKeyDown={onKeyDown}
    >
      <thead>
        <tr>
          {names.map((name, index) => (
            <th key={name} scope="col" className="py-1 text-xs font-normal text-white/60">
              <abbr title={longNames[index]} className="no-underline">
                {name}
              </abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week.find(Boolean) ?? ""}>
            {week.map((day, index) => (
              <td key={day ?? `pad-${index}`} className="p-0 text-center">
                {day && (
                  <DayButton
                    day={day}
                    count={byDay.get(day)?.length ?? 0}
                    outside={day < today || day > lastDay}
                    loading={loading}
                    today={day === today}
                    selected={day === selectedDay}
                    tabStop={day === tabStop}
                    onPick={onPick}
                  />
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayButton({
  day,
  count,
  outside,
  loading,
  today,
  selected,
  tabStop,
  onPick,
}: {
  day: string;
  tabStop: boolean;
  count: number;
  outside: boolean;
  loading: boolean;
  today: boolean;
  selected: boolean;
  onPick: (day: string) => void;
}) {
  const open = count > 0 && !outside;
  const label = `${formatDayKey(day)}: ${
    loading ? "loading" : open ? `${count} open ${count === 1 ? "time" : "times"}` : "no open times"
  }`;
  return (
    <button
      type="button"
      data-day={day}
      disabled={!open}
      aria-pressed={open ? selected : undefined}
      aria-current={today ? "date" : undefined}
      aria-label={label}
      tabIndex={tabStop ? 0 : -1}
      onClick={() => onPick(day)}
      className={`relative mx-auto flex aspect-square w-full max-w-12 items-center justify-center rounded-full text-sm transition ${
        selected
          ? "bg-pink font-semibold text-night"
          : open
            ? "border border-pink/60 text-white hover:bg-pink/15"
            : "text-white/30"
      } ${today && !selected ? "ring-1 ring-gold/70" : ""} disabled:cursor-not-allowed`}
    >
      {Number(day.slice(8))}
      {open && !selected && (
        <span aria-hidden="true" className="absolute bottom-1 size-1 rounded-full bg-gold" />
      )}
    </button>
  );
}
