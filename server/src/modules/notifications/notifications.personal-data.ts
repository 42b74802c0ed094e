import { personalDataTable } from "../../platform/personal-data.js";
import { notifications } from "./notifications.tables.js";

export const notificationsPersonalData = [
  personalDataTable(notifications, {
    userColumns: [notifications.userId],
    erase: [{ kind: "delete", by: [notifications.userId] }],
  }),
];
