import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { ProviderEvent } from "../../platform/payments/provider.js";
import type { AuditService } from "../audit/audit.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { PaymentsService } from "../payments/payments.service.js";
import type { UsersService } from "../users/users.service.js";
import type { DisputesRepository } from "./disputes.repository.js";
import {
  chargebackKey,
  type DisputeOutcome,
  type DisputeStatus,
  disputeTransition,
} from "./disputes.state.js";
import type { DisputeRow } from "./disputes.tables.js";

export type DisputesService = ReturnType<typeof createDisputesService>;

/** The processor's dispute object, as much of it as we read. */
interface DisputeObject {
  id?: unknown;
  amount?: unknown;
  reason?: unknown;
  status?: unknown;
  payment_intent?: unknown;
}

/** Stripe's closing statuses: an inquiry closed without a chargeback is money returned, like a win. */
const CLOSED_AS: Readonly<Record<string, DisputeOutcome>> = {
  won: "won",
  warning_closed: "won",
  lost: "lost",
};

/**
 * Card disputes of top-ups. The processor's `charge.dispute.created` takes the money back (what
 * the wallet holds, the rest owed) and freezes the wallet; `charge.dispute.closed`, or an admin
 * when the processor's answer came another way, resolves it: won reverses the chargeback and
 * unfreezes the wallet (unless another dispute is open); lost writes off what was owed, the
 * readers' part of the disputed charges back from them, the rest the platform's loss, and the
 * wallet stays frozen until an admin unfreezes it. Every step is audit-logged.
 */
