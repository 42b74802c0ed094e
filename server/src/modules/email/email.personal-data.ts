import { personalDataTable } from "../../platform/personal-data.js";
import { emailOutbox } from "./email.tables.js";

/** Mail sent to the person (keyed by address): bodies and all, removed with the account. */
export const emailPersonalData = [
  personalDataTable(emailOutbox, {
    userColumns: [],
    emailColumns: [emailOutbox.toAddress],
    erase: [{ kind: "delete", by: [], matchEmail: true }],
  }),
];
