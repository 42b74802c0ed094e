import type { Executor } from "../../platform/db/database.js";
import type { LivePublisher } from "../../platform/realtime/live-events.js";
import type { readingsEvents } from "./readings.events.js";
import type { ReadingRow, ReadingsRepository } from "./readings.repository.js";
import { type ReadingCause, transition } from "./readings.state.js";
import { toReadingView } from "./readings.view.js";

/**
 * Moving a reading through its states: the one place a state changes, checked against the
 * machine (readings.state.ts), stored with its time and cause, and told to both sides.
 */
export function createMoves(deps: {
  repository: ReadingsRepository;
  live: LivePublisher<typeof readingsEvents>;
}) {
  const { repository, live } = deps;

  /** Tells both sides, each with their own view of the reading. */
  async function publish(tx: Executor, row: ReadingRow, type: "reading.state" | "reading.requested") {
    for (const userId of [row.clientUserId, row.readerUserId]) {
      await live.publish(tx, userId, type, { reading: toReadingView(row, userId) });
    }
  }

  /** Moves a locked reading by `cause` to the state the machine says, in the caller's transaction. */
  async function moveTo(
    tx: Executor,
    row: ReadingRow,
    cause: ReadingCause,
    at: Date,
    changes: Partial<ReadingRow> = {},
  ) {
    const to = transition(row.state, cause);
    const updated = await repository.update(tx, row.id, {
      ...changes,
      state: to,
      stateChangedAt: at,
      ...(to === "ended" ? { endCause: cause, endedAt: at } : {}),
    });
    await repository.recordTransition(tx, {
      readingId: row.id,
      fromState: row.state,
      toState: to,
      cause,
      at,
    });
    await publish(tx, updated, "reading.state");
    return updated;
  }

  return { publish, moveTo };
}

export type Moves = ReturnType<typeof createMoves>;
