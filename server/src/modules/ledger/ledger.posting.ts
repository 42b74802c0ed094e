import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import type { AccountResolver } from "./ledger.accounts.js";
import type { LedgerRepository, PostInput } from "./ledger.repository.js";
import {
  type AccountRef,
  assertAmount,
  assertKey,
  type Leg,
  MAX_TRANSFERS_PER_CALL,
  SPEND_CODES,
  shardOf,
  type TransferCode,
  type TransferInput,
  translateError,
  USER_ACCOUNT_KINDS,
  utcDay,
} from "./ledger.rules.js";
import { splitReaderShare } from "./split.js";

/** Posting transfers: every leg of a transfer commits together or none does, once per key. */
export function createPosting(deps: {
  db: Database;
  clock: Clock;
  repository: LedgerRepository;
  accounts: AccountResolver;
}) {
  const { repository } = deps;
  const { resolve, userAccountId, rememberUserAccounts } = deps.accounts;

  /** A transfer's entries and spend on resolved account ids (user accounts made when missing). */
  async function prepare(
    db: Executor,
    input: TransferInput,
    spend: { userId: string; cents: number; day: string } | null,
  ): Promise<PostInput> {
    assertKey(input.idempotencyKey);
    if (input.legs.length === 0 || input.legs.length > 10) throw new Error("a transfer has 1 to 10 legs");
    const shard = shardOf(input.idempotencyKey);
    // One debit and one credit entry per account at most: a charge split between a reader and the
    // platform is one debit of the wallet (one row in the client's history). Debits and credits
    // stay apart, so a transfer that moves money out and back still shows both.
    const merged = new Map<string, { accountId: number; cents: number }>();
    const add = (accountId: number, cents: number) => {
      const key = `${accountId}:${cents < 0 ? "debit" : "credit"}`;
      const entry = merged.get(key) ?? { accountId, cents: 0 };
      entry.cents += cents;
      merged.set(key, entry);
    };
    for (const leg of input.legs) {
      assertAmount(leg.amountCents);
      add(await resolve(db, leg.from, shard), -leg.amountCents);
      add(await resolve(db, leg.to, shard), leg.amountCents);
    }
    const accountIds = [...merged.values()].map((entry) => entry.accountId);
    const amounts = [...merged.values()].map((entry) => entry.cents);
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
    const prepared = await prepare(db, input, spend);
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

  const posting = {
    /** Posts one prepared transfer (`spend` counts against the payer's limits); typed refusals. */
    post,
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
      for (const input of inputs) prepared.push(await prepare(db, input, spendOf(input)));
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
      return posting.transfer(
        { idempotencyKey: input.idempotencyKey, code: input.code, legs, references: input.references },
        db,
      );
    },
  };
  return posting;
}
