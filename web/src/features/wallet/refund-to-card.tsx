import { useState } from "react";
import { Alert, Button } from "../../components/ui";
import { formatCents, friendlyMessage } from "../../lib/api/client";
import { useRefundToCard } from "./queries";

const newKey = () => crypto.randomUUID().replaceAll("-", "");

/** "Refund my balance to my card": asks once, then shows what goes back to which card payment. */
export function RefundToCard({ balanceCents }: { balanceCents: number }) {
  const refund = useRefundToCard();
  const [key, setKey] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-3">
      <h2 className="text-4xl text-gold">Withdraw</h2>
      <p className="text-white/80">
        Send your balance back to the card you topped up with, newest top-up first. Money that did not come
        from a card (a credit from support) stays in your wallet.
      </p>
      {key === null ? (
        <Button
          variant="ghost"
          className="self-start"
          disabled={balanceCents <= 0}
          onClick={() => {
            setKey(newKey());
            refund.reset();
          }}
        >
          Refund my balance to my card
        </Button>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <p>Send up to {formatCents(balanceCents)} back to your card?</p>
          <Button
            disabled={refund.isPending}
            onClick={() => refund.mutate(key, { onSettled: () => setKey(null) })}
          >
            {refund.isPending ? "Sending…" : "Yes, refund to my card"}
          </Button>
          <Button variant="ghost" disabled={refund.isPending} onClick={() => setKey(null)}>
            Cancel
          </Button>
        </div>
      )}
      <div aria-live="polite">
        {refund.error && <Alert>{friendlyMessage(refund.error)}</Alert>}
        {refund.data && (
          <Alert kind="success">
            {formatCents(refund.data.refundedCents)} is on its way back to your card
            {refund.data.refunds.some((row) => row.status === "pending")
              ? " (the card processor is still confirming)"
              : ""}
            . Card refunds usually show within 5–10 business days.
          </Alert>
        )}
      </div>
    </div>
  );
}
