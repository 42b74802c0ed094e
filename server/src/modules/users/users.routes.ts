import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import { requestContext } from "../../platform/http/web-request.js";
import {
  AdminUserSchema,
  ChangeRoleBodySchema,
  ListUsersQuerySchema,
  UpdateProfileBodySchema,
  UserEnvelopeSchema,
  UserIdParamsSchema,
  UserPageSchema,
} from "./users.schemas.js";
import type { UsersService } from "./users.service.js";

const tags = ["users"];

export function registerUsersRoutes(app: App, users: UsersService) {
  app.get(
    "/api/v1/me",
    {
      config: { access: "authenticated" },
      schema: { tags, summary: "The signed-in user", response: { 200: UserEnvelopeSchema } },
    },
    async (request) => ({ user: await users.getMe(requirePrincipal(request)) }),
  );
  app.patch(
    "/api/v1/me",
    {
      config: { access: "authenticated" },
      schema: {
        tags,
        summary: "Edit your profile",
        body: UpdateProfileBodySchema,
        response: { 200: UserEnvelopeSchema },
      },
    },
    async (request) => ({ user: await users.updateProfile(requirePrincipal(request), request.body) }),
  );
  app.get(
    "/api/v1/admin/users",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary: "List and search users",
        querystring: ListUsersQuerySchema,
        response: { 200: UserPageSchema },
      },
    },
    async (request) => users.listUsers(request.query),
  );
  app.patch(
    "/api/v1/admin/users/:userId/role",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["admin"],
        summary: "Change a user's role (audit-logged, reason required)",
        params: UserIdParamsSchema,
        body: ChangeRoleBodySchema,
        response: { 200: Type.Object({ user: AdminUserSchema }) },
      },
    },
    async (request) => ({
      user: await users.changeRole(
        requirePrincipal(request),
        request.params.userId,
        request.body,
        requestContext(request),
      ),
    }),
  );
}
