import { createHash, randomBytes } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { RequestContext } from "../../platform/http/web-request.js";
import { eraseTable, exportTable, fileKeysOf, type PersonalDataTable } from "../../platform/personal-data.js";
import type { ObjectStorage } from "../../platform/storage/object-storage.js";
import type { AuditService } from "../audit/audit.service.js";
import type { AuthService } from "../auth/auth.service.js";
import type { BookingsService } from "../bookings/bookings.service.js";
import type { EmailService } from "../email/email.service.js";
import type { LedgerService } from "../ledger/ledger.service.js";
import type { ReadingsService } from "../readings/readings.service.js";
import type { UsersService } from "../users/users.service.js";
import { createPrivacyRepository } from "./privacy.repository.js";

export type PrivacyService = ReturnType<typeof createPrivacyService>;

/** How long the emailed deletion link works. */
export const DELETION_LINK_TTL_MS = 60 * 60_000;
export const EXPORT_FORMAT_VERSION = 1;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * A person's rights over their data: the export of everything the registry lists, and the
 * deletion of their account after an emailed confirmation. Deletion anonymizes through the
 * registry in one transaction; money history stays (tied to the anonymized row), open readings
 * end through the readings' own path, files are removed after the commit.
 */
export function createPrivacyService(deps: {
  db: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  storage: ObjectStorage;
  publicOrigin: string;
  registry: readonly PersonalDataTable[];
  users: UsersService;
  auth: AuthService;
  audit: AuditService;
  email: Pick<EmailService, "send">;
  ledger: LedgerService;
  readings: ReadingsService;
  bookings: Pick<BookingsService, "cancelAllOf">;
}) {
  const { db, registry } = deps;
  const repository = createPrivacyRepository();

  async function refuseIfFrozen(userId: string) {
    if (await deps.ledger.isFrozen(userId)) {
      throw new DomainError(
        "ACCOUNT_FROZEN",
        "Your wallet is frozen while a card dispute is open, so the account cannot be deleted yet. Contact support.",
      );
    }
  }

  return {
    /** The personal-data registry this app runs (every module's declarations). */
    registry(): readonly PersonalDataTable[] {
      return registry;
    },

    /** Everything the registry holds about the caller, as one document; audit-logged. */
    async exportData(principal: Principal, context: RequestContext) {
      const user = await deps.users.getUser(principal.userId);
      const tables: Record<string, unknown[]> = {};
      for (const entry of registry) {
        if (entry.table === "users") continue;
        tables[entry.table] = await exportTable(db, entry, principal.userId, user.email);
      }
      await deps.audit.record(db, {
        actor: { userId: principal.userId, email: principal.email },
        action: "privacy.exported",
        objectType: "user",
        objectId: principal.userId,
        details: { tables: Object.keys(tables).length },
        requestId: context.requestId,
      });
      return {
        format: "soulseer-personal-data" as const,
        version: EXPORT_FORMAT_VERSION,
        exportedAt: deps.clock.now().toISOString(),
        profile: user,
        tables,
      };
    },

    /**
     * The caller asks to delete their account: proves it is them (password, or a fresh sign-in),
     * then gets an email with a one-hour confirmation link. Nothing is deleted yet.
     */
    async requestDeletion(principal: Principal, body: { password?: string }, context: RequestContext) {
      await deps.auth.confirmIdentity(principal, body.password);
      await refuseIfFrozen(principal.userId);
      const user = await deps.users.getUser(principal.userId);
      const token = randomBytes(32).toString("base64url");
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + DELETION_LINK_TTL_MS);
      await db.transaction(async (tx) => {
        await repository.insertRequest(tx, {
          userId: principal.userId,
          tokenHash: hashToken(token),
          createdAt: now,
          expiresAt,
        });
        await deps.audit.record(tx, {
          actor: { userId: principal.userId, email: principal.email },
          action: "privacy.deletion_requested",
          objectType: "user",
          objectId: principal.userId,
          details: {},
          requestId: context.requestId,
        });
      });
      const link = `${deps.publicOrigin}/account/delete/confirm?token=${token}`;
      await deps.email.send({
        to: user.email,
        kind: "account-deletion",
        subject: "Confirm the deletion of your SoulSeer account",
        text: [
          `Hello ${user.displayName},`,
          "",
          "You asked to delete your SoulSeer account. To confirm, open this link within one hour:",
          link,
          "",
          "Deleting removes your name, email, photo, texts and notifications and ends any open reading.",
          "Your payment history stays on our books without your name. If you did not ask for this,",
          "ignore this email and change your password.",
        ].join("\n"),
      });
      return { expiresAt: expiresAt.toISOString() };
    },

    /** Whether a link's token is still good (the confirmation page asks before offering the button). */
    async checkDeletionToken(token: string) {
      const row = await repository.findOpenRequest(db, hashToken(token));
      if (!row || row.expiresAt.getTime() <= deps.clock.now().getTime())
        throw new DomainError("INVALID_TOKEN", "This deletion link is not valid or has expired.");
      return { expiresAt: row.expiresAt.toISOString() };
    },

    /** Confirms with the emailed token: ends readings, anonymizes everything, ends every sign-in. */
    async confirmDeletion(token: string, context: RequestContext) {
      const tokenHash = hashToken(token);
      const pending = await repository.findOpenRequest(db, tokenHash);
      const now = deps.clock.now();
      if (!pending || pending.expiresAt.getTime() <= now.getTime())
        throw new DomainError("INVALID_TOKEN", "This deletion link is not valid or has expired.");
      const userId = pending.userId;
      await refuseIfFrozen(userId);
      const readingsEnded = await deps.readings.endOpenReadingsOf(userId);
      const user = await deps.users.getUser(userId);
      const fileKeys: string[] = [];
      const result = await db.transaction(async (tx) => {
        const request = await repository.lockOpenRequest(tx, tokenHash);
        if (!request) throw new DomainError("INVALID_TOKEN", "This deletion link was already used.");
        // Their bookings still ahead are cancelled first (the client gets it all back), then the wallet is read.
        const bookingsCancelled = await deps.bookings.cancelAllOf(userId, tx, "Account deleted");
        const walletBalanceCents = await deps.ledger.balance(userId, "wallet");
        const earningsCents = await deps.ledger.balance(userId, "earnings");
        for (const entry of registry) fileKeys.push(...(await fileKeysOf(tx, entry, userId)));
        await deps.audit.record(tx, {
          actor: { userId, email: user.email },
          action: "privacy.account_deleted",
          objectType: "user",
          objectId: userId,
          details: {
            readingsEnded,
            bookingsCancelled: bookingsCancelled.length,
            walletBalanceCents,
            earningsCents,
            filesRemoved: fileKeys.length,
          },
          requestId: context.requestId,
        });
        const eraseContext = { userId, email: user.email, now };
        for (const entry of registry) await eraseTable(tx, entry, eraseContext);
        await repository.markConfirmed(tx, request.id, now);
        return { walletBalanceCents, earningsCents, claimReference: request.id };
      });
      for (const key of fileKeys) {
        await deps.storage
          .delete(key)
          .catch((error) =>
            deps.logger.warn({ err: error, key }, "removing a deleted account's file failed"),
          );
      }
      return { deleted: true as const, readingsEnded, ...result };
    },
  };
}
