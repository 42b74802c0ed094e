import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { AuditService } from "../audit/audit.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { assertPlainText } from "../readers/readers.service.js";
import type { UsersService } from "../users/users.service.js";
import type { ConversationRow, MessagingRepository, ReportRow } from "./messaging.repository.js";
import type { Side } from "./messaging.schemas.js";

/** An admin reading a reported conversation sees at most this many messages. */
const MAX_REPORTED_MESSAGES = 1000;
const MAX_REPORTS = 100;
const reportNotFound = () => new DomainError("NOT_FOUND", "No such report.");

/**
 * Reports of a conversation: either side tells the admins (with the conversation attached); an
 * admin reads it as written (contact details included), and every such read is audit-logged.
 */
export function createReports(deps: {
  db: Database;
  clock: Clock;
  repository: MessagingRepository;
  users: Pick<UsersService, "contactsOf" | "activeIdsWithRole">;
  notifications: Pick<NotificationsService, "notify">;
  audit: Pick<AuditService, "record">;
  find(id: string): Promise<ConversationRow | null>;
  sideOf(principal: Principal, row: ConversationRow | null): Side;
}) {
  const { db, repository } = deps;

  async function views(rows: ReportRow[]) {
    const conversations = new Map<string, ConversationRow>();
    for (const id of new Set(rows.map((row) => row.conversationId))) {
      const found = await deps.find(id);
      if (found) conversations.set(id, found);
    }
    const people = await deps.users.contactsOf([
      ...[...conversations.values()].flatMap((row) => [row.clientUserId, row.readerUserId]),
      ...rows.flatMap((row) => (row.reporterUserId ? [row.reporterUserId] : [])),
    ]);
    const nameOf = (id: string | null | undefined) =>
      (id ? people.get(id)?.displayName : undefined) ?? "Deleted user";
    return rows.map((row) => {
      const conversation = conversations.get(row.conversationId);
      return {
        id: row.id,
        conversationId: row.conversationId,
        side: row.side,
        reporterName: nameOf(row.reporterUserId),
        clientName: nameOf(conversation?.clientUserId),
        readerName: nameOf(conversation?.readerUserId),
        reason: row.reason,
        createdAt: row.createdAt.toISOString(),
        resolvedAt: row.resolvedAt?.toISOString() ?? null,
        resolution: row.resolution,
      };
    });
  }

  async function viewOf(row: ReportRow) {
    const [view] = await views([row]);
    if (!view) throw reportNotFound();
    return view;
  }

  return {
    /** One of the two people reports the conversation; every admin gets a notification. */
    async report(principal: Principal, conversationId: string, reason: string) {
      const conversation = await deps.find(conversationId);
      const side = deps.sideOf(principal, conversation);
      const text = reason.trim();
      assertPlainText({ reason: text });
      const admins = await deps.users.activeIdsWithRole("admin");
      const row = await db.transaction(async (tx) => {
        const created = await repository.reports.insert(tx, {
          conversationId,
          reporterUserId: principal.userId,
          side,
          reason: text,
          createdAt: deps.clock.now(),
        });
        for (const adminId of admins)
          await deps.notifications.notify(tx, {
            userId: adminId,
            kind: "conversation-report",
            title: "A conversation was reported",
            body: text,
            link: `/admin/reports/${created.id}`,
          });
        return created;
      });
      return viewOf(row);
    },

    async list(status: "open" | "resolved") {
      return { items: await views(await repository.reports.list(db, status, MAX_REPORTS)) };
    },

    /** One report: who reported whom, why, and what was done; never the conversation's text. */
    async summary(reportId: string) {
      const report = await repository.reports.find(db, reportId);
      if (!report) throw reportNotFound();
      return { report: await viewOf(report) };
    },

    /** An admin reads the reported conversation as written; the read is audit-logged first. */
    async read(admin: Principal, reportId: string, requestId: string | null) {
      const report = await repository.reports.find(db, reportId);
      if (!report) throw reportNotFound();
      await db.transaction((tx) =>
        deps.audit.record(tx, {
          actor: { userId: admin.userId, email: admin.email },
          action: "conversation.read",
          objectType: "conversation",
          objectId: report.conversationId,
          details: { reportId },
          requestId,
        }),
      );
      const messages = await repository.allMessages(db, report.conversationId, MAX_REPORTED_MESSAGES);
      return {
        report: await viewOf(report),
        messages: messages.map((row) => ({
          id: row.id,
          side: row.side,
          body: row.body,
          paid: row.priceCents !== null,
          priceCents: row.priceCents,
          preview: row.preview,
          unlockedAt: row.unlockedAt?.toISOString() ?? null,
          withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
          contactHidden: row.contactHidden,
          crisis: row.crisis,
          createdAt: row.createdAt.toISOString(),
        })),
      };
    },

    /** An admin closes a report with what was done (audit-logged); a second close is a conflict. */
    async resolve(admin: Principal, reportId: string, resolution: string, requestId: string | null) {
      const text = resolution.trim();
      assertPlainText({ resolution: text });
      const row = await db.transaction(async (tx) => {
        const resolved = await repository.reports.resolve(tx, reportId, admin.userId, text, deps.clock.now());
        if (!resolved) {
          if (!(await repository.reports.find(tx, reportId))) throw reportNotFound();
          throw new DomainError("CONFLICT", "This report is already resolved.");
        }
        await deps.audit.record(tx, {
          actor: { userId: admin.userId, email: admin.email },
          action: "conversation.report_resolved",
          objectType: "conversation",
          objectId: resolved.conversationId,
          details: { reportId, resolution: text },
          requestId,
        });
        return resolved;
      });
      return viewOf(row);
    },
  };
}
