import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { PayoutAccountRow, PayoutRow, PayoutsRepository } from "./payouts.repository.js";
import { providerTransferKey } from "./payouts.state.js";
import type { PayoutIntent, PayoutSteps, SettledPayout } from "./payouts.steps.js";
import type { TransferSender } from "./payouts.transfers.js";

/** Readers read, paid and settled together in one step of the daily run. */
export const PAYOUT_BATCH = 500;
/** The most pages one run reads (50,000 per page step × this is far above any reader count). */
const MAX_PAGES = 10_000;

export interface PayoutRunReport {
  day: string;
  paid: number;
  failed: number;
  unfinished: number;
  reconciled: number;
  paidCents: number;
}

/**
 * The daily payout run and its reconciler. Each payout goes through three steps — made (ledger
 * and row), sent (the provider's transfer, same key on every attempt), settled (confirmed or
 * returned) — and any step may be cut short by a crash: the reconciler, run first every time,
 * finds or makes the transfer of every payout still in transit and settles it.
 */
export function createPayoutRun(deps: {
  db: Database;
  ledger: Pick<LedgerService, "earningsOf">;
  repository: PayoutsRepository;
  steps: PayoutSteps;
  sender: TransferSender;
  clock: Clock;
  logger: FastifyBaseLogger;
  minimumCents: number;
  pendingMs: number;
  /** Tells others what settled (emails); after commit, failures only logged. */
  onSettled(settled: readonly SettledPayout[]): Promise<void>;
}) {
  const { repository, steps } = deps;
  const requestOf = (payout: PayoutRow) => ({
    payoutId: payout.id,
    accountId: payout.providerAccountId,
    amountCents: payout.amountCents,
    idempotencyKey: providerTransferKey(payout.id),
  });

  async function announce(settled: readonly SettledPayout[]) {
    try {
      await deps.onSettled(settled);
    } catch (error) {
      deps.logger.error({ err: error }, "telling readers about their payouts failed");
    }
  }

  /** Sends and settles payouts just made; answers what settled and what is still unfinished. */
  async function sendAndSettle(made: readonly PayoutRow[], reconcile: boolean) {
    if (made.length === 0) return { settled: [], unfinished: [] as string[] };
    const requests = made.map(requestOf);
    const outcomes = reconcile ? await deps.sender.finish(requests) : await deps.sender.send(requests);
    const result = await steps.settle(new Map(made.map((payout) => [payout.id, payout])), outcomes);
    await announce(result.settled);
    return result;
  }

  /** The payouts due for a page of ready accounts: available earnings at or above the threshold. */
  async function intentsFor(accounts: readonly PayoutAccountRow[], day: string): Promise<PayoutIntent[]> {
    const pendingSince = new Date(deps.clock.now().getTime() - deps.pendingMs);
    const rows = await deps.ledger.earningsOf(
      accounts.map((account) => account.readerUserId),
      pendingSince,
    );
    const earnings = new Map(rows.map((row) => [row.userId, row]));
    return accounts.flatMap((account) => {
      const row = earnings.get(account.readerUserId);
      const cents = row?.availableCents ?? 0;
      if (cents < Math.max(deps.minimumCents, account.thresholdCents ?? 0)) return [];
      return [
        {
          readerUserId: account.readerUserId,
          idempotencyKey: `auto:${account.readerUserId}:${day}`,
          trigger: "auto" as const,
          amountCents: cents,
          settleCents: row?.settleCents ?? 0,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        },
      ];
    });
  }

  /** Finishes every payout left in transit (by a crash, or unanswered calls). */
  async function reconcile() {
    const seen = new Set<string>();
    let reconciled = 0;
    let unfinished = 0;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const open = (await repository.inTransit(deps.db, PAYOUT_BATCH + seen.size)).filter(
        (payout) => !seen.has(payout.id),
      );
      if (open.length === 0) break;
      const batch = open.slice(0, PAYOUT_BATCH);
      for (const payout of batch) seen.add(payout.id);
      const result = await sendAndSettle(batch, true);
      reconciled += result.settled.length;
      unfinished += result.unfinished.length;
    }
    return { reconciled, unfinished };
  }

  async function payDay(day: string): Promise<PayoutRunReport> {
    const first = await reconcile();
    const report: PayoutRunReport = {
      day,
      paid: 0,
      failed: 0,
      unfinished: first.unfinished,
      reconciled: first.reconciled,
      paidCents: 0,
    };
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const accounts = await repository.readyAccounts(deps.db, after, PAYOUT_BATCH);
      if (accounts.length === 0) break;
      after = accounts.at(-1)?.readerUserId ?? null;
      const made = await steps.make(await intentsFor(accounts, day), null);
      const result = await sendAndSettle(made, false);
      for (const entry of result.settled) {
        if (entry.status === "paid") {
          report.paid += 1;
          report.paidCents += entry.payout.amountCents;
        } else report.failed += 1;
      }
      report.unfinished += result.unfinished.length;
      if (accounts.length < PAYOUT_BATCH) break;
    }
    if (report.unfinished === 0) await repository.finishRun(deps.db, { ...report, at: deps.clock.now() });
    return report;
  }

  let queue: Promise<unknown> = Promise.resolve();

  return {
    sendAndSettle,
    reconcile,

    /**
     * Pays every ready, not held reader whose available earnings reach their threshold, once per
     * reader per day (key `auto:<reader>:<day>`); safe to run again and after any crash. One run
     * at a time on this node (the job and a resume after a restart may ask together).
     */
    daily(day: string): Promise<PayoutRunReport> {
      const next = queue.then(() => payDay(day));
      queue = next.catch(() => undefined);
      return next;
    },

    /** Whether the day's run finished with nothing left in transit. */
    async finished(day: string) {
      return (await repository.runFinished(deps.db, day)) !== null;
    },
  };
}

export type PayoutRun = ReturnType<typeof createPayoutRun>;
