import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accrue,
  amountForBilledMs,
  INITIAL_METER,
  type MeterEffects,
  type MeterRate,
  type MeterState,
  settle,
} from "./readings.meter.js";

/** An in-memory wallet with holds, standing in for the ledger in these pure tests. */
function memoryWallet(balanceCents: number) {
  const wallet = {
    balanceCents,
    chargedCents: 0,
    holds: new Map<number, number>(),
    operations: [] as string[],
  };
  const effects: MeterEffects = {
    async hold(unit, amountCents) {
      if (wallet.holds.has(unit)) throw new Error(`unit ${unit} held twice`);
      if (wallet.balanceCents < amountCents) return false;
      wallet.balanceCents -= amountCents;
      wallet.holds.set(unit, amountCents);
      wallet.operations.push(`hold:${unit}`);
      return true;
    },
    async capture(unit, amountCents) {
      const held = wallet.holds.get(unit);
      if (held === undefined) throw new Error(`unit ${unit} captured without a hold`);
      if (amountCents < 0 || amountCents > held) throw new Error(`capture ${amountCents} of ${held}`);
      wallet.holds.delete(unit);
      wallet.chargedCents += amountCents;
      wallet.balanceCents += held - amountCents;
      wallet.operations.push(`capture:${unit}:${amountCents}`);
    },
  };
  return { wallet, effects };
}

const MINUTE: MeterRate = { ratePerUnitCents: 199, unitMs: 60_000 };

describe("meter examples", () => {
  it("holds a minute at its start, captures it when used, and charges the last one by the second", async () => {
    const { wallet, effects } = memoryWallet(10_000);
    let state: MeterState = INITIAL_METER;
    state = (await accrue(state, MINUTE, 0, effects)).state;
    expect(wallet.operations).toEqual(["hold:0"]);
    state = (await accrue(state, MINUTE, 90_900, effects)).state;
    expect(wallet.operations).toEqual(["hold:0", "capture:0:199", "hold:1"]);
    state = await settle(state, MINUTE, effects);
    // 90.9 s → 90 whole seconds: 199 + floor(199 × 30 / 60) = 199 + 99.
    expect(wallet.chargedCents).toBe(298);
    expect(amountForBilledMs(MINUTE, state.billedMs)).toBe(298);
    expect(wallet.balanceCents).toBe(10_000 - 298);
    expect(wallet.holds.size).toBe(0);
  });

  it("catches up by elapsed time: a late tick charges each missed minute once", async () => {
    const { wallet, effects } = memoryWallet(10_000);
    const late = await accrue(INITIAL_METER, MINUTE, 3 * 60_000 + 5_000, effects);
    expect(late.state).toEqual({ billedMs: 185_000, heldUnit: 3, capturedUnits: 3 });
    expect(wallet.operations).toEqual([
      "hold:0",
      "capture:0:199",
      "hold:1",
      "capture:1:199",
      "hold:2",
      "capture:2:199",
      "hold:3",
    ]);
  });

  it("stops exactly at the start of the minute the balance cannot hold", async () => {
    const { wallet, effects } = memoryWallet(450);
    const result = await accrue(INITIAL_METER, MINUTE, 5 * 60_000, effects);
    expect(result.stoppedForFunds).toBe(true);
    expect(result.acceptedMs).toBe(120_000);
    expect(result.state).toEqual({ billedMs: 120_000, heldUnit: null, capturedUnits: 2 });
    expect(wallet.chargedCents).toBe(398);
    expect(wallet.balanceCents).toBe(52);
  });

  it("charges nothing for a reading that never billed a whole second", async () => {
    const { wallet, effects } = memoryWallet(500);
    const { state } = await accrue(INITIAL_METER, MINUTE, 999, effects);
    await settle(state, MINUTE, effects);
    expect(wallet.chargedCents).toBe(0);
    expect(wallet.balanceCents).toBe(500);
  });

  it("refuses nonsense input", async () => {
    const { effects } = memoryWallet(500);
    await expect(accrue(INITIAL_METER, MINUTE, -1, effects)).rejects.toThrow();
    await expect(
      accrue(INITIAL_METER, { ratePerUnitCents: 1.5, unitMs: 60_000 }, 0, effects),
    ).rejects.toThrow();
    await expect(
      accrue(INITIAL_METER, { ratePerUnitCents: 100, unitMs: 1500 }, 0, effects),
    ).rejects.toThrow();
  });
});

type Toggle = { atMs: number; who: "client" | "reader" };
type TopUp = { atMs: number; amountCents: number };

/** Measure of the time both were connected in [0, horizon], from the toggles alone. */
function bothConnectedMs(toggles: Toggle[], horizonMs: number) {
  const connected = { client: false, reader: false };
  let last = 0;
  let total = 0;
  for (const toggle of [...toggles].sort((a, b) => a.atMs - b.atMs)) {
    if (connected.client && connected.reader) total += toggle.atMs - last;
    connected[toggle.who] = !connected[toggle.who];
    last = toggle.atMs;
  }
  if (connected.client && connected.reader) total += horizonMs - last;
  return total;
}

/**
 * Drives the meter through a timeline the way the biller does: at every event (a connection
 * change, a tick, a top-up) it first bills the time since the previous one, if both were connected
 * and billing was not paused for funds.
 */
