import { asc, eq, inArray, or } from "drizzle-orm";
import type { Database } from "../../platform/db/database.js";
import { EXPORT_ROW_LIMIT, personalDataTable } from "../../platform/personal-data.js";
import { chatMessages, readingConnections, readings } from "./readings.tables.js";

/**
 * Readings are money history (their charges are in the ledger) and stay, without the person's
 * name; the chat lines they wrote are emptied. The export holds their readings and the whole
 * transcript of each (both sides' lines).
 */
export function readingsPersonalData(db: Database) {
  const readingIdsOf = (userId: string) =>
    db
      .select({ id: readings.id })
      .from(readings)
      .where(or(eq(readings.clientUserId, userId), eq(readings.readerUserId, userId)));
  return [
    personalDataTable(readings, {
      userColumns: [readings.clientUserId, readings.readerUserId],
      erase: [
        { kind: "scrub", by: [readings.clientUserId], set: [[readings.clientName, "Deleted user"]] },
        {
          kind: "scrub",
          by: [readings.readerUserId],
          set: [
            [readings.readerName, "Deleted reader"],
            [readings.readerSlug, null],
            [readings.readerNote, null],
          ],
        },
      ],
      kept: "Readings and their charges are money history.",
    }),
    personalDataTable(chatMessages, {
      userColumns: [chatMessages.senderUserId],
      exportRows: (userId) =>
        db
          .select()
          .from(chatMessages)
          .where(inArray(chatMessages.readingId, readingIdsOf(userId)))
          .orderBy(asc(chatMessages.seq))
          .limit(EXPORT_ROW_LIMIT),
      erase: [{ kind: "scrub", by: [chatMessages.senderUserId], set: [[chatMessages.body, "[deleted]"]] }],
    }),
    personalDataTable(readingConnections, {
      userColumns: [readingConnections.userId],
      erase: [],
      kept: "Connection counts of readings (no name or text); the meter reads them.",
    }),
  ];
}
