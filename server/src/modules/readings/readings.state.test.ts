import { describe, expect, it } from "vitest";
import {
  allTransitions,
  assertTransition,
  canTransition,
  READING_CAUSES,
  READING_STATES,
  type ReadingCause,
  type ReadingState,
} from "./readings.state.js";

const ALLOWED: Array<[ReadingState, ReadingState, ReadingCause]> = [
  ["created", "waiting", "accepted"],
  ["created", "ended", "declined"],
  ["created", "ended", "missed"],
  ["created", "ended", "cancelled"],
  ["waiting", "active", "both_connected"],
  ["waiting", "paused", "funds_out"],
  ["waiting", "ended", "join_timeout"],
  ["waiting", "ended", "cancelled"],
  ["active", "paused", "funds_out"],
  ["active", "reconnecting", "dropped"],
  ["active", "ended", "ended_by_client"],
  ["active", "ended", "ended_by_reader"],
  ["active", "ended", "spending_limit"],
  ["paused", "active", "funds_added"],
  ["paused", "reconnecting", "dropped"],
  ["paused", "ended", "grace_expired"],
  ["reconnecting", "active", "reconnected"],
  ["reconnecting", "paused", "funds_out"],
  ["reconnecting", "ended", "grace_expired"],
  ["ended", "finalized", "settled"],
];

describe("reading state machine", () => {
  it.each(ALLOWED)("allows %s → %s (%s)", (from, to, cause) => {
    expect(canTransition(from, to, cause)).toBe(true);
    expect(() => assertTransition(from, to, cause)).not.toThrow();
  });

  it("refuses every other pair of states, whatever the cause", () => {
    const defined = new Set(allTransitions().map(({ from, to }) => `${from}>${to}`));
    let refused = 0;
    for (const from of READING_STATES) {
      for (const to of READING_STATES) {
        if (defined.has(`${from}>${to}`)) continue;
        for (const cause of READING_CAUSES) {
          expect(canTransition(from, to, cause)).toBe(false);
          expect(() => assertTransition(from, to, cause)).toThrow(
            expect.objectContaining({ code: "INVALID_TRANSITION" }),
          );
          refused += 1;
        }
      }
    }
    expect(refused).toBeGreaterThan(500);
  });

  it("refuses a defined pair with a cause that does not lead there", () => {
    expect(canTransition("active", "ended", "funds_out")).toBe(false);
    expect(canTransition("created", "waiting", "both_connected")).toBe(false);
    expect(canTransition("reconnecting", "active", "requested")).toBe(false);
  });

  it("lets nothing leave finalized and lets every state reach finalized", () => {
    expect(allTransitions().filter(({ from }) => from === "finalized")).toEqual([]);
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
