import { describe, expect, it } from "vitest";
import {
  nextStreamStatus,
  STREAM_CAUSES,
  STREAM_STATUSES,
  type StreamCause,
  type StreamStatus,
  streamTransition,
} from "./streams.state.js";

/** The designed machine (issue 18), written out: exactly these moves and no others. */
const DESIGNED: Array<[StreamStatus, StreamCause, StreamStatus]> = [
  ["scheduled", "started", "live"],
  ["scheduled", "cancelled_by_reader", "cancelled"],
  ["scheduled", "start_missed", "cancelled"],
  ["scheduled", "ended_by_admin", "cancelled"],
  ["scheduled", "account_suspended", "cancelled"],
  ["live", "publisher_dropped", "reconnecting"],
  ["live", "ended_by_reader", "ended"],
  ["live", "ended_by_admin", "ended"],
  ["live", "account_suspended", "ended"],
  ["reconnecting", "publisher_returned", "live"],
  ["reconnecting", "reconnect_expired", "ended"],
  ["reconnecting", "ended_by_reader", "ended"],
  ["reconnecting", "ended_by_admin", "ended"],
  ["reconnecting", "account_suspended", "ended"],
];

describe("the stream state machine", () => {
  it("defines exactly the designed moves and refuses every other pair with a typed 409", () => {
    const designed = new Map(DESIGNED.map(([from, cause, to]) => [`${from}/${cause}`, to]));
    for (const from of STREAM_STATUSES)
      for (const cause of STREAM_CAUSES) {
        const to = designed.get(`${from}/${cause}`) ?? null;
        expect(nextStreamStatus(from, cause), `${from} by ${cause}`).toBe(to);
        if (to === null)
          expect(() => streamTransition(from, cause)).toThrow(
            expect.objectContaining({ code: "INVALID_TRANSITION" }),
          );
        else expect(streamTransition(from, cause)).toBe(to);
      }
  });

  it("ends every path: ended and cancelled move no more", () => {
    for (const cause of STREAM_CAUSES) {
      expect(nextStreamStatus("ended", cause)).toBeNull();
      expect(nextStreamStatus("cancelled", cause)).toBeNull();
    }
  });
});
