import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Principal } from "../../platform/http/access.js";
import { DomainError } from "../../platform/http/errors.js";
import { toSquareWebp } from "../../platform/storage/image.js";
import type { ObjectStorage } from "../../platform/storage/object-storage.js";
import type { AuditService } from "../audit/audit.service.js";
import type { UsersService } from "../users/users.service.js";
import { createReadersRepository } from "./readers.repository.js";
import { toReaderDto } from "./readers.service.js";

/** Upload limits of a profile photo (issue 4). */
export const PHOTO_MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const PHOTO_MAX_INPUT_PIXELS = 40_000_000;
export const PHOTO_SIZE_PX = 512;
export const PHOTO_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;

export type ReaderPhotosService = ReturnType<typeof createReaderPhotosService>;

/**
 * Reader profile photos: checked and resized to a 512×512 WebP, kept in object storage under a
 * fresh key each time. The database row commits first; the object it replaced is removed after.
 */
export function createReaderPhotosService(deps: {
  db: Database;
  storage: ObjectStorage;
  users: Pick<UsersService, "hasActiveRole">;
  audit: AuditService;
  clock: Clock;
  logger: FastifyBaseLogger;
}) {
  const repository = createReadersRepository();
  const { db, storage } = deps;

  function assertMayEdit(actor: Principal, readerUserId: string) {
    if (actor.role !== "admin" && actor.userId !== readerUserId)
      throw new DomainError("FORBIDDEN", "Your account may not do this.");
  }

  /** After commit: a leftover object only costs space, so a failed delete is logged, not raised. */
  async function deleteQuietly(key: string) {
    await storage
      .delete(key)
      .catch((error) => deps.logger.warn({ err: error, key }, "deleting a file failed"));
  }

  /** Points the profile at `key` (or at no photo), audit-logged when someone else does it. */
  async function savePhotoKey(readerUserId: string, key: string | null, actor: Principal, requestId: string) {
    return db.transaction(async (tx) => {
      const locked = await repository.lockProfile(tx, readerUserId);
      if (!locked) throw new DomainError("NOT_FOUND", "No such reader.");
      const now = deps.clock.now();
      const updated = await repository.updateProfile(tx, readerUserId, {
        photoKey: key,
        photoUpdatedAt: key ? now : null,
        updatedAt: now,
      });
      if (!updated) throw new DomainError("NOT_FOUND", "No such reader.");
      if (actor.userId !== readerUserId) {
        await deps.audit.record(tx, {
          actor,
          action: key ? "reader_photo.replaced" : "reader_photo.removed",
          objectType: "reader_profile",
          objectId: readerUserId,
          details: { previousKey: locked.photoKey, key },
          requestId,
        });
      }
      return { previousKey: locked.photoKey, profile: updated };
    });
  }

  return {
    /** Checks, resizes and stores a new photo, then swaps it in; nothing is stored for a bad image. */
    async setPhoto(readerUserId: string, bytes: Buffer, actor: Principal, requestId: string) {
      assertMayEdit(actor, readerUserId);
      if (!(await repository.findProfile(db, readerUserId)))
        throw new DomainError("NOT_FOUND", "No such reader.");
      const webp = await toSquareWebp(bytes, {
        sizePx: PHOTO_SIZE_PX,
        maxInputPixels: PHOTO_MAX_INPUT_PIXELS,
        maxInputBytes: PHOTO_MAX_UPLOAD_BYTES,
      });
      const key = `reader-photos/${randomUUID()}.webp`;
      await storage.put(key, webp, "image/webp");
      let saved: Awaited<ReturnType<typeof savePhotoKey>>;
      try {
        saved = await savePhotoKey(readerUserId, key, actor, requestId);
      } catch (error) {
        await deleteQuietly(key);
        throw error;
      }
      if (saved.previousKey) await deleteQuietly(saved.previousKey);
      return toReaderDto(saved.profile);
    },

    async removePhoto(readerUserId: string, actor: Principal, requestId: string) {
      assertMayEdit(actor, readerUserId);
      const saved = await savePhotoKey(readerUserId, null, actor, requestId);
      if (saved.previousKey) await deleteQuietly(saved.previousKey);
      return toReaderDto(saved.profile);
    },

    /** A time-limited URL of the photo, for whoever may see the profile (listed, or admin, or self). */
    async photoReadUrl(readerUserId: string, viewer: Principal | null) {
      const profile = await repository.findProfile(db, readerUserId);
      if (!profile?.photoKey) throw new DomainError("NOT_FOUND", "No photo.");
      const privileged = viewer?.role === "admin" || viewer?.userId === profile.userId;
      if (!privileged) {
        const listed =
          profile.listed === "listed" && (await deps.users.hasActiveRole(profile.userId, "reader"));
        if (!listed) throw new DomainError("NOT_FOUND", "No photo.");
      }
      return storage.readUrl(profile.photoKey);
    },
  };
}