export function createDisputesService(deps: {
  db: Database;
  clock: Clock;
  repository: DisputesRepository;
  ledger: Pick<
    LedgerService,
    "recoverFromWallet" | "reverseChargeback" | "writeOffChargeback" | "setWalletFrozen" | "walletStates"
  >;
  payments: Pick<PaymentsService, "creditedTopUp" | "openSandboxDispute">;
  audit: Pick<AuditService, "record">;
  users: Pick<UsersService, "contactsOf">;
}) {
  const { repository } = deps;

  async function resolve(
    tx: Executor,
    row: DisputeRow,
    outcome: DisputeOutcome,
    by: { actor: Principal | null; note: string | null; requestId: string | null },
  ) {
    const status = disputeTransition(row.status, outcome);
    const key = chargebackKey(row.providerDisputeId);
    let readersCents: number | null = null;
    let lossCents: number | null = null;
    let readers: { userId: string; cents: number; owedCents: number }[] = [];
    if (status === "won") {
      await deps.ledger.reverseChargeback({ chargebackKey: key, userId: row.clientUserId }, tx);
      if (!(await repository.otherOpen(tx, row.clientUserId, row.id)))
        await deps.ledger.setWalletFrozen(row.clientUserId, false, tx);
    } else {
      const written = await deps.ledger.writeOffChargeback(
        { chargebackKey: key, clientUserId: row.clientUserId, since: row.fundsCreditedAt },
        tx,
      );
      readers = written.readers;
      readersCents = written.readers.reduce((sum, reader) => sum + reader.cents, 0);
      lossCents = written.lossCents;
    }
    const closed = await repository.close(tx, row.id, {
      status,
      closedAt: deps.clock.now(),
      closedBy: by.actor?.userId ?? "provider",
      closeNote: by.note,
      readersCents,
      lossCents,
    });
    if (!closed) throw new Error("a locked open dispute could not be closed");
    await deps.audit.record(tx, {
      actor: by.actor ? { userId: by.actor.userId, email: by.actor.email } : null,
      action: status === "won" ? "dispute.won" : "dispute.lost",
      objectType: "dispute",
      objectId: row.id,
      details: {
        clientUserId: row.clientUserId,
        amountCents: row.amountCents,
        fromWalletCents: row.fromWalletCents,
        owedCents: row.owedCents,
        ...(status === "lost" ? { readers, lossCents } : {}),
        ...(by.note ? { reason: by.note } : {}),
      },
      requestId: by.requestId,
    });
    return closed;
  }

  async function opened(tx: Executor, event: ProviderEvent, provider: string, object: DisputeObject) {
    const disputeId = String(object.id);
    const paymentId = typeof object.payment_intent === "string" ? object.payment_intent : null;
    const topUp = paymentId ? await deps.payments.creditedTopUp(tx, provider, paymentId) : null;
    if (!topUp || !paymentId) return { outcome: "unknown_payment" };
    if (await repository.lockByProviderId(tx, provider, disputeId))
      return { outcome: "dispute_already_recorded" };
    const claimed =
      typeof object.amount === "number" && Number.isSafeInteger(object.amount) ? object.amount : 0;
    const amountCents = claimed > 0 ? Math.min(claimed, topUp.amountCents) : topUp.amountCents;
    const booked = await deps.ledger.recoverFromWallet(
      {
        idempotencyKey: chargebackKey(disputeId),
        userId: topUp.userId,
        amountCents,
        code: "chargeback",
        references: { topUpId: topUp.id, providerEventId: event.id, providerPaymentId: paymentId },
        freeze: true,
      },
      tx,
    );
    const row = await repository.insertOpen(tx, {
      provider: provider as "stripe",
      providerDisputeId: disputeId,
      topUpId: topUp.id,
      clientUserId: topUp.userId,
      amountCents,
      reason: typeof object.reason === "string" ? object.reason.slice(0, 100) : null,
      fromWalletCents: booked.fromWalletCents,
      owedCents: booked.owedCents,
      fundsCreditedAt: topUp.completedAt ?? topUp.createdAt,
      openedAt: deps.clock.now(),
    });
    if (!row) return { outcome: "dispute_already_recorded" };
    await deps.audit.record(tx, {
      actor: null,
      action: "dispute.opened",
      objectType: "dispute",
      objectId: row.id,
      details: {
        clientUserId: row.clientUserId,
        amountCents,
        fromWalletCents: row.fromWalletCents,
        owedCents: row.owedCents,
        reason: row.reason,
        topUpId: topUp.id,
      },
      requestId: null,
    });
    return { outcome: "chargeback_booked" };
  }

  async function closedByProvider(tx: Executor, provider: string, object: DisputeObject) {
    const row = await repository.lockByProviderId(tx, provider, String(object.id));
    if (!row) return { outcome: "unknown_dispute" };
    const outcome = typeof object.status === "string" ? CLOSED_AS[object.status] : undefined;
    if (!outcome) return { outcome: "ignored_status" };
    if (row.status !== "open") return { outcome: `ignored_${row.status}` };
    const closed = await resolve(tx, row, outcome, { actor: null, note: null, requestId: null });
    return { outcome: closed.status === "won" ? "chargeback_reversed" : "chargeback_written_off" };
  }

  async function withClients(rows: DisputeRow[]) {
    const clientIds = [...new Set(rows.map((row) => row.clientUserId))];
    const [contacts, wallets] = await Promise.all([
      deps.users.contactsOf(clientIds),
      deps.ledger.walletStates(clientIds),
    ]);
    return rows.map((row) => {
      const wallet = wallets.get(row.clientUserId);
      return {
        ...toDisputeDto(row),
        clientName: contacts.get(row.clientUserId)?.displayName ?? null,
        clientEmail: contacts.get(row.clientUserId)?.email ?? null,
        wallet: {
          balanceCents: wallet?.balanceCents ?? 0,
          frozenAt: wallet?.frozenAt?.toISOString() ?? null,
        },
      };
    });
  }

  async function lockedDispute(tx: Executor, id: string) {
    const row = await repository.lock(tx, id);
    if (!row) throw new DomainError("NOT_FOUND", "No such dispute.");
    return row;
  }

  return {
    /** `charge.dispute.created` and `charge.dispute.closed`, inside the event's transaction. */
    async applyEvent(tx: Executor, event: ProviderEvent, provider: string) {
      const object = event.data.object as DisputeObject;
      if (typeof object.id !== "string" || object.id === "") return { outcome: "malformed_dispute" };
      return event.type === "charge.dispute.created"
        ? opened(tx, event, provider, object)
        : closedByProvider(tx, provider, object);
    },

    async list(query: { status?: DisputeStatus; cursor?: string; limit?: number }) {
      const { cursor, limit = 25, status } = query;
      const rows = await repository.list(deps.db, { status }, decodeCursor(cursor), limit);
      const page = toPage(
        rows.map((row) => ({ ...row, createdAt: row.openedAt })),
        limit,
      );
      const [items, totals] = await Promise.all([withClients(page.items), repository.countByStatus(deps.db)]);
      return { items, nextCursor: page.nextCursor, totals };
    },

    /** Sandbox only: a cardholder disputes this top-up (for trying the dispute queue without Stripe). */
    async openSandboxDispute(topUpId: string) {
      const delivered = await deps.payments.openSandboxDispute(topUpId);
      return { outcome: delivered.outcome };
    },

    /** An admin resolves an open dispute (the processor's answer came by another way). */
    async resolveByAdmin(
      actor: Principal,
      id: string,
      input: { outcome: DisputeOutcome; reason: string },
      requestId: string,
    ) {
      const row = await deps.db.transaction(async (tx) =>
        resolve(tx, await lockedDispute(tx, id), input.outcome, {
          actor,
          note: input.reason.trim(),
          requestId,
        }),
      );
      const [item] = await withClients([row]);
      return item;
    },

    /** An admin unfreezes the wallet of a client whose disputes are all closed. */
    async unfreeze(actor: Principal, id: string, input: { reason: string }, requestId: string) {
      const row = await deps.db.transaction(async (tx) => {
        const row = await lockedDispute(tx, id);
        if (row.status === "open" || (await repository.otherOpen(tx, row.clientUserId, row.id)))
          throw new DomainError(
            "DISPUTE_OPEN",
            "This client has a dispute still open: resolve it before unfreezing the wallet.",
          );
        await deps.ledger.setWalletFrozen(row.clientUserId, false, tx);
        await deps.audit.record(tx, {
          actor: { userId: actor.userId, email: actor.email },
          action: "wallet.unfrozen",
          objectType: "user",
          objectId: row.clientUserId,
          details: { disputeId: row.id, reason: input.reason.trim() },
          requestId,
        });
        return row;
      });
      const [item] = await withClients([row]);
      return item;
    },
  };
}

export function toDisputeDto(row: DisputeRow) {
  return {
    id: row.id,
    provider: row.provider,
    providerDisputeId: row.providerDisputeId,
    topUpId: row.topUpId,
    clientUserId: row.clientUserId,
    amountCents: row.amountCents,
    reason: row.reason,
    status: row.status,
    fromWalletCents: row.fromWalletCents,
    owedCents: row.owedCents,
    readersCents: row.readersCents,
    lossCents: row.lossCents,
    openedAt: row.openedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    closedBy: row.closedBy,
    closeNote: row.closeNote,
  };
}
