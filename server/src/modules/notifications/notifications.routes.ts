import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import { PageQueryFields } from "../../platform/http/pagination.js";
import type { App } from "../../platform/http/server.js";
import { NotificationSchema } from "./notifications.schemas.js";
import type { NotificationsService } from "./notifications.service.js";

const tags = ["notifications"];
export function registerNotificationRoutes(app: App, notifications: NotificationsService) {
  app.get(
    "/api/v1/notifications",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Your in-app notifications, newest first, with the unread count",
        querystring: Type.Object({ ...PageQueryFields, unread: Type.Optional(Type.Boolean()) }),
        response: {
          200: Type.Object({
            items: Type.Array(NotificationSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            unreadCount: Type.Integer(),
          }),
        },
      },
    },
    async (request) => notifications.list(requirePrincipal(request), request.query),
  );
  app.post(
    "/api/v1/notifications/read",
    {
      config: { access: "authenticated", allowSuspended: true },
      schema: {
        tags,
        summary: "Mark notifications read: the listed ids, or all of them when `ids` is left out",
        body: Type.Object({
          ids: Type.Optional(Type.Array(Type.String({ format: "uuid" }), { minItems: 1, maxItems: 100 })),
        }),
        response: { 200: Type.Object({ marked: Type.Integer(), unreadCount: Type.Integer() }) },
      },
    },
    async (request) => notifications.markRead(requirePrincipal(request), request.body.ids ?? null),
  );
}
