import { useState } from "react";
import { Alert, Button, Spinner, TextArea } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { Modal } from "./modal";
import { type Booking, useCancelBooking, useCancellationQuote } from "./queries";
import { formatDateTime, viewerTimeZone } from "./time";

/** Asks before cancelling: first what cancelling now gives back (and by which rule), then cancels. */
export function CancelBookingDialog({
  booking,
  onClose,
  onCancelled,
}: {
  booking: Booking;
  onClose: () => void;
  onCancelled: (message: string) => void;
}) {
  const quote = useCancellationQuote(booking.id);
  const cancel = useCancelBooking(booking.id);
  const [reason, setReason] = useState("");
  const asClient = booking.role === "client";
  const other = asClient ? booking.readerName : booking.clientName;
  return (
    <Modal title="Cancel this booking?" onClose={onClose}>
      {(close, descriptionId) => (
        <form
          className="mt-3 flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            cancel.mutate(reason, {
              onSuccess: (data) => {
                const refunded = data.booking.refundedCents ?? quote.data?.refundCents ?? 0;
                onCancelled(
                  asClient
                    ? `Booking cancelled. ${formatCents(refunded)} is back in your wallet.`
                    : `Booking cancelled. ${booking.clientName} gets ${formatCents(refunded)} back; we told them.`,
                );
                close();
              },
            });
          }}
        >
          <p id={descriptionId} className="text-white/80">
            Your {booking.lengthMinutes}-minute {booking.modality} reading with {other} on{" "}
            {formatDateTime(booking.startsAt, viewerTimeZone())}.
          </p>
          {quote.isLoading && <Spinner label="Working out the refund" />}
          {quote.error && <Alert>{friendlyMessage(quote.error)}</Alert>}
          {quote.data && (
            <div className="rounded-xl border border-gold/40 bg-gold/5 p-4" role="status">
              <p className="text-lg">
                {asClient ? "You get back " : `${booking.clientName} gets back `}
                <strong className="text-gold-soft" data-testid="refund-amount">
                  {formatCents(quote.data.refundCents)}
                </strong>{" "}
                of {formatCents(booking.priceCents)}.
              </p>
              {quote.data.capturedCents > 0 && (
                <p className="mt-1 text-sm text-white/75">
                  {formatCents(quote.data.capturedCents)} is paid to {booking.readerName}.
                </p>
              )}
              <p className="mt-2 text-sm text-white/70">{quote.data.rule}</p>
            </div>
          )}
          <TextArea
            label={`Reason (optional, shown to ${other})`}
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          {cancel.error && <Alert>{friendlyMessage(cancel.error)}</Alert>}
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="ghost" onClick={close}>
              Keep the booking
            </Button>
            <Button type="submit" disabled={cancel.isPending || !quote.data}>
              {cancel.isPending ? "Cancelling…" : "Cancel booking"}
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
