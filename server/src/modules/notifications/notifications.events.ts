import Type from "typebox";
import { defineLiveEvents } from "../../platform/realtime/live-events.js";
import { NotificationSchema } from "./notifications.schemas.js";

/** What the notifications module tells a user's sockets. */
export const notificationsEvents = defineLiveEvents({
  notification: {
    room: "user",
    description: "A new in-app notification for this user.",
    data: Type.Object({ notification: NotificationSchema }),
  },
  "notifications.read": {
    room: "user",
    description: "Notifications were marked read (on any device): the unread count now.",
    data: Type.Object({ unreadCount: Type.Integer() }),
  },
});
