import { useMemo } from "react";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { ApiError, formatCents, friendlyMessage } from "../../lib/api/client";
import { MODALITY_LABEL } from "../readings/reading-format";
import { type AvailabilityEnvelope, useSlots } from "./queries";
import { dayKeyOf, formatDayKey, formatTime, groupByDay, nextWeekWindow, zoneLabel } from "./time";

/**
 * Next week (Monday to Monday in the reader's zone) as a client would see it, from the saved hours:
 * the open times of the first modality and length offered, day by day, in the reader's zone.
 */
export function AvailabilityPreview({
  readerUserId,
  saved,
  unsavedChanges,
}: {
  readerUserId: string;
  saved: AvailabilityEnvelope;
  unsavedChanges: boolean;
}) {
  const { availability, scheduledRateCents } = saved;
  const zone = availability.timeZone;
  const modality = availability.modalities[0] ?? "chat";
  const lengthMinutes = availability.lengthsMinutes[0] ?? 30;
  const ready = saved.saved && scheduledRateCents !== null;
  const slotWindow = useMemo(
    () => (ready ? { modality, lengthMinutes, ...nextWeekWindow(zone) } : null),
    [ready, modality, lengthMinutes, zone],
  );
  const slots = useSlots(readerUserId, slotWindow);
  const days = useMemo(() => {
    if (!slotWindow) return [];
    const byDay = groupByDay(slots.data?.slots ?? [], zone);
    return Array.from({ length: 7 }, (_, index) => {
      const key = dayKeyOf(
        new Date(Date.parse(slotWindow.from) + (index * 24 + 12) * 3_600_000).toISOString(),
        zone,
      );
      return { key, slots: byDay.get(key) ?? [] };
    });
  }, [slotWindow, slots.data, zone]);
  const total = days.reduce((sum, day) => sum + day.slots.length, 0);
  return (
    <Card>
      <h2 className="text-4xl text-gold">Preview: next week</h2>
      {!ready ? (
        <p className="mt-2 text-white/70">
          {scheduledRateCents === null
            ? "Set a rate for booked readings first; then the times clients can book show here."
            : "Save your hours to see the times clients can book next week."}
        </p>
      ) : (
        <>
          <p className="mt-1 text-white/75">
            What a client sees for a {lengthMinutes}-minute{" "}
            {MODALITY_LABEL[modality]?.toLowerCase() ?? modality} reading (
            {formatCents(scheduledRateCents * lengthMinutes)}), in {zoneLabel(zone)}. Minimum notice and
            bookings you already have are taken into account.
          </p>
          {unsavedChanges && (
            <p className="mt-2 text-sm text-gold-soft" role="status">
              You have unsaved changes: the preview shows your saved hours.
            </p>
          )}
          {slots.isLoading && <Spinner label="Working out next week's times" />}
          {slots.error && (
            <div className="mt-3 flex flex-col gap-2">
              <Alert>
                {slots.error instanceof ApiError && slots.error.code === "NOT_FOUND"
                  ? "Your profile is not listed right now, so clients cannot book you and there is nothing to preview."
                  : friendlyMessage(slots.error)}
              </Alert>
              <Button variant="ghost" className="self-start" onClick={() => slots.refetch()}>
                Try again
              </Button>
            </div>
          )}
          {slots.isSuccess && (
            <>
              <p className="mt-3 text-sm text-white/70" role="status">
                {total === 0
                  ? "No open times next week. Add hours, or check the days off and the minimum notice."
                  : `${total} open ${total === 1 ? "time" : "times"} next week.`}
              </p>
              <ul className="mt-3 grid gap-3 sm:grid-cols-2">
                {days.map((day) => (
                  <li key={day.key} className="rounded-xl border border-white/10 bg-night/40 p-3">
                    <p className="font-semibold text-gold-soft">{formatDayKey(day.key)}</p>
                    {day.slots.length === 0 ? (
                      <p className="text-sm text-white/50">No open times</p>
                    ) : (
                      <ul
                        className="mt-2 flex flex-wrap gap-1.5"
                        aria-label={`Open times on ${formatDayKey(day.key)}`}
                      >
                        {day.slots.map((slot) => (
                          <li key={slot} className="rounded-full border border-pink/40 px-2.5 py-0.5 text-sm">
                            {formatTime(slot, zone)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Card>
  );
}
