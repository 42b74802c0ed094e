import type { Clock } from "../../platform/clock.js";
import type { Database, Executor } from "../../platform/db/database.js";
import { DomainError } from "../../platform/http/errors.js";
import type { AccountResolver } from "./ledger.accounts.js";
import {
  createHoldsRepository,
  type HoldRow,
  type InsertingHold,
  type ResolvingHold,
} from "./ledger.holds.repository.js";
import type { createPosting } from "./ledger.posting.js";
import type { LedgerRepository } from "./ledger.repository.js";
import {
  type AccountRef,
  assertAmount,
  assertKey,
  type CaptureManyInput,
  type HoldManyInput,
  MAX_TRANSFERS_PER_CALL,
  SPEND_CODES,
  shardOf,
  type TransferCode,
  type TransferInput,
  translateError,
  unreachable,
  utcDay,
} from "./ledger.rules.js";
import { splitReaderShare } from "./split.js";

/**
 * Two-phase holds: reserve money in a wallet, then capture all or part of it (split between the
 * reader and the platform, the rest back to the wallet) or release it, exactly once; one by one,
 * or many in one statement for the biller.
 */
export function createHolds(deps: {
  db: Database;
  clock: Clock;
  repository: LedgerRepository;
  accounts: AccountResolver;
  post: ReturnType<typeof createPosting>["post"];
}) {
  const holdsRepository = createHoldsRepository();
  const { repository, post } = deps;
  const { houseAccountId, userAccountId, rememberUserAccounts, existingUserAccountId, resolve } =
    deps.accounts;

  const holds = {
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
      const existing = await holdsRepository.findHoldByKey(db, input.idempotencyKey);
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
        const row = await holdsRepository.insertHold(tx, {
          idempotencyKey: input.idempotencyKey,
          walletAccountId: wallet,
          holdAccountId: holdAccount,
          amountCents: input.amountCents,
          code: input.code,
          references: input.references ?? {},
          createTransferId: posted.transferId,
          createdAt: deps.clock.now(),
        });
        return row ?? (await holdsRepository.findHoldByKey(tx, input.idempotencyKey)) ?? unreachable();
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
      return (await holds.captureAndHoldMany({ captures: [], holds: inputs }, tx)).holds;
    },

    /**
     * `captureHold` (a positive amount) for many pending holds in one statement, in the caller's
     * transaction. All or nothing: a hold that is not pending, or any refusal, throws; call it
     * inside a savepoint and fall back to `captureHold` one by one (which also answers replays).
     */
    async captureHoldsMany(inputs: CaptureManyInput[], tx: Executor) {
      return (await holds.captureAndHoldMany({ captures: inputs, holds: [] }, tx)).captured;
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
      const posted = await holdsRepository
        .postHoldChanges(tx, { resolving, inserting }, now)
        .catch((error: unknown) => translateError(error));
      if (posted.resolved.length !== resolving.length)
        throw new Error("a locked pending hold could not be resolved");
      const holds = new Map(posted.inserted.map((row) => [row.idempotencyKey, row.id]));
      // A repeated key was skipped: its first hold answers.
      const missing = batch.holds.filter((input) => !holds.has(input.idempotencyKey));
      if (missing.length > 0) {
        const found = await holdsRepository.findHoldsByKeys(
          tx,
          missing.map((input) => input.idempotencyKey),
        );
        for (const row of found) holds.set(row.idempotencyKey, row.id);
      }
      if (holds.size < new Set(batch.holds.map((input) => input.idempotencyKey)).size)
        throw new Error("a hold was neither stored nor found");
      return { captured: posted.resolved, holds };
    },
  };
  return holds;

  /** The capture transfers of `captureHoldsMany`: each hold locked, pending and large enough. */
  async function captureItems(tx: Executor, inputs: CaptureManyInput[], now: Date) {
    if (inputs.length === 0) return [];
    const locked = new Map(
      (
        await holdsRepository.lockHoldsWithOwners(
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
          ...(input.holdId === undefined ? {} : { id: input.holdId }),
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
    const hold = await holdsRepository.findHold(db, holdId);
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
        const locked = await holdsRepository.lockHold(tx, holdId);
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
        const claimed = await holdsRepository.claimHold(tx, holdId, {
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
}
