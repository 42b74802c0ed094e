import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { topUps } from "../payments/payments.tables.js";
import { users } from "../users/users.tables.js";
import type { DisputeStatus } from "./disputes.state.js";

/** A card dispute of a top-up, as the processor reported it and as it was resolved. */
export const disputes = pgTable(
  "disputes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    provider: text("provider").$type<"stripe" | "sandbox">().notNull(),
    providerDisputeId: text("provider_dispute_id").notNull(),
    topUpId: uuid("top_up_id")
      .notNull()
      .references(() => topUps.id),
    clientUserId: text("client_user_id")
      .notNull()
      .references(() => users.id),
    amountCents: bigint("amount_cents", { mode: "number" }).notNull(),
    /** The processor's reason code (`fraudulent`, `product_not_received`, …). */
    reason: text("reason"),
    status: text("status").$type<DisputeStatus>().notNull(),
    fromWalletCents: bigint("from_wallet_cents", { mode: "number" }).notNull(),
    owedCents: bigint("owed_cents", { mode: "number" }).notNull(),
    /** Set by a lost dispute: what the readers gave back and what the platform lost. */
    readersCents: bigint("readers_cents", { mode: "number" }),
    lossCents: bigint("loss_cents", { mode: "number" }),
    /** When the disputed top-up reached the wallet: the charges since then spent its money. */
    fundsCreditedAt: timestamp("funds_credited_at", { withTimezone: true }).notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** `provider` (its closing event) or the id of the admin who resolved it. */
    closedBy: text("closed_by"),
    closeNote: text("close_note"),
  },
  (table) => [
    uniqueIndex("disputes_provider_unique").on(table.provider, table.providerDisputeId),
    index("disputes_status_idx").on(table.status, table.openedAt),
    index("disputes_client_idx").on(table.clientUserId, table.status),
    check("disputes_status_check", sql`${table.status} in ('open', 'won', 'lost')`),
    check("disputes_amount_positive", sql`${table.amountCents} > 0`),
    check("disputes_closed_check", sql`(${table.status} = 'open') = (${table.closedAt} is null)`),
  ],
);

export type DisputeRow = typeof disputes.$inferSelect;
