import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slotListJson } from "./bookings.offers.js";

const MINUTE_MS = 60_000;
const BASE_MS = Date.parse("2027-03-01T00:00:00.000Z");

describe("slotListJson", () => {
  it("writes the same JSON as JSON.stringify for any ascending whole minutes", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 62 * 24 * 60 }), { maxLength: 3_000 }),
        (minutes) => {
          const sorted = [...minutes].sort((a, b) => a - b);
          const head = `{"from":"x","priceCents":150,"startMinutes":[`;
          const json = slotListJson(
            head,
            sorted.map((minute) => BASE_MS + minute * MINUTE_MS),
            BASE_MS,
          ).toString("latin1");
          expect(JSON.parse(json)).toEqual({ from: "x", priceCents: 150, startMinutes: sorted });
          expect(json).toBe(`${head}${sorted.join(",")}]}`);
        },
      ),
    );
  });

  it("writes an empty list and single digits", () => {
    expect(slotListJson("[", [], BASE_MS).toString()).toBe("[]}");
    expect(
      slotListJson("[", [BASE_MS, BASE_MS + 9 * MINUTE_MS, BASE_MS + 10 * MINUTE_MS], BASE_MS).toString(),
    ).toBe("[0,9,10]}");
  });

  it("refuses a start that is not a whole minute inside the window", () => {
    expect(() => slotListJson("[", [BASE_MS + 30_000], BASE_MS)).toThrow(/whole minute/);
    expect(() => slotListJson("[", [BASE_MS - MINUTE_MS], BASE_MS)).toThrow(/whole minute/);
    expect(() => slotListJson("[", [BASE_MS + 100_000 * MINUTE_MS], BASE_MS)).toThrow(/whole minute/);
    expect(slotListJson("[", [BASE_MS + 99_999 * MINUTE_MS], BASE_MS).toString()).toBe("[99999]}");
  });
});
