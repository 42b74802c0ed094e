import { DomainError } from "../../platform/http/errors.js";
import { BROWSE_ORDERINGS, type BrowseFilters, browseOrdering } from "../readers/readers.listing.js";

/*
 * Browse cursors: the ordering and the keyset position after a page's last row, as base64url
 * JSON. A cursor is checked against its ordering's key kinds, so a tampered one is a 400.
 */

/**
 * What each sort's keys are (see the repository's sortKeys): integers that fit a PostgreSQL
 * integer, or finite floats. A cursor is checked against them, so a tampered one is a 400.
 */
export const SORT_KEY_KINDS = {
  recommended: ["integer", "float", "integer"],
  price: ["integer"],
  rating: ["float", "integer"],
  newest: ["float"],
} as const satisfies Record<BrowseFilters["sort"], readonly ("integer" | "float")[]>;
const MAX_CURSOR_INTEGER = 2 ** 31 - 1;
/** Far beyond any real key (epoch seconds are about 1.8e9) and well inside PostgreSQL's real. */
const MAX_CURSOR_FLOAT = 1e12;
const MAX_USER_ID_LENGTH = 100;

/** A cursor belongs to one ordering (see `browseOrdering`). */
const ORDERINGS = new Set<unknown>(BROWSE_ORDERINGS);

export function encodeBrowseCursor(filters: BrowseFilters, values: (string | number)[]): string {
  return Buffer.from(JSON.stringify([browseOrdering(filters), ...values])).toString("base64url");
}

function isSortKey(value: unknown, kind: "integer" | "float"): boolean {
  if (typeof value !== "number" || !Number.isFinite(value) || Math.abs(value) > MAX_CURSOR_FLOAT)
    return false;
  return kind === "float" || (Number.isInteger(value) && Math.abs(value) <= MAX_CURSOR_INTEGER);
}

/** The keyset position after which the next page starts, or null for the first page. */
export function decodeBrowseCursor(
  cursor: string | undefined,
  filters: BrowseFilters,
): (string | number)[] | null {
  if (!cursor) return null;
  const kinds: readonly ("integer" | "float")[] = SORT_KEY_KINDS[filters.sort];
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    values = null;
  }
  if (!Array.isArray(values)) throw invalidCursor();
  const [ordering, ...position] = values;
  if (ORDERINGS.has(ordering) && ordering !== browseOrdering(filters)) {
    throw new DomainError("VALIDATION_FAILED", "The cursor belongs to another sort order.", [
      { path: "/cursor", message: `was returned for sort ${ordering}, not ${browseOrdering(filters)}` },
    ]);
  }
  const userId = position.at(-1);
  if (
    ordering !== browseOrdering(filters) ||
    position.length !== kinds.length + 1 ||
    !kinds.every((kind, index) => isSortKey(position[index], kind)) ||
    typeof userId !== "string" ||
    userId.length === 0 ||
    userId.length > MAX_USER_ID_LENGTH ||
    userId.includes("\u0000")
  ) {
    throw invalidCursor();
  }
  return position as (string | number)[];
}

function invalidCursor() {
  return new DomainError("VALIDATION_FAILED", "The cursor is not valid.", [
    { path: "/cursor", message: "not a cursor returned by this API" },
  ]);
}
