import { random } from "./browse-mix.js";

/** A reader the load may ask slots of: what they offer. */
export interface SlotTarget {
  id: string;
  modalities: string[];
  lengths: number[];
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * What clients' pages ask: the slots of one reader (any of the 10,000), for one modality and
 * length they offer, over 30 days from a moment anywhere in the next week (to the minute, as a
 * calendar page opened at any time asks). Millions of distinct requests: no cache can learn them.
 */
export function createSlotsMix(seed: number, targets: readonly SlotTarget[], now = Date.now()) {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return () => {
    const target = pick(targets);
    const from = new Date(Math.floor((now + next() * 7 * DAY_MS) / 60_000) * 60_000);
    const to = new Date(from.getTime() + 30 * DAY_MS);
    return {
      path: `/api/v1/readers/${target.id}/slots?modality=${pick(target.modalities)}&lengthMinutes=${pick(target.lengths)}&from=${from.toISOString()}&to=${to.toISOString()}`,
      label: "slots",
    };
  };
}
