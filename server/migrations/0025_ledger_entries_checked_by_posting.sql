-- Decision 0020: entries lose their foreign keys (a row-by-row check on every entry, most on the
-- few hot house accounts, was the largest cost of billing at 150,000 readings). What they
-- guaranteed stays guaranteed: the posting functions (ledger_post, ledger_post_many), the only
-- writers of entries, insert each with the transfer they have just created and only onto accounts
-- they found and locked; transfers and entries cannot change (ledger_forbid_change); accounts
-- now cannot be deleted either (below); and ledger:verify reports any entry without both.
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_transfer_id_ledger_transfers_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_account_id_ledger_accounts_id_fk";
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_not_deleted BEFORE DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_forbid_change();
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_no_truncate BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_forbid_change();
