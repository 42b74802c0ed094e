import { sql } from "drizzle-orm";
import { personalDataTable } from "../../platform/personal-data.js";
import { users } from "./users.tables.js";

/** The account itself: anonymized in place (its id stays, so money history keeps its owner row). */
export const usersPersonalData = [
  personalDataTable(users, {
    // status_changed_by names the admin who suspended, banned or restored someone: that row is the
    // other person's, so it stays out of the admin's export and keeps the (anonymized) admin's id.
    userColumns: [users.id, users.statusChangedBy],
    exportBy: [users.id],
    kept: "Another account's standing keeps the id of the admin who changed it, as evidence.",
    erase: [
      {
        kind: "scrub",
        by: [users.id],
        set: [
          [users.name, "Deleted user"],
          [users.email, ({ userId }) => `deleted-${userId}@deleted.invalid`],
          [users.emailVerified, false],
          [users.image, null],
          [users.bio, null],
          [users.dateOfBirth, null],
          [users.timeZone, null],
          [users.country, null],
          [users.deletedAt, ({ now }) => now],
          [users.updatedAt, sql`now()`],
        ],
      },
    ],
  }),
];
