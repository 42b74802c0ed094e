import { DomainError } from "../../platform/http/errors.js";

/**
 * A card dispute's states. `open`: the card processor took the money back (what the wallet held,
 * the rest booked as owed) and the client's wallet is frozen; `won`: the processor returned it, the
 * chargeback is reversed; `lost`: the processor kept it, what was owed is written off (the
 * readers' part of the disputed charges, the rest the platform's loss).
 */
export const DISPUTE_STATUSES = ["open", "won", "lost"] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export type DisputeOutcome = "won" | "lost";

const TRANSITIONS: Readonly<Record<DisputeStatus, readonly DisputeStatus[]>> = {
  open: ["won", "lost"],
  won: [],
  lost: [],
};

/** Whether the machine defines `from` → `to`. */
export const canMove = (from: DisputeStatus, to: DisputeStatus) => TRANSITIONS[from].includes(to);

/** `to`, or a typed 409 for a move the machine does not define. */
export function disputeTransition(from: DisputeStatus, to: DisputeStatus): DisputeStatus {
  if (!canMove(from, to))
    throw new DomainError("INVALID_TRANSITION", `A dispute that is ${from} cannot become ${to}.`);
  return to;
}

/** The ledger key of a dispute's chargeback (the write-off and reversal keys derive from it). */
export const chargebackKey = (providerDisputeId: string) => `chargeback:${providerDisputeId}`;
