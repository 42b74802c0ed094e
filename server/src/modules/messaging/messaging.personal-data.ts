import { personalDataTable } from "../../platform/personal-data.js";
import {
  conversationMessages,
  conversationReports,
  conversations,
  messageAttachments,
  replyTemplates,
} from "./messaging.tables.js";

/**
 * A person's conversations and what they wrote are theirs to export. Deleting an account wipes
 * the text of the messages it wrote (the other side's messages stay theirs); the conversations
 * keep only the two ids and counts.
 */
export const messagingPersonalData = [
  personalDataTable(conversations, {
    userColumns: [conversations.clientUserId, conversations.readerUserId],
    erase: [],
    kept: "A conversation row holds only the two user ids, unread counts and times.",
  }),
  personalDataTable(conversationMessages, {
    userColumns: [conversationMessages.senderUserId],
    erase: [
      {
        kind: "scrub",
        by: [conversationMessages.senderUserId],
        set: [
          [conversationMessages.body, ""],
          [conversationMessages.shownBody, null],
          [conversationMessages.preview, null],
          [conversationMessages.shownPreview, null],
          [conversationMessages.senderUserId, null],
        ],
      },
    ],
  }),
  personalDataTable(replyTemplates, {
    userColumns: [replyTemplates.readerUserId],
    erase: [{ kind: "delete", by: [replyTemplates.readerUserId] }],
  }),
  personalDataTable(conversationReports, {
    userColumns: [conversationReports.reporterUserId, conversationReports.resolvedBy],
    erase: [
      {
        kind: "scrub",
        by: [conversationReports.reporterUserId],
        set: [
          [conversationReports.reason, ""],
          [conversationReports.reporterUserId, null],
        ],
      },
    ],
    kept: "An admin's resolutions (resolved_by) stay on the reports they closed.",
  }),
  personalDataTable(messageAttachments, {
    userColumns: [messageAttachments.uploaderUserId],
    // The image files go with the account; the rows keep only sizes for the conversation's shape.
    fileKeyColumn: { column: messageAttachments.storageKey, by: messageAttachments.uploaderUserId },
    erase: [
      {
        kind: "scrub",
        by: [messageAttachments.uploaderUserId],
        set: [
          [messageAttachments.storageKey, null],
          [messageAttachments.uploaderUserId, null],
        ],
      },
    ],
  }),
];
