import { sql } from "drizzle-orm";
import { personalDataTable } from "../../platform/personal-data.js";
import { waitlistEntries } from "./waitlist.tables.js";

/** A deleted account leaves every line it is in, as a client or as the reader. */
export const waitlistPersonalData = [
  personalDataTable(waitlistEntries, {
    userColumns: [waitlistEntries.clientUserId, waitlistEntries.readerUserId],
    erase: [
      {
        kind: "scrub",
        by: [waitlistEntries.clientUserId, waitlistEntries.readerUserId],
        set: [
          [waitlistEntries.status, "cancelled"],
          [waitlistEntries.resolvedAt, ({ now }) => now],
        ],
        where: sql`status in ('waiting', 'offered')`,
      },
    ],
    kept: "Past entries hold no name or text.",
  }),
];
