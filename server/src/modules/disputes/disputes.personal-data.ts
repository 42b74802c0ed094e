import { personalDataTable } from "../../platform/personal-data.js";
import { disputes } from "./disputes.tables.js";

export const disputesPersonalData = [
  personalDataTable(disputes, {
    userColumns: [disputes.clientUserId, disputes.closedBy],
    // A client's dispute is theirs: not in the export of the admin who resolved it.
    exportBy: [disputes.clientUserId],
    erase: [],
    kept: "Money history: each dispute matches the card processor's records and the ledger's transfers; it holds no name or contact (the resolving admin's id stays with the audit log).",
  }),
];
