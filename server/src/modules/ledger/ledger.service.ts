import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import { DomainError } from "../../platform/http/errors.js";
import {
  createLedgerRepository,
  type HoldRow,
  type InsertingHold,
  type PostInput,
  type ResolvingHold,
  toPublicReferences,
} from "./ledger.repository.js";
import {
  HOUSE_SHARDS,
  type HouseAccountKind,
  type LedgerAccountKind,
  type TransferCode,
  USER_ACCOUNT_KINDS,
  type UserAccountKind,
} from "./ledger.tables.js";
import { splitReaderShare } from "./split.js";

/** No single amount may exceed $10,000,000.00: far above any real charge, far below 2^53. */
export const MAX_AMOUNT_CENTS = 1_000_000_000;
/** The most transfers one set-based call posts (one statement, one lock step). */
export const MAX_TRANSFERS_PER_CALL = 5_000;

export const SPENDING_PERIODS = ["daily", "weekly", "monthly"] as const;
export type SpendingPeriod = (typeof SPENDING_PERIODS)[number];
/** Raising or removing a limit takes effect only after this long (product.md section 2). */
export const LIMIT_RAISE_DELAY_MS = 24 * 60 * 60 * 1000;

/** Codes whose debit of a client's wallet is spending, counted against spending limits. */
export const SPEND_CODES: ReadonlySet<TransferCode> = new Set([
  "session_charge",
  "booking_hold",
  "paid_reply",
  "gift",
  "ticket",
  "tip",
  "product_sale",
]);

export type AccountRef = { kind: UserAccountKind; userId: string } | { kind: HouseAccountKind };

export interface Leg {
  from: AccountRef;
  to: AccountRef;
  amountCents: number;
}

export interface TransferInput {
  idempotencyKey: string;
  code: TransferCode;
  legs: Leg[];
  references?: Record<string, string>;
}

export type LedgerService = ReturnType<typeof createLedgerService>;

/** One hold of `holdMany`. */
export interface HoldManyInput {
  idempotencyKey: string;
  userId: string;
  amountCents: number;
  code: TransferCode;
  references?: Record<string, string>;
}

/** One capture of `captureHoldsMany`. */
export interface CaptureManyInput {
  idempotencyKey: string;
  holdId: string;
  amountCents: number;
  readerUserId: string;
  code: TransferCode;
  readerShareBasisPoints?: number;
}

function assertAmount(amountCents: number, what = "amount") {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > MAX_AMOUNT_CENTS) {
    throw new DomainError(
      "INVALID_AMOUNT",
      `The ${what} must be a whole number of cents between 1 and ${MAX_AMOUNT_CENTS}.`,
    );
  }
}

function assertKey(idempotencyKey: string) {
  if (idempotencyKey.length < 8 || idempotencyKey.length > 200) {
    throw new Error("ledger idempotency keys are 8–200 characters");
  }
}

/** FNV-1a: spreads transfers over house-account shards deterministically. */
function shardOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % HOUSE_SHARDS;
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Maps database refusals to typed errors; anything else is a bug and is rethrown. */
function translateError(error: unknown): never {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const pgError = cause as { code?: string; constraint?: string; message?: string };
  if (pgError.code === "23514" && pgError.constraint === "ledger_accounts_non_negative") {
    throw new DomainError("INSUFFICIENT_FUNDS", "There is not enough money in the account for this.");
  }
  if (pgError.code === "P0001" && pgError.message?.startsWith("ACCOUNT_FROZEN")) {
    throw new DomainError(
      "ACCOUNT_FROZEN",
      "This wallet is frozen while a card dispute is open. Contact support.",
    );
  }
  if (pgError.code === "P0001" && pgError.message?.startsWith("SPENDING_LIMIT_REACHED:")) {
    const period = pgError.message.split(":")[1];
    throw new DomainError("SPENDING_LIMIT_REACHED", `This would pass your ${period} spending limit.`);
  }
  throw error;
}

/** User account ids each node remembers (about 100 bytes each): above every bench's working set. */
const MAX_CACHED_ACCOUNTS = 250_000;

