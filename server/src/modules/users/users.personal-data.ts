import { sql } from "drizzle-orm";
import { personalDataTable } from "../../platform/personal-data.js";
import { users } from "./users.tables.js";

/** The account itself: anonymized in place (its id stays, so money history keeps its owner row). */
export const usersPersonalData = [
  personalDataTable(users, {
    userColumns: [users.id],
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
          [users.deletedAt, ({ now }) => now],
          [users.updatedAt, sql`now()`],
        ],
      },
    ],
  }),
];
