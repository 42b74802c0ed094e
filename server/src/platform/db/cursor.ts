import { DomainError } from "../http/errors.js";

/** An opaque keyset cursor: the (createdAt, id) of the last row of a page. */
export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): KeysetCursor | null {
  if (cursor === undefined || cursor === "") return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && typeof value[0] === "string" && typeof value[1] === "string") {
      const createdAt = new Date(value[0]);
      if (!Number.isNaN(createdAt.getTime())) return { createdAt, id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError("VALIDATION_FAILED", "The cursor is not valid.", [
    { path: "/cursor", message: "not a cursor returned by this API" },
  ]);
}

/** Takes `limit + 1` rows and turns them into a page with the cursor of its last row. */
export function toPage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
