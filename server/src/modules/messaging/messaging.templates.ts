import { sql } from "drizzle-orm";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { assertPlainText } from "../readers/readers.service.js";
import { createMessagingRepository, type TemplateRow } from "./messaging.repository.js";
import { MAX_TEMPLATES, type TemplateBody } from "./messaging.schemas.js";

const toView = (row: TemplateRow) => ({
  id: row.id,
  title: row.title,
  body: row.body,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** Serializes one reader's template writes for the rest of the transaction. */
const lockReader = (readerUserId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`reply-templates:${readerUserId}`}, 0))`;

const notFound = () => new DomainError("NOT_FOUND", "No such saved reply.");

/** A reader's saved replies: up to 50 titled texts they can drop into any reply. */
export function createTemplates(deps: { db: Database; clock: Clock }) {
  const { db } = deps;
  const { templates } = createMessagingRepository();

  function clean(input: TemplateBody) {
    const title = input.title.trim();
    const body = input.body.trim();
    if (!title || !body)
      throw new DomainError("VALIDATION_FAILED", "A saved reply needs a title and a text.", [
        { path: title ? "/body" : "/title", message: "empty" },
      ]);
    assertPlainText({ title, body });
    return { title, body };
  }

  return {
    async list(principal: Principal) {
      return { items: (await templates.list(db, principal.userId)).map(toView) };
    },

    async create(principal: Principal, input: TemplateBody) {
      const fields = clean(input);
      const row = await db.transaction(async (tx) => {
        // Counted under the reader's row lock, so two tabs cannot pass the limit together.
        await tx.execute(lockReader(principal.userId));
        if ((await templates.count(tx, principal.userId)) >= MAX_TEMPLATES)
          throw new DomainError("CONFLICT", `You can keep up to ${MAX_TEMPLATES} saved replies.`);
        const at = deps.clock.now();
        return templates.insert(tx, {
          readerUserId: principal.userId,
          ...fields,
          createdAt: at,
          updatedAt: at,
        });
      });
      return toView(row);
    },

    async update(principal: Principal, templateId: string, input: TemplateBody) {
      const row = await templates.update(db, templateId, principal.userId, {
        ...clean(input),
        updatedAt: deps.clock.now(),
      });
      if (!row) throw notFound();
      return toView(row);
    },

    async remove(principal: Principal, templateId: string) {
      if (!(await templates.remove(db, templateId, principal.userId))) throw notFound();
    },
  };
}
