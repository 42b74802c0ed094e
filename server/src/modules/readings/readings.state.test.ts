import { describe, expect, it } from "vitest";
import {
  allTransitions,
  nextState,
  READING_CAUSES,
  READING_STATES,
  type ReadingCause,
  type ReadingState,
  transition,
} from "./readings.state.js";

/** The designed machine (product.md section 3), written out: exactly these moves and no others. */
const DESIGNED: Array<[ReadingState, ReadingCause, ReadingState]> = [
  ["created", "accepted", "waiting"],
  ["created", "declined", "ended"],
  ["created", "missed", "ended"],
  ["created", "cancelled", "ended"],
  ["waiting", "both_connected", "active"],
  ["waiting", "funds_out", "paused"],
  ["waiting", "join_timeout", "ended"],
  ["waiting", "cancelled", "ended"],
  ["waiting", "spending_limit", "ended"],
  ["active", "funds_out", "paused"],
  ["active", "dropped", "reconnecting"],
  ["active", "ended_by_client", "ended"],
  ["active", "ended_by_reader", "ended"],
  ["active", "spending_limit", "ended"],
  ["paused", "funds_added", "active"],
  ["paused", "grace_expired", "ended"],
  ["paused", "ended_by_client", "ended"],
  ["paused", "ended_by_reader", "ended"],
  ["paused", "spending_limit", "ended"],
  ["reconnecting", "reconnected", "active"],
  ["reconnecting", "funds_out", "paused"],
  ["reconnecting", "grace_expired", "ended"],
  ["reconnecting", "ended_by_client", "ended"],
  ["reconnecting", "ended_by_reader", "ended"],
  ["reconnecting", "spending_limit", "ended"],
  ["ended", "settled", "finalized"],
  // An admin suspends or bans one of the two: every open reading ends at once.
  ...(["created", "waiting", "active", "paused", "reconnecting"] as const).flatMap((from) =>
    (["account_suspended", "account_banned"] as const).map(
      (cause): [ReadingState, ReadingCause, ReadingState] => [from, cause, "ended"],
    ),
  ),
  // A booked reading's slot ends; an on-demand reading ends for the reader's booking.
  ...(["active", "paused", "reconnecting"] as const).map(
    (from): [ReadingState, ReadingCause, ReadingState] => [from, "time_up", "ended"],
  ),
  ...(["created", "waiting", "active", "paused", "reconnecting"] as const).map(
    (from): [ReadingState, ReadingCause, ReadingState] => [from, "booking_due", "ended"],
  ),
];
const key = ([from, cause, to]: [string, string, string]) => `${from} --${cause}--> ${to}`;

describe("reading state machine", () => {
  it("defines exactly the designed (from, cause) → to moves", () => {
    const defined = allTransitions().map(({ from, cause, to }) => key([from, cause, to]));
    expect(defined.sort()).toEqual(DESIGNED.map(key).sort());
  });

  it("answers every (state, cause) pair: the designed target, or a typed refusal", () => {
    const designed = new Map(DESIGNED.map(([from, cause, to]) => [`${from}/${cause}`, to]));
    for (const from of READING_STATES) {
      for (const cause of READING_CAUSES) {
        const to = designed.get(`${from}/${cause}`) ?? null;
        expect(nextState(from, cause), `${from} by ${cause}`).toBe(to);
        if (to) expect(transition(from, cause)).toBe(to);
        else
          expect(() => transition(from, cause)).toThrow(
            expect.objectContaining({ code: "INVALID_TRANSITION" }),
          );
      }
    }
  });

  it("refuses what composition used to allow: a grace window never ends a reading that was never live", () => {
    expect(nextState("created", "grace_expired")).toBeNull();
    expect(nextState("waiting", "grace_expired")).toBeNull();
    expect(nextState("active", "declined")).toBeNull();
    expect(nextState("active", "grace_expired")).toBeNull();
    expect(nextState("paused", "dropped")).toBeNull();
  });

  it("lets nothing leave finalized, nothing enter created, and every state reach finalized", () => {
    expect(allTransitions().filter(({ from }) => from === "finalized")).toEqual([]);
    expect(allTransitions().filter(({ to }) => to === "created")).toEqual([]);
    const reaches = (state: ReadingState, seen = new Set<ReadingState>()): boolean => {
      if (state === "finalized") return true;
      seen.add(state);
      return allTransitions()
        .filter(({ from, to }) => from === state && !seen.has(to))
        .some(({ to }) => reaches(to, seen));
    };
    for (const state of READING_STATES) expect(reaches(state)).toBe(true);
  });
});
