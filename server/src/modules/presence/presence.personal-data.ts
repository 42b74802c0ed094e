import { personalDataTable } from "../../platform/personal-data.js";
import { presenceConnections } from "./presence.tables.js";

export const presencePersonalData = [
  personalDataTable(presenceConnections, {
    userColumns: [presenceConnections.userId],
    erase: [{ kind: "delete", by: [presenceConnections.userId] }],
  }),
];
