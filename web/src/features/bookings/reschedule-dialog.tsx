import { useState } from "react";
import { Alert, Button, Spinner } from "../../components/ui";
import { ApiError, friendlyMessage } from "../../lib/api/client";
import { SLOT_GONE_CODES } from "./booking-error";
import { Modal } from "./modal";
import { type Booking, useBookingOptions, useRescheduleBooking } from "./queries";
import { SlotPicker } from "./slot-picker";
import { formatDateTime, viewerTimeZone, zoneLabel } from "./time";

/** Moves a booking (once, for free, 24 h or more ahead) to another open time of the same reader. */
export function RescheduleDialog({
  booking,
  onClose,
  onMoved,
}: {
  booking: Booking;
  onClose: () => void;
  onMoved: (message: string) => void;
}) {
  const options = useBookingOptions(booking.readerUserId);
  const move = useRescheduleBooking(booking.id, booking.readerUserId);
  const [zone, setZone] = useState(viewerTimeZone);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  return (
    <Modal title="Move your booking" onClose={onClose} wide>
      {(close, descriptionId) => (
        <div className="mt-3 flex flex-col gap-4">
          <p id={descriptionId} className="text-white/80">
            Now: {formatDateTime(booking.startsAt, zone)} ({zoneLabel(zone, booking.startsAt)}). You can move
            a booking once, for free; the same amount stays held.
          </p>
          {options.isLoading && <Spinner label="Loading open times" />}
          {options.error && <Alert>{friendlyMessage(options.error)}</Alert>}
          {options.data && !options.data.bookable && (
            <Alert kind="info">
              {booking.readerName} is not taking bookings now. You can cancel instead.
            </Alert>
          )}
          {options.data?.bookable && (
            <SlotPicker
              readerUserId={booking.readerUserId}
              modality={booking.modality}
              lengthMinutes={booking.lengthMinutes}
              horizonDays={options.data.horizonDays}
              readerTimeZone={options.data.readerTimeZone}
              selected={startsAt}
              onSelect={(next) => {
                move.reset();
                setStartsAt(next);
              }}
              zone={zone}
              onZoneChange={setZone}
            />
          )}
          {move.error && (
            <Alert
              kind={move.error instanceof ApiError && SLOT_GONE_CODES.has(move.error.code) ? "info" : "error"}
            >
              {move.error instanceof ApiError && move.error.code === "SLOT_TAKEN"
                ? "Someone booked that time a moment before you. Your booking is unchanged; please pick another time."
                : friendlyMessage(move.error)}
            </Alert>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="ghost" onClick={close}>
              Keep the current time
            </Button>
            <Button
              disabled={!startsAt || move.isPending}
              onClick={() => {
                if (!startsAt) return;
                move.mutate(startsAt, {
                  onSuccess: (data) => {
                    onMoved(
                      `Moved to ${formatDateTime(data.booking.startsAt, zone)} (${zoneLabel(zone, data.booking.startsAt)}).`,
                    );
                    close();
                  },
                  onError: (error) => {
                    if (error instanceof ApiError && SLOT_GONE_CODES.has(error.code)) setStartsAt(null);
                  },
                });
              }}
            >
              {move.isPending
                ? "Moving…"
                : startsAt
                  ? `Move to ${formatDateTime(startsAt, zone)}`
                  : "Pick a new time"}
            </Button>
          </div>
        </div>
      )}
    </Modal>
  );
}
