import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { LivePublisher } from "../../platform/realtime/live-events.js";
import type { AuditService } from "../audit/audit.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { LimitsService } from "../limits/limits.service.js";
import type { MessagingService } from "../messaging/messaging.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import type { ReadersService } from "../readers/readers.service.js";
import type { UsersService } from "../users/users.service.js";
import type { streamsEvents } from "./streams.events.js";
import type { StreamsRepository } from "./streams.repository.js";

/** What the streams service is built from (the platform's parts and other modules' services). */
export interface StreamsDeps {
  db: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  ledger: LedgerService;
  limits: Pick<LimitsService, "consume">;
  readers: Pick<ReadersService, "namesOf" | "favoritedBy">;
  users: Pick<UsersService, "contactsOf">;
  notifications: Pick<NotificationsService, "notify">;
  messaging: Pick<MessagingService, "knowsClient">;
  audit: Pick<AuditService, "record">;
  /** This app node (its viewer counts carry it). */
  nodeId: string;
  readerShareBasisPoints: number;
  /**
   * The app's relay carries the video (no Agora): a live stream whose publisher no node has
   * registered for a minute has dropped. With Agora the video does not pass through the app.
   */
  relayCarriesVideo: boolean;
}

/** What the parts of the streams module share. */
export interface StreamsContext extends StreamsDeps {
  repository: StreamsRepository;
  live: LivePublisher<typeof streamsEvents>;
}
