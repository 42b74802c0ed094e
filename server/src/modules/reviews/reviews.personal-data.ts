import { personalDataTable } from "../../platform/personal-data.js";
import { clientReaderNotes, reviews } from "./reviews.tables.js";

/** A client's review text and a reader's reply are theirs: emptied; the stars stay in the averages. */
export const reviewsPersonalData = [
  personalDataTable(reviews, {
    userColumns: [reviews.clientUserId, reviews.readerUserId],
    erase: [
      { kind: "scrub", by: [reviews.clientUserId], set: [[reviews.body, ""]] },
      { kind: "scrub", by: [reviews.readerUserId], set: [[reviews.reply, null]] },
    ],
  }),
  personalDataTable(clientReaderNotes, {
    userColumns: [clientReaderNotes.clientUserId, clientReaderNotes.readerUserId],
    // The notes are the client's private words: never in the reader's export.
    exportBy: [clientReaderNotes.clientUserId],
    erase: [{ kind: "delete", by: [clientReaderNotes.clientUserId, clientReaderNotes.readerUserId] }],
  }),
];
