import { personalDataTable } from "../../platform/personal-data.js";
import { bookings, readerAvailability } from "./bookings.tables.js";

/**
 * Bookings are money history (their holds and captures are in the ledger) and stay, without the
 * person's name or question; a leaving person's bookings still ahead are cancelled first (the
 * privacy module asks the bookings service, which refunds the client in full). A reader's hours go.
 */
export const bookingsPersonalData = [
  personalDataTable(bookings, {
    userColumns: [bookings.clientUserId, bookings.readerUserId],
    erase: [
      {
        kind: "scrub",
        by: [bookings.clientUserId],
        set: [
          [bookings.clientName, "Deleted user"],
          [bookings.question, null],
        ],
      },
      {
        kind: "scrub",
        by: [bookings.readerUserId],
        set: [
          [bookings.readerName, "Deleted reader"],
          [bookings.readerSlug, null],
        ],
      },
    ],
    kept: "Bookings and their charges are money history.",
  }),
  personalDataTable(readerAvailability, {
    userColumns: [readerAvailability.readerUserId],
    erase: [{ kind: "delete", by: [readerAvailability.readerUserId] }],
  }),
];
