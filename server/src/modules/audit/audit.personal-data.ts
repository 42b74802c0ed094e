import { and, desc, eq, or } from "drizzle-orm";
import type { Database } from "../../platform/db/database.js";
import { EXPORT_ROW_LIMIT, personalDataTable } from "../../platform/personal-data.js";
import { auditLog } from "./audit.tables.js";

/**
 * The audit trail stays (it records what happened), but the person's email written into it is
 * removed. The export holds entries they made and entries about their account.
 */
export function auditPersonalData(db: Database) {
  return [
    personalDataTable(auditLog, {
      userColumns: [auditLog.actorUserId],
      exportRows: (userId) =>
        db
          .select()
          .from(auditLog)
          .where(
            or(
              eq(auditLog.actorUserId, userId),
              and(eq(auditLog.objectType, "user"), eq(auditLog.objectId, userId)),
            ),
          )
          .orderBy(desc(auditLog.createdAt))
          .limit(EXPORT_ROW_LIMIT),
      erase: [{ kind: "scrub", by: [auditLog.actorUserId], set: [[auditLog.actorEmail, null]] }],
      kept: "Audit entries stay as evidence of actions; only the actor's email is removed.",
    }),
  ];
}
