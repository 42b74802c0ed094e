import type pg from "pg";
import { type Database, databaseIsReady } from "../../platform/db/database.js";
import { createSystemRepository } from "./system.repository.js";

export type SystemService = ReturnType<typeof createSystemService>;

/** Facts about this installation: readiness, and one-time markers such as the demo seed. */
export function createSystemService(deps: { db: Database; pool: pg.Pool }) {
  const repository = createSystemRepository();
  return {
    isReady: () => databaseIsReady(deps.pool),
    hasMarker: async (key: string) => (await repository.getMeta(deps.db, key)) !== null,
    /** Sets a one-time marker; true only for the caller that set it first. */
    claimMarker: (key: string, value: unknown) => repository.claimMeta(deps.db, key, value),
  };
}
