import Type from "typebox";
import { requirePrincipal } from "../../platform/http/access.js";
import type { App } from "../../platform/http/server.js";
import { requestContext } from "../../platform/http/web-request.js";
import {
  type AccountAction,
  AccountActionBodySchema,
  AdminUserSchema,
  UserIdParamsSchema,
} from "../users/users.schemas.js";
import type { ModerationService } from "./moderation.service.js";

const SUMMARIES: Record<AccountAction, string> = {
  suspend:
    "Suspend an account: it still signs in, reads and withdraws, but cannot act; its live readings end (reason required, audit-logged)",
  ban: "Ban an account: every sign-in and socket ends now and sign-in is refused; its live readings end (reason required, audit-logged)",
  restore: "Restore a suspended or banned account to active (reason required, audit-logged)",
};

const AccountActionReplySchema = Type.Object({
  user: AdminUserSchema,
  endedReadingIds: Type.Array(Type.String(), { description: "The person's readings this action ended." }),
});

export function registerModerationRoutes(app: App, moderation: ModerationService) {
  for (const action of ["suspend", "ban", "restore"] as const) {
    app.post(
      `/api/v1/admin/users/:userId/${action}`,
      {
        config: { access: ["admin"] },
        schema: {
          tags: ["admin"],
          summary: SUMMARIES[action],
          params: UserIdParamsSchema,
          body: AccountActionBodySchema,
          response: { 200: AccountActionReplySchema },
        },
      },
      async (request) =>
        moderation.apply(
          requirePrincipal(request),
          request.params.userId,
          action,
          request.body.reason,
          requestContext(request),
        ),
    );
  }
}
