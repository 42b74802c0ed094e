import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_READER_SHARE_BASIS_POINTS, splitReaderShare } from "./split.js";

describe("splitReaderShare", () => {
  it("gives the reader floor(70%) and the platform the rest", () => {
    expect(splitReaderShare(100)).toEqual({ readerCents: 70, platformCents: 30 });
    expect(splitReaderShare(333)).toEqual({ readerCents: 233, platformCents: 100 });
    expect(splitReaderShare(1)).toEqual({ readerCents: 0, platformCents: 1 });
    expect(splitReaderShare(0)).toEqual({ readerCents: 0, platformCents: 0 });
  });

  it("never creates or loses a cent, for any amount and any share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, bp) => {
          const { readerCents, platformCents } = splitReaderShare(amount, bp);
          expect(readerCents + platformCents).toBe(amount);
          expect(readerCents).toBeGreaterThanOrEqual(0);
          expect(platformCents).toBeGreaterThanOrEqual(0);
          // The reader's share is the floor: within one cent below the exact share.
          const exact = (BigInt(amount) * BigInt(bp)) / 10_000n;
          expect(BigInt(readerCents)).toBe(exact);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("matches the default 70/30 for every amount up to $100", () => {
    for (let amount = 0; amount <= 10_000; amount += 1) {
      const { readerCents } = splitReaderShare(amount, DEFAULT_READER_SHARE_BASIS_POINTS);
      expect(readerCents).toBe(Math.floor((amount * 7) / 10));
    }
  });

  it("refuses fractional or negative amounts and impossible shares", () => {
    expect(() => splitReaderShare(1.5)).toThrow();
    expect(() => splitReaderShare(-1)).toThrow();
    expect(() => splitReaderShare(100, 10_001)).toThrow();
  });
});
