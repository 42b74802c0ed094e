import { personalDataTable } from "../../platform/personal-data.js";
import { authAccounts, sessions, twoFactors } from "./auth.tables.js";

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
  // The authenticator secret and backup codes: never exported, deleted with the account.
  personalDataTable(twoFactors, {
    userColumns: [twoFactors.userId],
    omitFromExport: [twoFactors.secret, twoFactors.backupCodes],
    erase: [{ kind: "delete", by: [twoFactors.userId] }],
  }),
];
