import { personalDataTable } from "../../platform/personal-data.js";
import { payoutAccounts, payouts } from "./payouts.tables.js";

export const payoutsPersonalData = [
  personalDataTable(payoutAccounts, {
    userColumns: [payoutAccounts.readerUserId],
    erase: [],
    kept: "The provider's account id is needed to match its transfers and tax records; it holds no name or contact.",
  }),
  personalDataTable(payouts, {
    userColumns: [payouts.readerUserId],
    erase: [],
    kept: "Money history: each payout matches the ledger's transfers and the provider's; it holds no name or contact.",
  }),
];
