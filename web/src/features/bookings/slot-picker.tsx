import { useEffect, useId, useMemo, useState } from "react";
import { Alert, Button, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { MonthDays } from "./month-calendar";
import { type BookingModality, useSlots } from "./queries";
import {
  addMonths,
  dayKeyOf,
  formatDateTime,
  formatDayKey,
  formatMonth,
  formatTime,
  groupByDay,
  lastBookableDay,
  monthOf,
  monthWindow,
  todayIn,
  viewerTimeZone,
  zoneLabel,
} from "./time";
import { TimeZoneSelect } from "./time-zone-select";

/** The zones offered first in a "show times in" select: the viewer's own, then the reader's. */
export function suggestedZones(readerTimeZone: string | null) {
  const mine = viewerTimeZone();
  const zones = [{ zone: mine, label: `Your time zone (${mine.replaceAll("_", " ")})` }];
  if (readerTimeZone && readerTimeZone !== mine)
    zones.push({ zone: readerTimeZone, label: `The reader's (${readerTimeZone.replaceAll("_", " ")})` });
  return zones;
}

/**
 * A month calendar of a reader's open slots for one modality and length, then the chosen day's
 * times as buttons, all in `zone` (labelled, with a select to see another zone). Days without an
 * open time are disabled. Used to book and to move a booking.
 */
export function SlotPicker({
  readerUserId,
  modality,
  lengthMinutes,
  horizonDays,
  readerTimeZone,
  selected,
  onSelect,
  zone,
  onZoneChange,
}: {
  readerUserId: string;
  modality: BookingModality;
  lengthMinutes: number;
  horizonDays: number;
  readerTimeZone: string | null;
  selected: string | null;
  onSelect: (startsAt: string | null) => void;
  zone: string;
  onZoneChange: (zone: string) => void;
}) {
  const id = useId();
  const today = todayIn(zone);
  const lastDay = lastBookableDay(zone, horizonDays);
  const firstMonth = monthOf(new Date().toISOString(), zone);
  const lastMonth = `${lastDay.slice(0, 8)}01`;
  const [month, setMonth] = useState(() => (selected ? monthOf(selected, zone) : firstMonth));
  const [pickedDay, setPickedDay] = useState<string | null>(null);
  const slotWindow = useMemo(() => {
    const range = monthWindow(month, zone, horizonDays);
    return range ? { modality, lengthMinutes, ...range } : null;
  }, [month, zone, horizonDays, modality, lengthMinutes]);
  const slots = useSlots(readerUserId, slotWindow);
  const byDay = useMemo(() => groupByDay(slots.data?.slots ?? [], zone), [slots.data, zone]);
  const selectedDay = selected ? dayKeyOf(selected, zone) : pickedDay;
  const day = selectedDay && byDay.has(selectedDay) ? selectedDay : null;
  const daySlots = day ? (byDay.get(day) ?? []) : [];
  const showMonth = (next: string) => {
    setMonth(next);
    setPickedDay(null);
  };
  const noneThisMonth = slots.isSuccess && byDay.size === 0;
  // The chosen time was taken meanwhile (or a link brought back a time no longer open): say so.
  const [goneSlot, setGoneSlot] = useState<string | null>(null);
  useEffect(() => {
    if (!selected || !slots.data || slots.isFetching) return;
    const at = Date.parse(selected);
    if (at < Date.parse(slots.data.from) || at >= Date.parse(slots.data.to)) return;
    if (slots.data.slots.includes(selected)) return;
    setGoneSlot(selected);
    onSelect(null);
  }, [selected, slots.data, slots.isFetching, onSelect]);

  return (
    <div className="flex flex-col gap-4">
      <TimeZoneSelect
        label="Show times in"
        value={zone}
        onChange={onZoneChange}
        pinned={suggestedZones(readerTimeZone)}
        hint={`Times below are ${zoneLabel(zone)}.`}
      />
      <div className="rounded-xl border border-white/10 bg-night/40 p-3 sm:p-4">
        <div className="flex items-center justify-between gap-2">
          <Button
            variant="ghost"
            className="px-3"
            disabled={month <= firstMonth}
            onClick={() => showMonth(addMonths(month, -1))}
            aria-label="Previous month"
          >
            <span aria-hidden="true">‹</span>
          </Button>
          <h3
            id={`${id}-month`}
            className="font-body text-lg font-semibold text-gold-soft"
            aria-live="polite"
          >
            {formatMonth(month)}
          </h3>
          <Button
            variant="ghost"
            className="px-3"
            disabled={month >= lastMonth}
            onClick={() => showMonth(addMonths(month, 1))}
            aria-label="Next month"
          >
            <span aria-hidden="true">›</span>
          </Button>
        </div>
        <MonthDays
          labelledBy={`${id}-month`}
          month={month}
          today={today}
          lastDay={lastDay}
          byDay={byDay}
          loading={slots.isLoading}
          selectedDay={day}
          onPick={(next) => {
            setPickedDay(next);
            if (selected && dayKeyOf(selected, zone) !== next) onSelect(null);
          }}
        />
        {slots.isLoading && <Spinner label="Finding open times" />}
        {slots.error && (
          <div className="mt-3 flex flex-col gap-2">
            <Alert>{friendlyMessage(slots.error)}</Alert>
            <Button variant="ghost" className="self-start" onClick={() => slots.refetch()}>
              Try again
            </Button>
          </div>
        )}
        {noneThisMonth && (
          <p className="mt-3 text-center text-sm text-white/70" role="status">
            No open times left in {formatMonth(month)}.{" "}
            {month < lastMonth && (
              <button
                type="button"
                className="text-pink underline"
                onClick={() => showMonth(addMonths(month, 1))}
              >
                See {formatMonth(addMonths(month, 1))}
              </button>
            )}
          </p>
        )}
      </div>
      {goneSlot && !selected && (
        <Alert kind="info">
          {formatDateTime(goneSlot, zone)} is no longer open. Please pick another time.
        </Alert>
      )}
      {day ? (
        <fieldset>
          <legend className="mb-2 text-sm font-semibold text-gold-soft">
            Open times on {formatDayKey(day)} ({zoneLabel(zone, daySlots[0])})
          </legend>
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4">
            {daySlots.map((slot) => (
              <li key={slot}>
                <button
                  type="button"
                  aria-pressed={slot === selected}
                  onClick={() => onSelect(slot === selected ? null : slot)}
                  className="min-h-11 w-full rounded-full border border-pink/50 px-2 py-2 text-sm transition hover:bg-pink/10 aria-pressed:bg-pink aria-pressed:font-semibold aria-pressed:text-night"
                >
                  {formatTime(slot, zone)}
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : (
        slots.isSuccess &&
        !noneThisMonth && (
          <p className="text-sm text-white/70">Pick a highlighted day to see its open times.</p>
        )
      )}
    </div>
  );
}
