import type { Executor } from "../../platform/db/database.js";
import { DomainError } from "../../platform/http/errors.js";
import type { LedgerRepository } from "./ledger.repository.js";
import type { AccountRef, HouseAccountKind, UserAccountKind } from "./ledger.rules.js";

/** User account ids each node remembers (about 100 bytes each): above every bench's working set. */
const MAX_CACHED_ACCOUNTS = 250_000;

/**
 * Ledger account ids: house accounts (by kind and shard) read once, user accounts made on first
 * use and remembered (ids never change; the memory is bounded).
 */
export function createAccountResolver(repository: LedgerRepository) {
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

  return {
    houseAccountId,
    knownUserAccountId,
    userAccountId,
    rememberUserAccounts,
    existingUserAccountId,
    resolve,
  };
}

export type AccountResolver = ReturnType<typeof createAccountResolver>;
