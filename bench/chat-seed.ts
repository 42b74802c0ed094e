import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import type { LedgerService } from "../server/src/modules/ledger/ledger.service.js";
import { inBatches, insertBenchUsers } from "./support.js";

/** One participant as the load process drives it: who, its own loopback address and its cookie. */
export interface ChatParticipant {
  userId: string;
  /** A distinct 127.x.y.z source address per user (IP-keyed limits see one user per address). */
  localAddress: string;
  cookie: string;
}

export interface ChatReadingPlan {
  readingId: string;
  client: ChatParticipant;
  reader: ChatParticipant;
}

const FUND_WORKERS = 8;
const AUTH_SESSION_TTL_MS = 24 * 60 * 60_000;

/**
 * The i-th user's loopback source address: 127.10.(i / 250).(1 + i % 250), so 4,000 users get
 * 4,000 addresses on `lo` (the whole 127.0.0.0/8 is local on Linux; nothing leaves the machine).
 */
export function loopbackAddress(index: number) {
  return `127.10.${Math.floor(index / 250)}.${1 + (index % 250)}`;
}

/** better-auth's session cookie: `<token>.<base64 HMAC-SHA256(secret, token)>`, URI-encoded. */
export function signedSignInCookie(cookieName: string, token: string, secret: string) {
  const signature = createHmac("sha256", secret).update(token).digest("base64");
  return `${cookieName}=${encodeURIComponent(`${token}.${signature}`)}`;
}

/**
 * `count` client/reader pairs, set-based: users, their better-auth sign-in sessions (the cookie each
 * socket and request presents, checked by the server like any sign-in's), the readers' earnings
 * and clients' wallet accounts, each wallet funded through the ledger, and one accepted chat
 * reading per pair in `waiting` (as `accept` leaves it). The sockets joining the room activate
 * it through the real service, which holds the first unit.
 */
export async function seedChatReadings(options: {
  pool: pg.Pool;
  ledger: LedgerService;
  count: number;
  rateCents: number;
  fundedUnits: number;
  unitMs: number;
  joinTimeoutMs: number;
  cookieName: string;
  authSecret: string;
}): Promise<ChatReadingPlan[]> {
  const { pool, count } = options;
  const clients = Array.from({ length: count }, (_, index) => `bench-chat-client-${index}`);
  const readers = Array.from({ length: count }, (_, index) => `bench-chat-reader-${index}`);
  const tokens = new Map<string, string>();
  for (const [ids, role] of [
    [clients, "client"],
    [readers, "reader"],
  ] as const) {
    await insertBenchUsers(pool, ids, role);
    const idTokens = ids.map((id) => {
      const token = randomBytes(24).toString("base64url");
      tokens.set(id, token);
      return token;
    });
    await pool.query(
      `insert into sessions (id, token, user_id, expires_at, created_at, updated_at, last_seen_at)
       select gen_random_uuid()::text, token, user_id, now() + make_interval(secs => $3::int / 1000.0), now(), now(), now()
       from unnest($1::text[], $2::text[]) as u(user_id, token)`,
      [ids, idTokens, AUTH_SESSION_TTL_MS],
    );
  }
  await pool.query(
    `insert into ledger_accounts (kind, owner_user_id)
     select 'earnings', id from unnest($1::text[]) as id
     union all select 'wallet', id from unnest($2::text[]) as id`,
    [readers, clients],
  );
  await inBatches(count, FUND_WORKERS, async (index) => {
    await options.ledger.transfer({
      idempotencyKey: `bench-chat-fund-${clients[index]}`,
      code: "adjustment",
      legs: [
        {
          from: { kind: "promotions" },
          to: { kind: "wallet", userId: clients[index] ?? "" },
          amountCents: options.rateCents * options.fundedUnits,
        },
      ],
    });
  });
  const readingIds = Array.from({ length: count }, () => randomUUID());
  await pool.query(
    `insert into reading_sessions (id, client_user_id, reader_user_id, modality, client_name, reader_name,
       rate_per_unit_cents, unit_ms, reader_share_basis_points, state, created_at, accepted_at,
       state_changed_at, due_at)
     select id, client, reader, 'chat', 'Bench ' || client, 'Bench ' || reader, $4, $5::int, 7000, 'waiting',
            now(), now(), now(), now() + make_interval(secs => $6::int / 1000.0)
     from unnest($1::uuid[], $2::text[], $3::text[]) as u(id, client, reader)`,
    [readingIds, clients, readers, options.rateCents, options.unitMs, options.joinTimeoutMs],
  );
  await pool.query(
    `insert into session_transitions (session_id, from_state, to_state, cause, at)
     select id, null, 'created', 'requested', now() from unnest($1::uuid[]) as id
     union all select id, 'created', 'waiting', 'accepted', now() from unnest($1::uuid[]) as id`,
    [readingIds],
  );
  await pool.query("analyze");
  const participant = (userId: string, index: number): ChatParticipant => ({
    userId,
    localAddress: loopbackAddress(index),
    cookie: signedSignInCookie(options.cookieName, tokens.get(userId) ?? "", options.authSecret),
  });
  return readingIds.map((readingId, index) => ({
    readingId,
    client: participant(clients[index] ?? "", 2 * index),
    reader: participant(readers[index] ?? "", 2 * index + 1),
  }));
}
