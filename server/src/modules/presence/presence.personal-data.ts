import { personalDataTable } from "../../platform/personal-data.js";
import { presenceConnections, presenceLastSeen } from "./presence.tables.js";

export const presencePersonalData = [
  personalDataTable(presenceConnections, {
    userColumns: [presenceConnections.userId],
    erase: [{ kind: "delete", by: [presenceConnections.userId] }],
  }),
  personalDataTable(presenceLastSeen, {
    userColumns: [presenceLastSeen.userId],
    erase: [{ kind: "delete", by: [presenceLastSeen.userId] }],
  }),
];
