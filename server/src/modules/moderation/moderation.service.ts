import type { FastifyBaseLogger } from "fastify";
import type { Principal } from "../../platform/http/access.js";
import type { RequestContext } from "../../platform/http/web-request.js";
import type { AuthService } from "../auth/auth.service.js";
import type { BookingsService } from "../bookings/bookings.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { StreamsService } from "../streams/streams.service.js";
import type { AccountAction } from "../users/users.schemas.js";
import type { UsersService } from "../users/users.service.js";

export type ModerationService = ReturnType<typeof createModerationService>;

/**
 * An account's standing, as admins change it: suspend (signed in, reads, exports and withdraws,
 * but acts nowhere), ban (every sign-in and socket ends, sign-in refused) and restore. The users
 * service commits the status with its audit entry and, in the same transaction, what must end:
 * the person's open readings (billed to the second and finalized, through the readings' one end path), a reader's
 * presence (forced offline), their streams, and on a ban every sign-in. Sockets close on every node through the
 * database trigger on `users.status` (auth listens to its event).
 */
export function createModerationService(deps: {
  users: Pick<UsersService, "changeStatus">;
  auth: Pick<AuthService, "endAllSignIns">;
  readers: Pick<ReadersService, "forceOffline">;
  readings: Pick<ReadingsService, "endAllOf">;
  bookings: Pick<BookingsService, "cancelAllOf">;
  streams: { lifecycle: Pick<StreamsService["lifecycle"], "endAllOf"> };
  logger: FastifyBaseLogger;
}) {
  return {
    async apply(
      actor: Principal,
      userId: string,
      action: AccountAction,
      reason: string,
      context: RequestContext,
    ) {
      // One transaction: the standing, its audit entry and everything it ends commit together,
      // so no crash between them leaves a suspended person's reading running.
      const { user, also: endedReadingIds } = await deps.users.changeStatus(
        actor,
        userId,
        action,
        reason,
        context,
        async (tx) => {
          if (action === "restore") return [];
          if (action === "ban") await deps.auth.endAllSignIns(userId, tx);
          const cause = action === "ban" ? "account_banned" : "account_suspended";
          const ended = await deps.readings.endAllOf(userId, cause, tx);
          // Their bookings still ahead go as a reader's cancellation would (the client gets it all back).
          await deps.bookings.cancelAllOf(
            userId,
            tx,
            action === "ban" ? "Account banned" : "Account suspended",
          );
          // Their streams end (on air) or are cancelled (scheduled; tickets refunded).
          await deps.streams.lifecycle.endAllOf(tx, userId);
          // A reader freed by an ended reading is already offline (markFree reads the standing).
          await deps.readers.forceOffline(userId, tx);
          return ended;
        },
      );
      deps.logger.info({ userId, action, endedReadingIds }, "account standing changed");
      return { user, endedReadingIds };
    },
  };
}
