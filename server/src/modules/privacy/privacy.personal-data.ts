import { personalDataTable } from "../../platform/personal-data.js";
import { accountDeletionRequests } from "./privacy.tables.js";

export const privacyPersonalData = [
  personalDataTable(accountDeletionRequests, {
    userColumns: [accountDeletionRequests.userId],
    omitFromExport: [accountDeletionRequests.tokenHash],
    erase: [],
    kept: "The record that the person asked for deletion and confirmed it (no token, no contact).",
  }),
];
