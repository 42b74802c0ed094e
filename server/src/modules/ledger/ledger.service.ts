import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import { DomainError } from "../../platform/http/errors.js";
import { createAccountResolver } from "./ledger.accounts.js";
import { createDisputes } from "./ledger.disputes.js";
import { createHolds } from "./ledger.holds.js";
import { createLimits } from "./ledger.limits.js";
import { createPosting } from "./ledger.posting.js";
import { createRefunds } from "./ledger.refunds.js";
import { createLedgerRepository, toPublicReferences } from "./ledger.repository.js";
import type { HouseAccountKind, TransferCode, UserAccountKind } from "./ledger.rules.js";

export type LedgerService = ReturnType<typeof createLedgerService>;

/**
 * The only code that moves money: one façade over posting (transfers), holds, disputes and
 * refunds, and spending limits, each in its own file. Every call carries an idempotency key; a
 * repeated key returns the first result and moves nothing. Balances, immutability and
 * non-negative wallets are also enforced by the database (see migrations/0002_ledger_functions.sql).
 */
export function createLedgerService(deps: { db: Database; clock: Clock }) {
  const repository = createLedgerRepository();
  const accounts = createAccountResolver(repository);
  const { userAccountId } = accounts;
  const { post, ...posting } = createPosting({ ...deps, repository, accounts });
  const shared = { ...deps, repository, accounts, post };
  return {
    ...posting,
    ...createHolds(shared),
    ...createDisputes(shared),
    ...createRefunds(shared),
    ...createLimits({ ...deps, repository }),

    /** Makes sure a user's account exists, committed on its own (before money moves in a transaction). */
    async ensureAccount(userId: string, kind: UserAccountKind) {
      await userAccountId(deps.db, kind, userId);
    },

    async balance(userId: string, kind: UserAccountKind = "wallet") {
      const id = await repository.findUserAccountId(deps.db, kind, userId);
      return id === null ? 0 : repository.balanceOf(deps.db, id);
    },

    /**
     * Many clients' wallets as they stand (committed, or in `db`'s transaction): what each could
     * spend now (0 when frozen or missing). A hint for batching only; posting still decides.
     */
    async spendableBalances(userIds: string[], db: Executor = deps.db) {
      const spendable = new Map<string, number>(userIds.map((userId) => [userId, 0]));
      for (const row of await repository.walletsOf(db, [...new Set(userIds)]))
        if (row.ownerUserId && !row.frozenAt) spendable.set(row.ownerUserId, row.balanceCents);
      return spendable;
    },

    /** Many clients' wallets: balance and when frozen (null: not frozen), committed state. */
    async walletStates(userIds: string[]) {
      const states = new Map<string, { balanceCents: number; frozenAt: Date | null }>();
      for (const row of await repository.walletsOf(deps.db, [...new Set(userIds)]))
        if (row.ownerUserId)
          states.set(row.ownerUserId, { balanceCents: row.balanceCents, frozenAt: row.frozenAt });
      return states;
    },

    houseBalance(kind: HouseAccountKind) {
      return repository.houseBalance(deps.db, kind);
    },

    /**
     * What a user's account of `kind` was credited by transfers of `code`, per UTC day since
     * `from` (days without credits are absent).
     */
    async creditsByDay(userId: string, kind: UserAccountKind, code: TransferCode, from: Date) {
      return repository.creditsByDay(deps.db, { userId, kind, code, from });
    },

    /** What a user's account of `kind` was credited by transfers of `code` for each of these readings. */
    async creditsByReading(userId: string, kind: UserAccountKind, code: TransferCode, readingIds: string[]) {
      if (readingIds.length === 0) return new Map<string, number>();
      return repository.creditsByReading(deps.db, { userId, kind, code, readingIds });
    },

    /**
     * Earnings of these readers: the balance, the part still pending (credited since
     * `pendingSince`, inside the refund window), what they owe (refunds of earnings already paid
     * out) and what is available: past the window, less what they owe first.
     */
    async earningsOf(userIds: string[], pendingSince: Date, db: Executor = deps.db) {
      const rows = await repository.earningsOf(db, [...new Set(userIds)], pendingSince);
      return rows.map((row) => {
        const pastWindowCents = Math.max(0, row.balanceCents - row.pendingCents);
        return {
          ...row,
          /** What pays back the receivable now (from earnings past the window). */
          settleCents: Math.min(pastWindowCents, row.owedCents),
          availableCents: Math.max(0, pastWindowCents - row.owedCents),
        };
      });
    },

    /** Credits to a reader's earnings per UTC day and code since `from` (returned payouts left out). */
    earningsCreditsByDay(userId: string, from: Date) {
      return repository.earningsCreditsByDay(deps.db, userId, from);
    },

    /** A reader's earnings credited and taken back (refunds, lost disputes) per UTC month and code in [from, to). */
    earningsByMonth(userId: string, from: Date, to: Date) {
      return repository.earningsByMonth(deps.db, userId, from, to);
    },

    /** A user's wallet history, newest first, with a cursor; optionally one kind of transfer. */
    async history(userId: string, query: { cursor?: string; limit?: number; code?: TransferCode }) {
      const limit = query.limit ?? 25;
      const beforeId = query.cursor ? Number.parseInt(query.cursor, 36) : null;
      if (beforeId !== null && (!Number.isSafeInteger(beforeId) || beforeId <= 0)) {
        throw new DomainError("VALIDATION_FAILED", "The cursor is not valid.", [
          { path: "/cursor", message: "not a cursor returned by this API" },
        ]);
      }
      const accountId = await repository.findUserAccountId(deps.db, "wallet", userId);
      if (accountId === null) return { items: [], nextCursor: null };
      const rows = await repository.entriesOf(deps.db, accountId, { beforeId, limit, code: query.code });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map((row) => ({
          id: String(row.id),
          transferId: row.transferId,
          code: row.code,
          amountCents: row.amountCents,
          references: toPublicReferences(row.references),
          createdAt: row.createdAt.toISOString(),
        })),
        nextCursor: rows.length > limit && last ? last.id.toString(36) : null,
      };
    },

    /** Checks every invariant over the whole database (what `npm run ledger:verify` prints). */
    verify() {
      return repository.invariantViolations(deps.db);
    },

    /** The admin key figures (money by kind) per UTC day, ISO week or month since `from`. */
    async figuresByBucket(unit: "day" | "week" | "month", from: Date) {
      const rows = await repository.figuresByBucket(deps.db, unit, from);
      for (const row of rows)
        for (const [name, value] of Object.entries(row))
          if (name !== "bucket" && !Number.isSafeInteger(value))
            throw new Error(`ledger figure ${name} of ${row.bucket} is not a safe integer`);
      return rows;
    },
  };
}
