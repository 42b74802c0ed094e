import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import type { LedgerService } from "../server/src/modules/ledger/ledger.service.js";
import { signedSignInCookie } from "./chat-seed.js";
import { inBatches, insertBenchUsers } from "./support.js";

/** Everything the load process needs: who signs in how, the conversations, the replies to unlock. */
export interface MessagesPlan {
  /** Clients first, then readers; each with the cookie of its seeded sign-in session. */
  users: { userId: string; cookie: string }[];
  clientCount: number;
  /** Conversations by the indexes of their client and reader in `users`. */
  conversations: { id: string; client: number; reader: number }[];
  /** Locked paid replies, each unlocked by its conversation's client during the run. */
  paidReplies: { messageId: string; client: number; priceCents: number }[];
}

const FUND_WORKERS = 8;
const SESSION_TTL_MS = 24 * 60 * 60_000;

/**
 * Clients and readers with signed-in sessions (the cookies the load presents, checked like any
 * sign-in), completed profiles (age and terms: unlocking is a payment), wallets funded through the
 * ledger, `conversations` conversations spread over the readers, and `paidReplies` locked paid
 * replies (at random prices $1–$5) in distinct conversations.
 */
export async function seedMessages(options: {
  pool: pg.Pool;
  ledger: LedgerService;
  clients: number;
  readers: number;
  conversations: number;
  paidReplies: number;
  fundCents: number;
  cookieName: string;
  authSecret: string;
  random: () => number;
}): Promise<MessagesPlan> {
  const { pool } = options;
  const clients = Array.from({ length: options.clients }, (_, index) => `bench-msg-client-${index}`);
  const readers = Array.from({ length: options.readers }, (_, index) => `bench-msg-reader-${index}`);
  const all = [...clients, ...readers];
  await insertBenchUsers(pool, clients, "client");
  await insertBenchUsers(pool, readers, "reader");
  await pool.query(
    "update users set date_of_birth = '1990-01-01', terms_accepted_at = now() where id = any($1::text[])",
    [all],
  );
  const tokens = all.map(() => randomBytes(24).toString("base64url"));
  await pool.query(
    `insert into sessions (id, token, user_id, expires_at, created_at, updated_at, last_seen_at)
     select gen_random_uuid()::text, token, user_id, now() + make_interval(secs => $3::int / 1000.0), now(), now(), now()
     from unnest($1::text[], $2::text[]) as u(user_id, token)`,
    [all, tokens, SESSION_TTL_MS],
  );
  await pool.query(
    `insert into ledger_accounts (kind, owner_user_id)
     select 'earnings', id from unnest($1::text[]) as id
     union all select 'wallet', id from unnest($2::text[]) as id`,
    [readers, clients],
  );
  await inBatches(clients.length, FUND_WORKERS, async (index) => {
    await options.ledger.transfer({
      idempotencyKey: `bench-msg-fund-${clients[index]}`,
      code: "adjustment",
      legs: [
        {
          from: { kind: "promotions" },
          to: { kind: "wallet", userId: clients[index] ?? "" },
          amountCents: options.fundCents,
        },
      ],
    });
  });

  // Each client writes to a few readers: consecutive readers from its own offset, one pair once.
  const conversations: MessagesPlan["conversations"] = [];
  for (let index = 0; conversations.length < options.conversations; index += 1) {
    const client = index % clients.length;
    const round = Math.floor(index / clients.length);
    const reader = clients.length + ((client + round * 7) % readers.length);
    conversations.push({ id: randomUUID(), client, reader });
  }
  await pool.query(
    `insert into conversations (id, client_user_id, reader_user_id, created_at, last_message_at, last_message_side)
     select id, client, reader, now(), now(), 'reader' from unnest($1::uuid[], $2::text[], $3::text[]) as u(id, client, reader)`,
    [
      conversations.map((row) => row.id),
      conversations.map((row) => all[row.client]),
      conversations.map((row) => all[row.reader]),
    ],
  );
  const paidReplies = conversations.slice(0, options.paidReplies).map((row) => ({
    messageId: randomUUID(),
    client: row.client,
    priceCents: 100 * (1 + Math.floor(options.random() * 5)),
    conversationId: row.id,
    reader: all[row.reader] ?? "",
  }));
  await pool.query(
    `insert into conversation_messages (id, conversation_id, sender_user_id, side, body, price_cents, preview, created_at)
     select id, conversation_id, sender, 'reader', 'The full answer: the cards for the month ahead.', price, 'The cards for the month ahead…', now()
     from unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[]) as u(id, conversation_id, sender, price)`,
    [
      paidReplies.map((row) => row.messageId),
      paidReplies.map((row) => row.conversationId),
      paidReplies.map((row) => row.reader),
      paidReplies.map((row) => row.priceCents),
    ],
  );
  await pool.query("analyze");
  return {
    users: all.map((userId, index) => ({
      userId,
      cookie: signedSignInCookie(options.cookieName, tokens[index] ?? "", options.authSecret),
    })),
    clientCount: clients.length,
    conversations,
    paidReplies: paidReplies.map(({ messageId, client, priceCents }) => ({ messageId, client, priceCents })),
  };
}
