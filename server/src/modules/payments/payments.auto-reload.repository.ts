import { and, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { autoReloadSettings, savedCards, topUps } from "./payments.tables.js";

export type SavedCardRow = typeof savedCards.$inferSelect;
export type AutoReloadSettingsRow = typeof autoReloadSettings.$inferSelect;

/** Saved cards, auto-reload settings and the auto-reload top-ups' counts. */
export function createAutoReloadRepository() {
  return {
    async findCard(db: Executor, userId: string) {
      const [row] = await db.select().from(savedCards).where(eq(savedCards.userId, userId));
      return row ?? null;
    },

    /** Starts (or restarts) saving a card: the setup checkout under way and the provider's customer. */
    async startSetup(
      db: Executor,
      row: {
        userId: string;
        provider: "stripe" | "sandbox";
        customerId: string;
        setupCheckoutId: string;
        at: Date;
      },
    ) {
      await db
        .insert(savedCards)
        .values({
          userId: row.userId,
          provider: row.provider,
          customerId: row.customerId,
          setupCheckoutId: row.setupCheckoutId,
          updatedAt: row.at,
        })
        .onConflictDoUpdate({
          target: savedCards.userId,
          set: {
            provider: row.provider,
            customerId: row.customerId,
            setupCheckoutId: row.setupCheckoutId,
            updatedAt: row.at,
          },
        });
    },

    async lockCardBySetup(db: Executor, provider: string, setupCheckoutId: string) {
      const [row] = await db
        .select()
        .from(savedCards)
        .where(
          and(eq(savedCards.provider, provider as "stripe"), eq(savedCards.setupCheckoutId, setupCheckoutId)),
        )
        .for("update");
      return row ?? null;
    },

    async saveCard(
      db: Executor,
      userId: string,
      card: {
        customerId: string;
        paymentMethodId: string;
        brand: string | null;
        last4: string | null;
        expMonth: number | null;
        expYear: number | null;
        at: Date;
      },
    ) {
      const { at, ...details } = card;
      await db
        .update(savedCards)
        .set({ ...details, setupCheckoutId: null, savedAt: at, updatedAt: at })
        .where(eq(savedCards.userId, userId));
    },

    async deleteCard(db: Executor, userId: string) {
      const [row] = await db.delete(savedCards).where(eq(savedCards.userId, userId)).returning();
      return row ?? null;
    },

    async findSettings(db: Executor, userId: string) {
      const [row] = await db.select().from(autoReloadSettings).where(eq(autoReloadSettings.userId, userId));
      return row ?? null;
    },

    async lockSettings(db: Executor, userId: string) {
      const [row] = await db
        .select()
        .from(autoReloadSettings)
        .where(eq(autoReloadSettings.userId, userId))
        .for("update");
      return row ?? null;
    },

    async saveSettings(db: Executor, row: AutoReloadSettingsRow) {
      await db
        .insert(autoReloadSettings)
        .values(row)
        .onConflictDoUpdate({
          target: autoReloadSettings.userId,
          set: {
            enabled: row.enabled,
            amountCents: row.amountCents,
            floorCents: row.floorCents,
            updatedAt: row.updatedAt,
          },
        });
    },

    async disable(db: Executor, userId: string, at: Date) {
      await db
        .update(autoReloadSettings)
        .set({ enabled: false, updatedAt: at })
        .where(eq(autoReloadSettings.userId, userId));
    },

    /** Of these users, those with auto-reload on and a saved card. */
    enabledAmong(db: Executor, userIds: readonly string[]) {
      if (userIds.length === 0) return Promise.resolve([]);
      return db
        .select({ userId: autoReloadSettings.userId, floorCents: autoReloadSettings.floorCents })
        .from(autoReloadSettings)
        .innerJoin(savedCards, eq(savedCards.userId, autoReloadSettings.userId))
        .where(
          and(
            inArray(autoReloadSettings.userId, [...userIds]),
            eq(autoReloadSettings.enabled, true),
            isNotNull(savedCards.paymentMethodId),
          ),
        );
    },

    /** Users with auto-reload on, a saved card and a floor outside readings (a bounded page). */
    withFloor(db: Executor, afterUserId: string, limit: number) {
      return db
        .select({ userId: autoReloadSettings.userId, floorCents: autoReloadSettings.floorCents })
        .from(autoReloadSettings)
        .innerJoin(savedCards, eq(savedCards.userId, autoReloadSettings.userId))
        .where(
          and(
            eq(autoReloadSettings.enabled, true),
            isNotNull(autoReloadSettings.floorCents),
            gt(autoReloadSettings.userId, afterUserId),
            isNotNull(savedCards.paymentMethodId),
          ),
        )
        .orderBy(autoReloadSettings.userId)
        .limit(limit);
    },

    /** A client's auto-reloads since `since`: how many, and when the newest was made. */
    async autoReloadsSince(db: Executor, userId: string, since: Date) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int`, newest: sql<Date | null>`max(${topUps.createdAt})` })
        .from(topUps)
        .where(and(eq(topUps.userId, userId), eq(topUps.kind, "auto_reload"), gte(topUps.createdAt, since)));
      return { count: row?.count ?? 0, newest: row?.newest ? new Date(row.newest) : null };
    },

    /** Auto-reloads made but never answered by the processor (a crash between the two). */
    stalePending(db: Executor, before: Date, limit: number) {
      return db
        .select()
        .from(topUps)
        .where(
          and(
            eq(topUps.kind, "auto_reload"),
            eq(topUps.status, "pending"),
            isNull(topUps.providerPaymentId),
            lt(topUps.createdAt, before),
          ),
        )
        .orderBy(topUps.createdAt)
        .limit(limit);
    },

    async lastAutoReload(db: Executor, userId: string) {
      const [row] = await db
        .select()
        .from(topUps)
        .where(and(eq(topUps.userId, userId), eq(topUps.kind, "auto_reload")))
        .orderBy(desc(topUps.createdAt), desc(topUps.id))
        .limit(1);
      return row ?? null;
    },

    /** What the processor answered an auto-reload's charge (before its event, if any). */
    async recordCharge(
      db: Executor,
      id: string,
      changes: {
        status: "pending" | "requires_action" | "failed";
        paymentId: string | null;
        message?: string;
        at: Date;
      },
    ) {
      await db
        .update(topUps)
        .set({
          status: changes.status,
          providerPaymentId: changes.paymentId ?? undefined,
          failureMessage: changes.message ?? null,
          completedAt: changes.status === "failed" ? changes.at : null,
        })
        .where(and(eq(topUps.id, id), inArray(topUps.status, ["pending", "requires_action"])));
    },
  };
}

export type AutoReloadRepository = ReturnType<typeof createAutoReloadRepository>;
