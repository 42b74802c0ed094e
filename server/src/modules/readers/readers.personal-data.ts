import { randomUUID } from "node:crypto";
import { personalDataTable } from "../../platform/personal-data.js";
import { favorites, readerProfiles } from "./readers.tables.js";

/** A reader's public page is anonymized and taken off the listing; its photo file is removed. */
export const readersPersonalData = [
  personalDataTable(readerProfiles, {
    userColumns: [readerProfiles.userId],
    fileKeyColumn: { column: readerProfiles.photoKey, by: readerProfiles.userId },
    erase: [
      {
        kind: "scrub",
        by: [readerProfiles.userId],
        set: [
          [readerProfiles.displayName, "Deleted reader"],
          [readerProfiles.slug, () => `deleted-${randomUUID()}`],
          [readerProfiles.headline, ""],
          [readerProfiles.bio, ""],
          [readerProfiles.photoKey, null],
          [readerProfiles.photoUpdatedAt, null],
          [readerProfiles.status, "offline"],
          [readerProfiles.listed, "suspended"],
        ],
      },
    ],
  }),
  personalDataTable(favorites, {
    userColumns: [favorites.clientUserId, favorites.readerUserId],
    // Whom a client stars is the client's: not in the reader's export.
    exportBy: [favorites.clientUserId],
    erase: [{ kind: "delete", by: [favorites.clientUserId, favorites.readerUserId] }],
  }),
];
