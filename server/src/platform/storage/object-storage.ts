/**
 * Where uploaded files live: local disk by default, an S3-compatible bucket (S3, R2) when
 * configured. Keys are chosen by the server, never by a caller; objects are never overwritten
 * (a new upload gets a new key), so a read URL always names one immutable object.
 */
export interface ObjectStorage {
  readonly kind: "local" | "s3";
  /** Stores bytes under a key; resolves once they are durable. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Removes an object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** A URL that reads the object until it expires (FILES_URL_TTL_SECONDS). */
  readUrl(key: string): Promise<string>;
  close(): Promise<void>;
}

/** Segments of letters, digits, `-`, `_` and `.`, each starting with a letter or digit: no `..`, no absolute paths. */
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}(\/[A-Za-z0-9][A-Za-z0-9_.-]{0,127}){0,7}$/;

export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
}

/** The content types the storage serves, by file extension (local disk keeps no metadata). */
export const CONTENT_TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  webp: "image/webp",
  jpg: "image/jpeg",
  png: "image/png",
};

export function contentTypeOfKey(key: string): string | null {
  const extension = key.slice(key.lastIndexOf(".") + 1).toLowerCase();
  return CONTENT_TYPE_BY_EXTENSION[extension] ?? null;
}
