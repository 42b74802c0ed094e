import { personalDataTable } from "../../platform/personal-data.js";
import { readerApplications } from "./reader-applications.tables.js";

export const readerApplicationsPersonalData = [
  personalDataTable(readerApplications, {
    userColumns: [readerApplications.userId, readerApplications.reviewedBy],
    erase: [
      {
        kind: "scrub",
        by: [readerApplications.userId],
        set: [
          [readerApplications.displayName, "Deleted user"],
          [readerApplications.headline, ""],
          [readerApplications.bio, ""],
          [readerApplications.sampleAnswer, ""],
          [readerApplications.decisionReason, null],
        ],
      },
    ],
    kept: "An admin's decisions (reviewed_by) stay on the applications they decided.",
  }),
];
