import { desc, eq } from "drizzle-orm";
import type { Database } from "../../platform/db/database.js";
import { EXPORT_ROW_LIMIT, personalDataTable } from "../../platform/personal-data.js";
import { ledgerAccounts, ledgerEntries, ledgerTransfers, spendingLimits } from "./ledger.tables.js";

/**
 * Money history is kept (the books must balance): the person's accounts stay, tied only to the
 * anonymized user row. The export holds every entry of their accounts (wallet and earnings).
 */
export function ledgerPersonalData(db: Database) {
  return [
    personalDataTable(ledgerAccounts, {
      userColumns: [ledgerAccounts.ownerUserId],
      exportRows: (userId) =>
        db
          .select({
            account: ledgerAccounts.kind,
            entryId: ledgerEntries.id,
            amountCents: ledgerEntries.amountCents,
            code: ledgerEntries.code,
            references: ledgerTransfers.references,
            createdAt: ledgerEntries.createdAt,
          })
          .from(ledgerEntries)
          .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
          .innerJoin(ledgerTransfers, eq(ledgerTransfers.id, ledgerEntries.transferId))
          .where(eq(ledgerAccounts.ownerUserId, userId))
          .orderBy(desc(ledgerEntries.id))
          .limit(EXPORT_ROW_LIMIT),
      erase: [],
      kept: "Ledger accounts and entries are money history; they hold no name or contact.",
    }),
    personalDataTable(spendingLimits, {
      userColumns: [spendingLimits.userId],
      erase: [],
      kept: "Spending limits hold amounts only.",
    }),
  ];
}
