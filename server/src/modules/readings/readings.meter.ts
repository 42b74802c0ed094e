/**
 * The fair meter, as pure arithmetic over billed time. Billed time grows only while the reading is
 * active and both sides are connected (the caller decides that and passes the elapsed time). Each
 * started billing unit (a minute by default) is held at its start and captured when it is used up;
 * the last, partial unit is charged by the whole second, rounded down to the cent. Catch-up is by
 * elapsed time, so a late or missed tick neither skips nor doubles a unit.
 */

export const MILLISECONDS_PER_SECOND = 1000;

export interface MeterRate {
  /** Locked when the reading is created. */
  ratePerUnitCents: number;
  /** The billing unit; a whole number of seconds (60 000 in production). */
  unitMs: number;
}

export interface MeterState {
  /** Connected, active time accounted so far. */
  billedMs: number;
  /** The unit whose hold is open (the started unit), or null when none is held. */
  heldUnit: number | null;
  /** Units captured in full. */
  capturedUnits: number;
}

/** What the meter asks the ledger to do; the biller runs these inside its transaction. */
export interface MeterEffects {
  /** Reserves one unit at its start. False when the wallet (or a spending limit) cannot cover it. */
  hold(unit: number, amountCents: number): Promise<boolean>;
  /** Captures `amountCents` of the unit's hold and releases the rest (0 releases it all). */
  capture(unit: number, amountCents: number): Promise<void>;
}

export const INITIAL_METER: MeterState = { billedMs: 0, heldUnit: null, capturedUnits: 0 };

export function assertMeterRate(rate: MeterRate) {
  if (!Number.isSafeInteger(rate.ratePerUnitCents) || rate.ratePerUnitCents <= 0)
    throw new Error(`invalid rate ${rate.ratePerUnitCents}`);
  if (
    !Number.isSafeInteger(rate.unitMs) ||
    rate.unitMs < MILLISECONDS_PER_SECOND ||
    rate.unitMs % MILLISECONDS_PER_SECOND !== 0
  )
    throw new Error(`invalid billing unit ${rate.unitMs} ms`);
}

/** Billed time as charged: whole seconds only. */
export function billedSeconds(billedMs: number) {
  return Math.floor(billedMs / MILLISECONDS_PER_SECOND);
}

/** What a billed time costs in all: floor(rate × whole seconds / unit), in cents. */
export function amountForBilledMs(rate: MeterRate, billedMs: number) {
  return Math.floor(
    (rate.ratePerUnitCents * billedSeconds(billedMs) * MILLISECONDS_PER_SECOND) / rate.unitMs,
  );
}

/** What the started unit's used part costs (by the whole second, rounded down). */
function partialAmount(rate: MeterRate, usedMs: number) {
  return amountForBilledMs(rate, usedMs);
}

export interface AccrueResult {
  state: MeterState;
  /** Billing stopped at a unit boundary because its hold could not be made. */
  stoppedForFunds: boolean;
  /** How much of the offered time was billed (less than offered when funds ran out). */
  acceptedMs: number;
}

/**
 * Adds `elapsedMs` of connected, active time. Opens the hold of every unit as it starts (first of
 * all the current one, even for zero elapsed time) and captures every unit that completes. When a
 * hold fails, billing stops exactly at that unit's start.
 */
export async function accrue(
  state: MeterState,
  rate: MeterRate,
  elapsedMs: number,
  effects: MeterEffects,
): Promise<AccrueResult> {
  assertMeterRate(rate);
  if (!Number.isFinite(elapsedMs) || elapsedMs < 0) throw new Error(`invalid elapsed time ${elapsedMs}`);
  let { billedMs, heldUnit, capturedUnits } = state;
  let remaining = Math.floor(elapsedMs);
  // Bounded: one pass per unit crossed, and units are at least a second.
  for (;;) {
    const unit = Math.floor(billedMs / rate.unitMs);
    if (heldUnit !== unit) {
      if (heldUnit !== null) throw new Error(`meter: unit ${heldUnit} still held at unit ${unit}`);
      if (!(await effects.hold(unit, rate.ratePerUnitCents))) {
        return {
          state: { billedMs, heldUnit, capturedUnits },
          stoppedForFunds: true,
          acceptedMs: elapsedMs - remaining,
        };
      }
      heldUnit = unit;
    }
    const unitEndMs = (unit + 1) * rate.unitMs;
    const step = Math.min(remaining, unitEndMs - billedMs);
    billedMs += step;
    remaining -= step;
    if (billedMs < unitEndMs) break;
    await effects.capture(unit, rate.ratePerUnitCents);
    capturedUnits = unit + 1;
    heldUnit = null;
  }
  return { state: { billedMs, heldUnit, capturedUnits }, stoppedForFunds: false, acceptedMs: elapsedMs };
}

/** Closes the meter: the started unit is charged by the second and the rest of its hold released. */
export async function settle(state: MeterState, rate: MeterRate, effects: MeterEffects): Promise<MeterState> {
  assertMeterRate(rate);
  if (state.heldUnit === null) return state;
  const usedMs = state.billedMs - state.heldUnit * rate.unitMs;
  if (usedMs < 0 || usedMs >= rate.unitMs) throw new Error(`meter: ${usedMs} ms used of the open unit`);
  await effects.capture(state.heldUnit, partialAmount(rate, usedMs));
  return { ...state, heldUnit: null };
}

/** How many whole units a balance buys at a rate (0 when the rate is missing). */
export function unitsAffordable(balanceCents: number, ratePerUnitCents: number) {
  if (ratePerUnitCents <= 0) return 0;
  return Math.floor(Math.max(0, balanceCents) / ratePerUnitCents);
}
