import { personalDataTable } from "../../platform/personal-data.js";
import {
  streamChatMessages,
  streamGifts,
  streamInvitations,
  streamMutes,
  streamReminders,
  streamSupporters,
  streams,
  streamTickets,
} from "./streams.tables.js";

/**
 * What a person did around live streams is theirs to export. Erasing an account wipes what it
 * wrote in live chats and its invitations, reminders and mutes; streams, tickets, gifts and board
 * rows stay (they are the books: each names a ledger transfer) with only the user id.
 */
export const streamsPersonalData = [
  personalDataTable(streams, {
    userColumns: [streams.readerUserId, streams.endedByUserId],
    erase: [],
    kept: "A stream row holds its title, times and counts; the ledger refers to it.",
  }),
  personalDataTable(streamInvitations, {
    userColumns: [streamInvitations.clientUserId],
    erase: [{ kind: "delete", by: [streamInvitations.clientUserId] }],
  }),
  personalDataTable(streamTickets, {
    userColumns: [streamTickets.clientUserId],
    erase: [],
    kept: "A ticket names its ledger transfer (the books are kept).",
  }),
  personalDataTable(streamGifts, {
    userColumns: [streamGifts.senderUserId],
    erase: [],
    kept: "A gift names its ledger transfer (the books are kept).",
  }),
  personalDataTable(streamSupporters, {
    userColumns: [streamSupporters.userId],
    erase: [],
    kept: "A supporter's total in a stream: sums of gifts kept in the books.",
  }),
  personalDataTable(streamChatMessages, {
    userColumns: [streamChatMessages.senderUserId],
    erase: [
      {
        kind: "scrub",
        by: [streamChatMessages.senderUserId],
        set: [
          [streamChatMessages.body, ""],
          [streamChatMessages.shownBody, ""],
          [streamChatMessages.senderUserId, null],
        ],
      },
    ],
  }),
  personalDataTable(streamMutes, {
    userColumns: [streamMutes.userId],
    erase: [{ kind: "delete", by: [streamMutes.userId] }],
  }),
  personalDataTable(streamReminders, {
    userColumns: [streamReminders.userId],
    erase: [{ kind: "delete", by: [streamReminders.userId] }],
  }),
];