/**
 * The only code that moves money. Every call carries an idempotency key; a repeated key
 * returns the first result and moves nothing. Balances, immutability and non-negative
 * wallets are also enforced by the database (see migrations/0002_ledger_functions.sql).
 */
export function createLedgerService(deps: { db: Database; clock: Clock }) {
  const repository = createLedgerRepository();
  // Account ids never change, so a found id stays right; the map is only bounded in size.
  const userAccounts = new Map<string, number>();
  const rememberAccount = (key: string, id: number) => {
    userAccounts.set(key, id);
    if (userAccounts.size > MAX_CACHED_ACCOUNTS) {
      const oldest = userAccounts.keys().next().value;
      if (oldest !== undefined) userAccounts.delete(oldest);
    }
  };
  let houseAccounts: Map<string, number> | null = null;

  async function houseAccountId(db: Executor, kind: HouseAccountKind, shard: number) {
    if (!houseAccounts) {
      const rows = await repository.houseAccountIds(db);
      houseAccounts = new Map(rows.map((row) => [`${row.kind}:${row.shard}`, row.id]));
    }
    const id = houseAccounts.get(`${kind}:${shard}`);
    if (id === undefined) throw new Error(`house account ${kind}:${shard} is missing`);
    return id;
  }

  /** A user account's id from the cache or the database (cached once found); null when none. */
  async function knownUserAccountId(db: Executor, kind: UserAccountKind, userId: string) {
    const cacheKey = `${kind}:${userId}`;
    const cached = userAccounts.get(cacheKey);
    if (cached !== undefined) return cached;
    const found = await repository.findUserAccountId(db, kind, userId);
    if (found !== null) rememberAccount(cacheKey, found);
    return found;
  }

  async function userAccountId(db: Executor, kind: UserAccountKind, userId: string) {
    const known = await knownUserAccountId(db, kind, userId);
    if (known !== null) return known;
    // Created inside the caller's transaction, which may still roll back (a refused hold, a
    // batch that falls back): only ids found committed are cached.
    await repository.createUserAccount(db, kind, userId);
    const created = await repository.findUserAccountId(db, kind, userId);
    if (created === null) throw new DomainError("NOT_FOUND", "No such user.");
    return created;
  }

  /** Looks up in one query the accounts of one kind that the cache does not know yet. */
  async function rememberUserAccounts(db: Executor, kind: UserAccountKind, userIds: Iterable<string>) {
    const unknown = [...new Set(userIds)].filter((userId) => !userAccounts.has(`${kind}:${userId}`));
    for (const row of await repository.findUserAccountIds(db, kind, unknown))
      if (row.ownerUserId) rememberAccount(`${kind}:${row.ownerUserId}`, row.id);
  }

  /** A user account that must already exist (the set-based paths never create accounts). */
  async function existingUserAccountId(db: Executor, kind: UserAccountKind, userId: string) {
    const id = await knownUserAccountId(db, kind, userId);
    if (id === null) throw new DomainError("NOT_FOUND", `No ${kind} account for this user yet.`);
    return id;
  }

  function resolve(db: Executor, ref: AccountRef, shard: number) {
    return "userId" in ref ? userAccountId(db, ref.kind, ref.userId) : houseAccountId(db, ref.kind, shard);
  }

  /** A transfer's entries and spend on resolved account ids (user accounts made when missing). */
  async function posting(
    db: Executor,
    input: TransferInput,
    spend: { userId: string; cents: number; day: string } | null,
  ): Promise<PostInput> {
    assertKey(input.idempotencyKey);
    if (input.legs.length === 0 || input.legs.length > 10) throw new Error("a transfer has 1 to 10 legs");
    const shard = shardOf(input.idempotencyKey);
    const accountIds: number[] = [];
    const amounts: number[] = [];
    for (const leg of input.legs) {
      assertAmount(leg.amountCents);
      accountIds.push(await resolve(db, leg.from, shard), await resolve(db, leg.to, shard));
      amounts.push(-leg.amountCents, leg.amountCents);
    }
    const spendAccount = spend ? await userAccountId(db, "wallet", spend.userId) : null;
    return {
      idempotencyKey: input.idempotencyKey,
      code: input.code,
      references: input.references ?? {},
      accountIds,
      amounts,
      spend:
        spend && spendAccount !== null
          ? { accountId: spendAccount, cents: spend.cents, day: spend.day }
          : null,
      now: deps.clock.now(),
    };
  }

  async function post(
    db: Executor,
    input: TransferInput,
    spend: { userId: string; cents: number; day: string } | null,
  ) {
    const prepared = await posting(db, input, spend);
    try {
      return await repository.post(db, prepared);
    } catch (error) {
      translateError(error);
    }
  }

  /** The client spend in a transfer: what leaves `userId`'s wallet under a spend code. */
  function spendOf(input: TransferInput) {
    if (!SPEND_CODES.has(input.code)) return null;
    const walletDebits = input.legs.filter((leg) => "userId" in leg.from && leg.from.kind === "wallet");
    const payer = walletDebits[0]?.from;
    if (!payer || !("userId" in payer)) return null;
    const cents = walletDebits.reduce((sum, leg) => sum + leg.amountCents, 0);
    return { userId: payer.userId, cents, day: utcDay(deps.clock.now()) };
  }

  const service = {
    /** Moves money: every leg commits together or none does. */
    transfer(input: TransferInput, db: Executor = deps.db) {
      return post(db, input, spendOf(input));
    },

    /**
     * `transfer` for many transfers in one statement, in order: all commit together or none does (a
     * refusal of any throws). A repeated key returns the first transfer and moves nothing.
     */
    async transferMany(inputs: TransferInput[], db: Executor = deps.db) {
      if (inputs.length > MAX_TRANSFERS_PER_CALL)
        throw new Error(`at most ${MAX_TRANSFERS_PER_CALL} transfers in one call`);
      const refs = inputs.flatMap((input) => input.legs.flatMap((leg) => [leg.from, leg.to]));
      for (const kind of USER_ACCOUNT_KINDS)
        await rememberUserAccounts(
          db,
          kind,
          refs.flatMap((ref) => ("userId" in ref && ref.kind === kind ? [ref.userId] : [])),
        );
      const prepared: PostInput[] = [];
      for (const input of inputs) prepared.push(await posting(db, input, spendOf(input)));
      return repository.postMany(db, prepared).catch((error: unknown) => translateError(error));
    },

    /** A client pays a reader: the reader's share (floor) and the platform's fee in one transfer. */
    chargeWithSplit(
      input: {
        idempotencyKey: string;
        code: TransferCode;
        payerUserId: string;
        readerUserId: string;
        amountCents: number;
        references?: Record<string, string>;
        readerShareBasisPoints?: number;
      },
      db: Executor = deps.db,
    ) {
      assertAmount(input.amountCents);
      const split = splitReaderShare(input.amountCents, input.readerShareBasisPoints);
      const from: AccountRef = { kind: "wallet", userId: input.payerUserId };
      const candidates: Leg[] = [
        { from, to: { kind: "earnings", userId: input.readerUserId }, amountCents: split.readerCents },
        { from, to: { kind: "platform_revenue" }, amountCents: split.platformCents },
      ];
      const legs = candidates.filter((leg) => leg.amountCents > 0);
      return service.transfer(
        { idempotencyKey: input.idempotencyKey, code: input.code, legs, references: input.references },
        db,
      );
    },

    /** Reserves money in a wallet (phase one). A repeated key returns the first hold. */
    async hold(
      input: {
        idempotencyKey: string;
        userId: string;
        amountCents: number;
        code: TransferCode;
        references?: Record<string, string>;
      },
      db: Executor = deps.db,
    ): Promise<HoldRow> {
      assertAmount(input.amountCents);
      const existing = await repository.findHoldByKey(db, input.idempotencyKey);
      if (existing) return existing;
      const postingKey = `${input.idempotencyKey}:hold`;
      const shard = shardOf(postingKey);
      // Inside a caller's transaction this is a savepoint: a refused hold leaves the rest intact.
      return db.transaction(async (tx) => {
        const wallet = await userAccountId(tx, "wallet", input.userId);
        const holdAccount = await houseAccountId(tx, "holds", shard);
        const spend = SPEND_CODES.has(input.code)
          ? { userId: input.userId, cents: input.amountCents, day: utcDay(deps.clock.now()) }
          : null;
        const posted = await post(
          tx,
          {
            idempotencyKey: postingKey,
            code: "hold",
            legs: [
              {
                from: { kind: "wallet", userId: input.userId },
                to: { kind: "holds" },
                amountCents: input.amountCents,
              },
            ],
            references: input.references,
          },
          spend,
        );
        const row = await repository.insertHold(tx, {
          idempotencyKey: input.idempotencyKey,
          walletAccountId: wallet,
          holdAccountId: holdAccount,
          amountCents: input.amountCents,
          code: input.code,
          references: input.references ?? {},
          createTransferId: posted.transferId,
          createdAt: deps.clock.now(),
        });
        return row ?? (await repository.findHoldByKey(tx, input.idempotencyKey)) ?? unreachable();
      });
    },

    /**
     * Captures all or part of a pending hold, exactly once: the captured amount goes to the
     * reader (floor of their share) and the platform, the rest back to the wallet.
     */
    captureHold(
      input: {
        idempotencyKey: string;
        holdId: string;
        amountCents: number;
        readerUserId: string;
        code: TransferCode;
        readerShareBasisPoints?: number;
      },
      db: Executor = deps.db,
    ) {
      return resolveHold(
        db,
        input.idempotencyKey,
        input.holdId,
        "captured",
        input.amountCents,
        (hold, ownerUserId) => {
          const split = splitReaderShare(input.amountCents, input.readerShareBasisPoints);
          return [
            { to: { kind: "earnings", userId: input.readerUserId }, amountCents: split.readerCents },
            { to: { kind: "platform_revenue" }, amountCents: split.platformCents },
            {
              to: { kind: "wallet", userId: ownerUserId },
              amountCents: hold.amountCents - input.amountCents,
            },
          ];
        },
        input.code,
      );
    },

    /** Releases a pending hold in full, exactly once. */
    voidHold(input: { idempotencyKey: string; holdId: string }, db: Executor = deps.db) {
      return resolveHold(
        db,
        input.idempotencyKey,
        input.holdId,
        "voided",
        0,
        (hold, ownerUserId) => [
          { to: { kind: "wallet", userId: ownerUserId }, amountCents: hold.amountCents },
        ],
        "hold_release",
      );
    },

    /**
     * `hold` for many wallets in one statement, in the caller's transaction. All or nothing: a
     * refusal (funds, limit, frozen) throws and aborts the statement, so call it inside a
     * savepoint and fall back to `hold` one by one. A repeated key returns the first hold.
     */
    async holdMany(inputs: HoldManyInput[], tx: Executor): Promise<Map<string, HoldRow["id"]>> {
      return (await service.captureAndHoldMany({ captures: [], holds: inputs }, tx)).holds;
    },

    /**
     * `captureHold` (a positive amount) for many pending holds in one statement, in the caller's
     * transaction. All or nothing: a hold that is not pending, or any refusal, throws; call it
     * inside a savepoint and fall back to `captureHold` one by one (which also answers replays).
     */
    async captureHoldsMany(inputs: CaptureManyInput[], tx: Executor) {
      return (await service.captureAndHoldMany({ captures: inputs, holds: [] }, tx)).captured;
    },

    /**
     * `captureHoldsMany`, then `holdMany`, in one statement: the batch takes all its account locks
     * in one step, in id order, so batches racing on the same house accounts never deadlock. All or
     * nothing, like each of them.
     */
    async captureAndHoldMany(
      batch: { captures: CaptureManyInput[]; holds: HoldManyInput[] },
      tx: Executor,
    ): Promise<{ captured: { holdId: string; transferId: string }[]; holds: Map<string, HoldRow["id"]> }> {
      if (batch.captures.length + batch.holds.length > MAX_TRANSFERS_PER_CALL)
        throw new Error(`at most ${MAX_TRANSFERS_PER_CALL} transfers in one call`);
      const now = deps.clock.now();
      const resolving = await captureItems(tx, batch.captures, now);
      const inserting = await holdItems(tx, batch.holds, now);
      const posted = await repository
        .postHoldChanges(tx, { resolving, inserting }, now)
        .catch((error: unknown) => translateError(error));
      if (posted.resolved.length !== resolving.length)
        throw new Error("a locked pending hold could not be resolved");
      const holds = new Map(posted.inserted.map((row) => [row.idempotencyKey, row.id]));
      // A repeated key was skipped: its first hold answers.
      const missing = batch.holds.filter((input) => !holds.has(input.idempotencyKey));
      if (missing.length > 0) {
        const found = await repository.findHoldsByKeys(
          tx,
          missing.map((input) => input.idempotencyKey),
        );
        for (const row of found) holds.set(row.idempotencyKey, row.id);
      }
      if (holds.size < new Set(batch.holds.map((input) => input.idempotencyKey)).size)
        throw new Error("a hold was neither stored nor found");
      return { captured: posted.resolved, holds };
    },

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

    houseBalance(kind: HouseAccountKind) {
      return repository.houseBalance(deps.db, kind);
    },

    /**
     * Refunds all or part of a client's charge back to their wallet, taking it back from the
     * reader's earnings and the platform in the charge's own proportion. Never more than was
     * charged, also when refunds race (they take turns on the original transfer).
     */
    async refundCharge(
      input: { idempotencyKey: string; transferId: string; amountCents: number },
      db: Executor,
    ) {
      assertAmount(input.amountCents);
      await repository.lockTransferForRefund(db, input.transferId);
      const entries = await repository.transferEntries(db, input.transferId);
      const payer = entries.find((entry) => entry.kind === "wallet" && entry.amountCents < 0);
      if (!payer?.ownerUserId || !SPEND_CODES.has(payer.code)) {
        throw new DomainError("NOT_FOUND", "No client charge with this reference.");
      }
      const charged = -entries
        .filter((entry) => entry.kind === "wallet" && entry.amountCents < 0)
        .reduce((sum, entry) => sum + entry.amountCents, 0);
      const refundable = charged - (await repository.refundedCents(db, input.transferId));
      if (input.amountCents > refundable) {
        throw new DomainError(
          "INVALID_AMOUNT",
          `At most ${refundable} cents of this charge can still be refunded.`,
        );
      }
      const reader = entries.find((entry) => entry.kind === "earnings" && entry.amountCents > 0);
      const readerPart = reader?.ownerUserId
        ? Number((BigInt(input.amountCents) * BigInt(reader.amountCents)) / BigInt(charged))
        : 0;
      const to: AccountRef = { kind: "wallet", userId: payer.ownerUserId };
      const legs: Leg[] = [
        ...(reader?.ownerUserId && readerPart > 0
          ? [
              {
                from: { kind: "earnings", userId: reader.ownerUserId } as AccountRef,
                to,
                amountCents: readerPart,
              },
            ]
          : []),
        ...(input.amountCents - readerPart > 0
          ? [
              {
                from: { kind: "platform_revenue" } as AccountRef,
                to,
                amountCents: input.amountCents - readerPart,
              },
            ]
          : []),
      ];
      const posted = await post(
        db,
        {
          idempotencyKey: input.idempotencyKey,
          code: "refund",
          legs,
          references: { refundOf: input.transferId },
        },
        null,
      );
      return { ...posted, clientUserId: payer.ownerUserId, refundableBeforeCents: refundable };
    },

    /**
     * The card processor took money back (a chargeback or a card refund): take what the wallet
     * holds, book the rest as owed (chargeback receivable), and freeze the wallet if asked.
     */
    async recoverFromWallet(
      input: {
        idempotencyKey: string;
        userId: string;
        amountCents: number;
        code: "chargeback" | "refund";
        references: Record<string, string>;
        freeze: boolean;
      },
      db: Executor,
    ) {
      assertAmount(input.amountCents);
      const walletId = await userAccountId(db, "wallet", input.userId);
      const balance = await repository.lockBalance(db, walletId);
      const fromWallet = Math.min(Math.max(balance, 0), input.amountCents);
      const owed = input.amountCents - fromWallet;
      const to: AccountRef = { kind: "payment_clearing" };
      const legs: Leg[] = [];
      if (fromWallet > 0)
        legs.push({ from: { kind: "wallet", userId: input.userId }, to, amountCents: fromWallet });
      if (owed > 0) legs.push({ from: { kind: "chargeback_receivable" }, to, amountCents: owed });
      const posted = await post(
        db,
        { idempotencyKey: input.idempotencyKey, code: input.code, legs, references: input.references },
        null,
      );
      if (input.freeze && posted.created) await repository.setFrozen(db, walletId, deps.clock.now());
      return { ...posted, fromWalletCents: fromWallet, owedCents: owed };
    },

    /**
     * A dispute the platform won: the processor returns the money, so the chargeback is
     * reversed leg by leg (wallet part back to the wallet, owed part off the receivable)
     * and the wallet is unfrozen. A lost dispute unfreezes the wallet only if nothing is owed.
     */
    async resolveChargeback(input: { chargebackKey: string; userId: string; won: boolean }, db: Executor) {
      const transferId = await repository.findTransferIdByKey(db, input.chargebackKey);
      if (!transferId) return { resolved: false };
      const entries = await repository.transferEntries(db, transferId);
      const taken = (kind: LedgerAccountKind) =>
        -entries
          .filter((entry) => entry.kind === kind && entry.amountCents < 0)
          .reduce((sum, entry) => sum + entry.amountCents, 0);
      const fromWallet = taken("wallet");
      const owed = taken("chargeback_receivable");
      const walletId = await userAccountId(db, "wallet", input.userId);
      if (input.won) {
        const from: AccountRef = { kind: "payment_clearing" };
        const legs: Leg[] = [];
        if (fromWallet > 0)
          legs.push({ from, to: { kind: "wallet", userId: input.userId }, amountCents: fromWallet });
        if (owed > 0) legs.push({ from, to: { kind: "chargeback_receivable" }, amountCents: owed });
        if (legs.length > 0) {
          await post(
            db,
            {
              idempotencyKey: `${input.chargebackKey}:reversal`,
              code: "chargeback",
              legs,
              references: { reverses: transferId },
            },
            null,
          );
        }
      }
      if (input.won || owed === 0) await repository.setFrozen(db, walletId, null);
      return { resolved: true, stillFrozen: !input.won && owed > 0 };
    },

    recoveredFor: (code: TransferCode, paymentId: string, db: Executor) =>
      repository.recoveredFor(db, code, paymentId),

    async isFrozen(userId: string) {
      const id = await repository.findUserAccountId(deps.db, "wallet", userId);
      return id !== null && (await repository.isFrozen(deps.db, id));
    },

    /** Spending limits as they apply now (a raise waits 24 h; a lowering applies at once). */
    async spendingLimits(userId: string) {
      const now = deps.clock.now();
      const rows = await repository.spendingLimits(deps.db, userId);
      return SPENDING_PERIODS.map((period) => {
        const row = rows.find((candidate) => candidate.period === period);
        const pendingApplies = row?.pendingEffectiveAt && row.pendingEffectiveAt <= now;
        return {
          period,
          limitCents: (pendingApplies ? row?.pendingLimitCents : row?.limitCents) ?? null,
          pendingLimitCents:
            row?.pendingEffectiveAt && !pendingApplies ? (row.pendingLimitCents ?? null) : null,
          pendingEffectiveAt:
            row?.pendingEffectiveAt && !pendingApplies ? row.pendingEffectiveAt.toISOString() : null,
          pendingRemoval: Boolean(
            row?.pendingEffectiveAt && !pendingApplies && row.pendingLimitCents === null,
          ),
        };
      });
    },

    /**
     * How much more the client may spend now before a spending limit refuses it (the smallest room
     * left in any window); null when no limit applies.
     */
    async spendingRoom(userId: string) {
      const limits = (await service.spendingLimits(userId)).filter((limit) => limit.limitCents !== null);
      if (limits.length === 0) return null;
      const accountId = await repository.findUserAccountId(deps.db, "wallet", userId);
      const spent =
        accountId === null
          ? { daily: 0, weekly: 0, monthly: 0 }
          : await repository.spentInWindows(deps.db, accountId, deps.clock.now());
      return Math.max(0, Math.min(...limits.map((limit) => (limit.limitCents ?? 0) - spent[limit.period])));
    },

    async setSpendingLimit(userId: string, period: SpendingPeriod, limitCents: number | null) {
      if (limitCents !== null) assertAmount(limitCents, "limit");
      const now = deps.clock.now();
      const current =
        (await service.spendingLimits(userId)).find((limit) => limit.period === period)?.limitCents ?? null;
      const lowering = limitCents !== null && (current === null || limitCents <= current);
      await repository.upsertSpendingLimit(deps.db, {
        userId,
        period,
        limitCents: lowering ? limitCents : current,
        pendingLimitCents: lowering ? null : limitCents,
        pendingEffectiveAt: lowering ? null : new Date(now.getTime() + LIMIT_RAISE_DELAY_MS),
        updatedAt: now,
      });
      return service.spendingLimits(userId);
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
  };

  /** The capture transfers of `captureHoldsMany`: each hold locked, pending and large enough. */
  async function captureItems(tx: Executor, inputs: CaptureManyInput[], now: Date) {
    if (inputs.length === 0) return [];
    const locked = new Map(
      (
        await repository.lockHoldsWithOwners(
          tx,
          inputs.map((input) => input.holdId),
        )
      ).map((row) => [row.hold.id, row]),
    );
    await rememberUserAccounts(
      tx,
      "earnings",
      inputs.map((input) => input.readerUserId),
    );
    await rememberUserAccounts(
      tx,
      "wallet",
      [...locked.values()].flatMap((entry) => (entry.ownerUserId ? [entry.ownerUserId] : [])),
    );
    const items: ResolvingHold[] = [];
    for (const input of inputs) {
      assertKey(input.idempotencyKey);
      const entry = locked.get(input.holdId);
      if (!entry) throw new DomainError("NOT_FOUND", "No such hold.");
      const { hold, ownerUserId } = entry;
      if (hold.status !== "pending")
        throw new DomainError("HOLD_ALREADY_RESOLVED", "This hold was already captured or released.");
      assertAmount(input.amountCents);
      if (input.amountCents > hold.amountCents)
        throw new DomainError("INVALID_AMOUNT", "A capture must be between 0 and the amount held.");
      if (!ownerUserId) throw new Error("a hold's wallet has no owner");
      const split = splitReaderShare(input.amountCents, input.readerShareBasisPoints);
      const shard = shardOf(input.idempotencyKey);
      const released = hold.amountCents - input.amountCents;
      const destinations: [number, number][] = [
        [await existingUserAccountId(tx, "earnings", input.readerUserId), split.readerCents],
        [await houseAccountId(tx, "platform_revenue", shard), split.platformCents],
        [await existingUserAccountId(tx, "wallet", ownerUserId), released],
      ];
      const legs = destinations.filter(([, amountCents]) => amountCents > 0);
      items.push({
        holdId: hold.id,
        status: "captured",
        capturedCents: input.amountCents,
        post: {
          idempotencyKey: input.idempotencyKey,
          code: input.code,
          references: hold.references,
          accountIds: legs.flatMap(([accountId]) => [hold.holdAccountId, accountId]),
          amounts: legs.flatMap(([, amountCents]) => [-amountCents, amountCents]),
          // Released money is no longer spent: give it back to the day the hold was placed.
          spend:
            SPEND_CODES.has(hold.code) && released > 0
              ? { accountId: hold.walletAccountId, cents: -released, day: utcDay(hold.createdAt) }
              : null,
          now,
        },
      });
    }
    return items;
  }

  /** The hold transfers of `holdMany` (a repeated key posts nothing and its hold is skipped). */
  async function holdItems(tx: Executor, inputs: HoldManyInput[], now: Date) {
    await rememberUserAccounts(
      tx,
      "wallet",
      inputs.map((input) => input.userId),
    );
    const items: InsertingHold[] = [];
    for (const input of inputs) {
      assertKey(input.idempotencyKey);
      assertAmount(input.amountCents);
      const postingKey = `${input.idempotencyKey}:hold`;
      const wallet = await existingUserAccountId(tx, "wallet", input.userId);
      const holdAccount = await houseAccountId(tx, "holds", shardOf(postingKey));
      const references = input.references ?? {};
      items.push({
        hold: {
          idempotencyKey: input.idempotencyKey,
          walletAccountId: wallet,
          holdAccountId: holdAccount,
          amountCents: input.amountCents,
          code: input.code,
          references,
          createdAt: now,
        },
        post: {
          idempotencyKey: postingKey,
          code: "hold",
          references,
          accountIds: [wallet, holdAccount],
          amounts: [-input.amountCents, input.amountCents],
          spend: SPEND_CODES.has(input.code)
            ? { accountId: wallet, cents: input.amountCents, day: utcDay(now) }
            : null,
          now,
        },
      });
    }
    return items;
  }

  async function resolveHold(
    db: Executor,
    idempotencyKey: string,
    holdId: string,
    status: "captured" | "voided",
    capturedCents: number,
    destinations: (hold: HoldRow, ownerUserId: string) => { to: AccountRef; amountCents: number }[],
    code: TransferCode,
  ) {
    assertKey(idempotencyKey);
    const hold = await repository.findHold(db, holdId);
    if (!hold) throw new DomainError("NOT_FOUND", "No such hold.");
    if (
      status === "captured" &&
      (!Number.isSafeInteger(capturedCents) || capturedCents < 0 || capturedCents > hold.amountCents)
    ) {
      throw new DomainError("INVALID_AMOUNT", "A capture must be between 0 and the amount held.");
    }
    const ownerUserId = await repository.ownerOfAccount(db, hold.walletAccountId);
    if (!ownerUserId) throw new Error("a hold's wallet has no owner");
    try {
      return await db.transaction(async (tx) => {
        // The row lock makes racing resolutions of one hold take turns; only the first finds it pending.
        const locked = await repository.lockHold(tx, holdId);
        if (!locked) throw new DomainError("NOT_FOUND", "No such hold.");
        if (locked.status !== "pending") {
          const previousKey = locked.resolveTransferId
            ? await repository.transferKey(tx, locked.resolveTransferId)
            : null;
          if (previousKey === idempotencyKey)
            return { hold: locked, transferId: locked.resolveTransferId, replayed: true };
          throw new DomainError("HOLD_ALREADY_RESOLVED", "This hold was already captured or released.");
        }
        const legs = destinations(locked, ownerUserId)
          .filter((destination) => destination.amountCents > 0)
          .map((destination) => ({ from: { kind: "holds" } as const, ...destination }));
        const posted = await postFromHoldShard(tx, locked, {
          idempotencyKey,
          code,
          legs,
          references: locked.references,
        });
        const claimed = await repository.claimHold(tx, holdId, {
          status,
          capturedCents: status === "captured" ? capturedCents : null,
          transferId: posted.transferId,
          at: deps.clock.now(),
        });
        if (!claimed) throw new Error("a locked pending hold could not be resolved");
        return { hold: claimed, transferId: posted.transferId, replayed: false };
      });
    } catch (error) {
      translateError(error);
    }
  }

  async function postFromHoldShard(tx: Executor, hold: HoldRow, input: TransferInput) {
    const accountIds: number[] = [];
    const amounts: number[] = [];
    for (const leg of input.legs) {
      accountIds.push(hold.holdAccountId, await resolve(tx, leg.to, shardOf(input.idempotencyKey)));
      amounts.push(-leg.amountCents, leg.amountCents);
    }
    if (accountIds.length === 0) throw new Error("nothing to move");
    // Released money is no longer spent: give it back to the day the hold was placed.
    const released = input.legs
      .filter((leg) => "userId" in leg.to && leg.to.kind === "wallet")
      .reduce((sum, leg) => sum + leg.amountCents, 0);
    const spend =
      SPEND_CODES.has(hold.code) && released > 0
        ? { accountId: hold.walletAccountId, cents: -released, day: utcDay(hold.createdAt) }
        : null;
    return repository.post(tx, {
      idempotencyKey: input.idempotencyKey,
      code: input.code,
      references: input.references ?? {},
      accountIds,
      amounts,
      spend,
      now: deps.clock.now(),
    });
  }

  return service;
}

function unreachable(): never {
  throw new Error("unreachable");
}

export type { LedgerAccountKind };
