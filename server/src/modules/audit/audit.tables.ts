import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../users/users.tables.js";

/** Who did what to which object, written in the same transaction as the action. Append-only. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** The actor's email when they acted (kept as it was: an audit entry records a moment). */
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    requestId: text("request_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("audit_log_created_idx").on(table.createdAt, table.id),
    index("audit_log_actor_idx").on(table.actorUserId, table.createdAt),
    index("audit_log_object_idx").on(table.objectType, table.objectId),
    index("audit_log_action_idx").on(table.action, table.createdAt),
  ],
);