async function simulate(input: {
  rate: MeterRate;
  balanceCents: number;
  toggles: Toggle[];
  ticks: number[];
  topUps: TopUp[];
  horizonMs: number;
}) {
  const { wallet, effects } = memoryWallet(input.balanceCents);
  const events = [
    ...input.toggles.map((toggle) => ({ atMs: toggle.atMs, order: 0, apply: () => toggleOf(toggle) })),
    ...input.topUps.map((topUp) => ({ atMs: topUp.atMs, order: 1, apply: () => addFunds(topUp) })),
    ...input.ticks.map((atMs) => ({ atMs, order: 2, apply: () => {} })),
  ].sort((a, b) => a.atMs - b.atMs || a.order - b.order);
  const connected = { client: false, reader: false };
  let fundsPaused = false;
  let everStopped = false;
  let state: MeterState = INITIAL_METER;
  let lastMs = 0;
  let fundedCents = input.balanceCents;
  function toggleOf(toggle: Toggle) {
    connected[toggle.who] = !connected[toggle.who];
  }
  function addFunds(topUp: TopUp) {
    wallet.balanceCents += topUp.amountCents;
    fundedCents += topUp.amountCents;
    fundsPaused = false;
  }
  async function billUntil(atMs: number) {
    if (connected.client && connected.reader && !fundsPaused) {
      const result = await accrue(state, input.rate, atMs - lastMs, effects);
      state = result.state;
      if (result.stoppedForFunds) {
        fundsPaused = true;
        everStopped = true;
      }
    }
    lastMs = atMs;
  }
  for (const event of events) {
    await billUntil(event.atMs);
    event.apply();
  }
  await billUntil(input.horizonMs);
  state = await settle(state, input.rate, effects);
  return { state, wallet, fundedCents, everStopped };
}

const timeline = fc
  .record({
    ratePerUnitCents: fc.integer({ min: 99, max: 4999 }),
    unitMs: fc.constantFrom(1000, 3000, 60_000),
    units: fc.integer({ min: 1, max: 12 }),
    balanceUnits: fc.double({ min: 0, max: 15, noNaN: true }),
    toggleFractions: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
      maxLength: 30,
    }),
    tickFractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }),
    topUpFractions: fc.array(
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 20_000 })),
      {
        maxLength: 3,
      },
    ),
  })
  .map((raw) => {
    const horizonMs = raw.units * raw.unitMs;
    const at = (fraction: number) => Math.floor(fraction * horizonMs);
    return {
      rate: { ratePerUnitCents: raw.ratePerUnitCents, unitMs: raw.unitMs },
      balanceCents: Math.floor(raw.balanceUnits * raw.ratePerUnitCents),
      horizonMs,
      // Both join at 0; then each toggle is a drop or a reconnect of one side.
      toggles: [
        { atMs: 0, who: "client" as const },
        { atMs: 0, who: "reader" as const },
        ...raw.toggleFractions.map(([fraction, client]) => ({
          atMs: at(fraction),
          who: client ? ("client" as const) : ("reader" as const),
        })),
      ],
      ticks: raw.tickFractions.map(at),
      topUps: raw.topUpFractions.map(([fraction, amountCents]) => ({ atMs: at(fraction), amountCents })),
    };
  });

describe("meter properties over random connect/disconnect timelines", () => {
  it("never bills a disconnected second, never more than the money, and charges rate × billed time", async () => {
    await fc.assert(
      fc.asyncProperty(timeline, async (input) => {
        const result = await simulate(input);
        const connectedMs = bothConnectedMs(input.toggles, input.horizonMs);
        expect(result.state.billedMs).toBeLessThanOrEqual(connectedMs);
        if (!result.everStopped) expect(result.state.billedMs).toBe(connectedMs);
        expect(result.wallet.balanceCents).toBeGreaterThanOrEqual(0);
        expect(result.wallet.chargedCents).toBeLessThanOrEqual(result.fundedCents);
        expect(result.wallet.chargedCents).toBe(amountForBilledMs(input.rate, result.state.billedMs));
        expect(result.wallet.balanceCents + result.wallet.chargedCents).toBe(result.fundedCents);
        expect(result.wallet.holds.size).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it("gives the same bill whatever the tick schedule (late or missed ticks neither skip nor double)", async () => {
    await fc.assert(
      fc.asyncProperty(timeline, async (input) => {
        const ticked = await simulate(input);
        const unticked = await simulate({ ...input, ticks: [] });
        expect(ticked.state.billedMs).toBe(unticked.state.billedMs);
        expect(ticked.wallet.chargedCents).toBe(unticked.wallet.chargedCents);
      }),
      { numRuns: 300 },
    );
  });

  it("splits no unit and loses no cent across any split of the same time", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 99, max: 4999 }),
        fc.array(fc.integer({ min: 0, max: 130_000 }), { minLength: 1, maxLength: 20 }),
        async (ratePerUnitCents, pieces) => {
          const rate = { ratePerUnitCents, unitMs: 60_000 };
          const { wallet, effects } = memoryWallet(10_000_000);
          let state: MeterState = INITIAL_METER;
          for (const piece of pieces) state = (await accrue(state, rate, piece, effects)).state;
          await settle(state, rate, effects);
          const total = pieces.reduce((sum, piece) => sum + piece, 0);
          expect(state.billedMs).toBe(total);
          expect(wallet.chargedCents).toBe(Math.floor((ratePerUnitCents * Math.floor(total / 1000)) / 60));
        },
      ),
      { numRuns: 300 },
    );
  });
});
