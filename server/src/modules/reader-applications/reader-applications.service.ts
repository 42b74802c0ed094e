import type { Clock } from "../../platform/clock.js";
import { decodeCursor, toPage } from "../../platform/db/cursor.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { DEFAULT_PAGE_SIZE } from "../../platform/http/pagination.js";
import type { AuditService } from "../audit/audit.service.js";
import { assertPlainText, assertTimeZone, type ReadersService } from "../readers/readers.service.js";
import type { UsersService } from "../users/users.service.js";
import { type ApplicationRow, createApplicationsRepository } from "./reader-applications.repository.js";
import type { ApplicationBody, ApplicationStatus } from "./reader-applications.schemas.js";

export type ApplicationsService = ReturnType<typeof createApplicationsService>;

function toApplicationDto(row: ApplicationRow) {
  return {
    id: row.id,
    userId: row.userId,
    displayName: row.displayName,
    headline: row.headline,
    bio: row.bio,
    specialties: row.specialties,
    tools: row.tools,
    languages: row.languages,
    yearsOfExperience: row.yearsOfExperience,
    sampleAnswer: row.sampleAnswer,
    timeZone: row.timeZone,
    status: row.status,
    decisionReason: row.decisionReason,
    createdAt: row.createdAt.toISOString(),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
  };
}

/**
 * Becoming a reader: a client applies with a profile and a sample answer; an admin approves (the
 * account becomes a reader with a listed profile) or rejects with a reason the applicant sees.
 */
export function createApplicationsService(deps: {
  db: Database;
  users: Pick<UsersService, "assignRole">;
  readers: Pick<ReadersService, "createProfileForReader">;
  audit: Pick<AuditService, "record">;
  clock: Clock;
}) {
  const repository = createApplicationsRepository();
  const { db } = deps;
  return {
    async apply(principal: Principal, input: ApplicationBody) {
      if (principal.role !== "client")
        throw new DomainError("CONFLICT", "Only client accounts apply to become readers.");
      assertPlainText({
        displayName: input.displayName,
        headline: input.headline,
        bio: input.bio,
        sampleAnswer: input.sampleAnswer,
      });
      assertTimeZone(input.timeZone);
      const row = await repository.insertApplication(db, {
        ...input,
        userId: principal.userId,
        createdAt: deps.clock.now(),
      });
      if (!row) throw new DomainError("CONFLICT", "You already have an application waiting for review.");
      return toApplicationDto(row);
    },

    async myApplications(principal: Principal) {
      return (await repository.applicationsOf(db, principal.userId)).map(toApplicationDto);
    },

    async listApplications(query: { status?: ApplicationStatus; cursor?: string; limit?: number }) {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await repository.listApplications(
        db,
        query.status ?? "pending",
        decodeCursor(query.cursor),
        limit,
      );
      const page = toPage(rows, limit);
      return { items: page.items.map(toApplicationDto), nextCursor: page.nextCursor };
    },

    /** Approves: the applicant becomes a reader with a profile; role, profile and audit entry commit together. */
    async approve(actor: Principal, applicationId: string, requestId: string) {
      return db.transaction(async (tx) => {
        const application = await repository.lockApplication(tx, applicationId);
        if (!application) throw new DomainError("NOT_FOUND", "No such application.");
        if (application.status !== "pending")
          throw new DomainError("CONFLICT", `This application was already ${application.status}.`);
        const now = deps.clock.now();
        await repository.decideApplication(tx, applicationId, {
          status: "approved",
          reason: null,
          reviewedBy: actor.userId,
          at: now,
        });
        await deps.users.assignRole(tx, application.userId, "reader", now);
        const reader = await deps.readers.createProfileForReader(
          application.userId,
          { ...application, rates: {} },
          tx,
        );
        await deps.audit.record(tx, {
          actor,
          action: "reader_application.approved",
          objectType: "reader_application",
          objectId: applicationId,
          details: { userId: application.userId, slug: reader.slug },
          requestId,
        });
        return reader;
      });
    },

    async reject(actor: Principal, applicationId: string, reason: string, requestId: string) {
      return db.transaction(async (tx) => {
        const application = await repository.lockApplication(tx, applicationId);
        if (!application) throw new DomainError("NOT_FOUND", "No such application.");
        if (application.status !== "pending")
          throw new DomainError("CONFLICT", `This application was already ${application.status}.`);
        await repository.decideApplication(tx, applicationId, {
          status: "rejected",
          reason: reason.trim(),
          reviewedBy: actor.userId,
          at: deps.clock.now(),
        });
        await deps.audit.record(tx, {
          actor,
          action: "reader_application.rejected",
          objectType: "reader_application",
          objectId: applicationId,
          details: { userId: application.userId, reason: reason.trim() },
          requestId,
        });
        return toApplicationDto({ ...application, status: "rejected", decisionReason: reason.trim() });
      });
    },
  };
}
