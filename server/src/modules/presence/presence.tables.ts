import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "../users/users.tables.js";

/**
 * How many WebSocket connections each app node holds for a user. A node refreshes `heartbeatAt`
 * for its rows while it runs; rows of a node that stopped refreshing are ignored and swept.
 */
export const presenceConnections = pgTable(
  "presence_connections",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    nodeId: text("node_id").notNull(),
    connections: integer("connections").notNull(),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.nodeId] }),
    index("presence_connections_node_idx").on(table.nodeId),
  ],
);

/** When each user's last connection closed (anywhere): "not online for 10 minutes" is read here. */
export const presenceLastSeen = pgTable("presence_last_seen", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
});
