import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import type { PayoutProvider } from "../../platform/payments/payouts-provider.js";
import type { ProviderEvent } from "../../platform/payments/provider.js";
import type { AuditService } from "../audit/audit.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { UsersService } from "../users/users.service.js";
import { createPayoutAccounts } from "./payouts.accounts.js";
import { createPayoutsAdmin } from "./payouts.admin.js";
import { createPayoutsRepository } from "./payouts.repository.js";
import { createPayoutRun } from "./payouts.run.js";
import { nextPayoutRunAt } from "./payouts.state.js";
import { createStatements } from "./payouts.statement.js";
import { createPayoutSteps, type SettledPayout } from "./payouts.steps.js";
import { createTransferSender } from "./payouts.transfers.js";
import { chartFrom, earningsChart, toAccountDto, toPayoutDto } from "./payouts.view.js";

export interface PayoutsSettings {
  hourUtc: number;
  minimumCents: number;
  pendingMs: number;
  ratePerSecond: number;
  concurrency: number;
  retryBaseMs: number;
}

export type PayoutsService = ReturnType<typeof createPayoutsService>;

/**
 * Reader payouts: a connected payout account, the daily run (exactly once per reader and day,
 * finished by its reconciler after any crash), the reader's payouts page and the admin's tools.
 */
export function createPayoutsService(deps: {
  db: Database;
  ledger: LedgerService;
  audit: Pick<AuditService, "record" | "recordMany">;
  users: Pick<UsersService, "contactsOf">;
  provider: PayoutProvider;
  clock: Clock;
  logger: FastifyBaseLogger;
  publicOrigin: string;
  settings: PayoutsSettings;
  deliverSandboxEvent: ((type: string, object: Record<string, unknown>) => Promise<unknown>) | null;
  notify(settled: readonly SettledPayout[]): Promise<void>;
}) {
  const { settings } = deps;
  const repository = createPayoutsRepository();
  const steps = createPayoutSteps({ ...deps, repository });
  const sender = createTransferSender({ provider: deps.provider, ...settings });
  const run = createPayoutRun({
    ...deps,
    repository,
    steps,
    sender,
    minimumCents: settings.minimumCents,
    pendingMs: settings.pendingMs,
    onSettled: deps.notify,
  });
  const accounts = createPayoutAccounts({ ...deps, repository, minimumCents: settings.minimumCents });
  const admin = createPayoutsAdmin({ ...deps, repository, steps, run, pendingMs: settings.pendingMs });

  return {
    ...accounts,
    ...createStatements({ ...deps, repository }),
    admin,
    run,

    /** The reader's payouts page: balances by stage, next payout, threshold, history and chart. */
    async mine(principal: Principal) {
      const now = deps.clock.now();
      const pendingSince = new Date(now.getTime() - settings.pendingMs);
      const [account, [earnings], totals, credits, history] = await Promise.all([
        repository.findAccount(deps.db, principal.userId),
        deps.ledger.earningsOf([principal.userId], pendingSince),
        repository.totalsOf(deps.db, principal.userId),
        deps.ledger.earningsCreditsByDay(principal.userId, chartFrom(now)),
        repository.list(deps.db, { readerUserId: principal.userId }, null, 10),
      ]);
      const page = toPage(history, 10);
      return {
        account: toAccountDto(account, settings.minimumCents),
        availableCents: earnings?.availableCents ?? 0,
        pendingCents: Math.min(earnings?.pendingCents ?? 0, earnings?.balanceCents ?? 0),
        owedCents: earnings?.owedCents ?? 0,
        inTransitCents: totals.get("in_transit") ?? 0,
        paidCents: totals.get("paid") ?? 0,
        pendingHours: Math.round(settings.pendingMs / 3_600_000),
        nextPayoutAt: nextPayoutRunAt(now, settings.hourUtc).toISOString(),
        chart: earningsChart(credits, now),
        history: { items: page.items.map(toPayoutDto), nextCursor: page.nextCursor },
      };
    },

    async history(principal: Principal, query: { cursor?: string; limit?: number }) {
      const limit = query.limit ?? 25;
      const rows = await repository.list(
        deps.db,
        { readerUserId: principal.userId },
        decodeCursor(query.cursor),
        limit,
      );
      const page = toPage(rows, limit);
      return { items: page.items.map(toPayoutDto), nextCursor: page.nextCursor };
    },

    /** Provider events this module applies (through the payments webhook path). */
    async applyEvent(tx: Executor, event: ProviderEvent, provider: string) {
      if (event.type === "account.updated")
        return { outcome: await accounts.applyAccountUpdated(tx, event, provider) };
      const object = event.data.object as { id?: string };
      const payout = object.id ? await repository.findPayoutByTransfer(tx, provider, object.id) : null;
      if (!payout) return { outcome: "unknown_transfer" };
      const reversed = await steps.reverse(tx, payout, "The payout provider reversed the transfer.");
      if (!reversed) return { outcome: "already_reversed" };
      return { outcome: "payout_reversed", afterCommit: () => deps.notify([reversed]) };
    },
  };
}
