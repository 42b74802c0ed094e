import { personalDataTable } from "../../platform/personal-data.js";
import { authAccounts, sessions } from "./auth.tables.js";

/** Sign-ins and sign-in methods: deleted with the account, so it can no longer sign in. */
export const authPersonalData = [
  personalDataTable(sessions, {
    userColumns: [sessions.userId],
    omitFromExport: [sessions.token],
    erase: [{ kind: "delete", by: [sessions.userId] }],
  }),
  personalDataTable(authAccounts, {
    userColumns: [authAccounts.userId],
    omitFromExport: [
      authAccounts.password,
      authAccounts.accessToken,
      authAccounts.refreshToken,
      authAccounts.idToken,
    ],
    erase: [{ kind: "delete", by: [authAccounts.userId] }],
  }),
];
