import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Clock } from "../clock.js";
import { DomainError } from "../http/errors.js";
import { assertStorageKey, contentTypeOfKey, isStorageKey, type ObjectStorage } from "./object-storage.js";

export const LOCAL_FILES_ROUTE_PREFIX = "/api/v1/files/";

export interface LocalStorageOptions {
  /** Folder holding the files (created on first write). */
  root: string;
  /** HMAC key of the read URLs. */
  secret: string;
  urlTtlSeconds: number;
  clock: Clock;
}

export type LocalStorage = ObjectStorage & {
  readonly kind: "local";
  /** Checks a read URL's key, expiry and signature; returns the file to serve or throws 403/404. */
  resolveSignedRead(
    key: string,
    expires: string | undefined,
    signature: string | undefined,
  ): Promise<{ filePath: string; contentType: string; sizeBytes: number; maxAgeSeconds: number }>;
};

/** Files on local disk, read through `/api/v1/files/<key>?expires=…&signature=…` (HMAC-SHA256). */
export function createLocalStorage(options: LocalStorageOptions): LocalStorage {
  const root = path.resolve(options.root);

  function sign(key: string, expires: number) {
    return createHmac("sha256", options.secret).update(`${key}\n${expires}`).digest();
  }

  /** The file of a key, guaranteed inside the root (the key pattern already forbids `..`). */
  function fileOf(key: string) {
    assertStorageKey(key);
    const filePath = path.resolve(root, key);
    if (!filePath.startsWith(`${root}${path.sep}`)) throw new Error(`key escapes the storage root: ${key}`);
    return filePath;
  }

  const refused = () => new DomainError("FILE_URL_INVALID", "This file link is not valid.");

  return {
    kind: "local",
    async put(key, body, contentType) {
      const filePath = fileOf(key);
      if (contentTypeOfKey(key) !== contentType)
        throw new Error(`local storage serves ${key} as ${contentTypeOfKey(key)}, not ${contentType}`);
      // Write beside the target, then rename: readers never see a half-written file.
      const temporaryDir = path.join(root, ".tmp");
      await mkdir(temporaryDir, { recursive: true });
      await mkdir(path.dirname(filePath), { recursive: true });
      const temporary = path.join(temporaryDir, randomUUID());
      try {
        await writeFile(temporary, body, { flag: "wx", mode: 0o640 });
        await rename(temporary, filePath);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
    async readUrl(key) {
      assertStorageKey(key);
      const expires = Math.floor(options.clock.now().getTime() / 1000) + options.urlTtlSeconds;
      const signature = sign(key, expires).toString("base64url");
      return `${LOCAL_FILES_ROUTE_PREFIX}${key}?expires=${expires}&signature=${signature}`;
    },
    async resolveSignedRead(key, expires, signature) {
      if (!isStorageKey(key) || !expires || !/^\d{1,12}$/.test(expires) || !signature) throw refused();
      const given = Buffer.from(signature, "base64url");
      const expected = sign(key, Number(expires));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
      const remainingSeconds = Number(expires) - Math.floor(options.clock.now().getTime() / 1000);
      if (remainingSeconds <= 0) throw new DomainError("FILE_URL_EXPIRED", "This file link has expired.");
      const contentType = contentTypeOfKey(key);
      if (!contentType) throw refused();
      const filePath = fileOf(key);
      const info = await stat(filePath).catch(() => null);
      if (!info?.isFile()) throw new DomainError("NOT_FOUND", "No such file.");
      return { filePath, contentType, sizeBytes: info.size, maxAgeSeconds: remainingSeconds };
    },
    async close() {},
  };
}
