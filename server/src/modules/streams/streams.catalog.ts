import { isUniqueViolation } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import type { StreamsContext } from "./streams.context.js";
import type { GiftRow } from "./streams.repository.js";
import type { CreateGiftBody, UpdateGiftBody } from "./streams.schemas.js";

export const giftView = (row: GiftRow) => ({
  id: row.id,
  name: row.name,
  priceCents: row.priceCents,
  animation: row.animation,
  active: row.active,
});

const nameTaken = () => new DomainError("CONFLICT", "A gift with that name exists already.");

/** The admin-managed gift catalog; every change is audit-logged. */
export function createGiftCatalog(ctx: StreamsContext) {
  const { repository } = ctx;
  const audit = (
    tx: Parameters<StreamsContext["audit"]["record"]>[0],
    admin: Principal,
    action: string,
    gift: GiftRow,
    requestId: string | null,
  ) =>
    ctx.audit.record(tx, {
      actor: { userId: admin.userId, email: admin.email },
      action,
      objectType: "gift",
      objectId: gift.id,
      details: giftView(gift),
      requestId,
    });

  return {
    async list(includeInactive: boolean) {
      return (await repository.listGifts(ctx.db, !includeInactive)).map(giftView);
    },

    async create(admin: Principal, body: CreateGiftBody, requestId: string | null) {
      return ctx.db.transaction(async (tx) => {
        if (await repository.giftNameTaken(tx, body.name.trim(), null)) throw nameTaken();
        const now = ctx.clock.now();
        const gift = await repository.insertGift(tx, {
          name: body.name.trim(),
          priceCents: body.priceCents,
          animation: body.animation,
          active: body.active ?? true,
          createdAt: now,
          updatedAt: now,
        });
        if (!gift) throw nameTaken();
        await audit(tx, admin, "gift.create", gift, requestId);
        return giftView(gift);
      });
    },

    async update(admin: Principal, giftId: string, body: UpdateGiftBody, requestId: string | null) {
      return (
        ctx.db
          .transaction(async (tx) => {
            const name = body.name?.trim();
            if (name !== undefined && (await repository.giftNameTaken(tx, name, giftId))) throw nameTaken();
            const gift = await repository.updateGift(tx, giftId, {
              ...body,
              ...(name !== undefined ? { name } : {}),
              updatedAt: ctx.clock.now(),
            });
            if (!gift) throw new DomainError("NOT_FOUND", "No such gift.");
            await audit(tx, admin, "gift.update", gift, requestId);
            return giftView(gift);
          })
          // Two admins naming two gifts alike at once: the second is told, as if it had looked first.
          .catch((error: unknown) => {
            if (isUniqueViolation(error)) throw nameTaken();
            throw error;
          })
      );
    },
  };
}
