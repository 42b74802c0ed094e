/*
 * The browse index's readers by slot: each listed reader has a small number (a slot), and what the
 * filters look at is kept in typed arrays indexed by it. A filter then walks an ordering as a run
 * of slot numbers and reads a few bytes per reader from arrays that fit in the CPU's cache, rather
 * than following references to each reader's objects across the heap (the walk of a selective
 * filter, such as a high minimum rating, visits thousands of readers).
 */

/** The slots of the listed readers in one browse ordering, first to last. */
export function createSlotList() {
  let slots = new Int32Array(1024);
  let length = 0;
  const room = (wanted: number) => {
    if (wanted <= slots.length) return;
    const grown = new Int32Array(Math.max(wanted, 2 * slots.length));
    grown.set(slots.subarray(0, length));
    slots = grown;
  };
  return {
    get length() {
      return length;
    },
    /** The slot at a place in the ordering (the place must be below `length`). */
    at: (index: number) => slots[index] as number,
    insert(index: number, slot: number) {
      room(length + 1);
      slots.copyWithin(index + 1, index, length);
      slots[index] = slot;
      length += 1;
    },
    remove(index: number) {
      slots.copyWithin(index, index + 1, length);
      length -= 1;
    },
    /** Replaces the whole ordering. */
    fill(ordered: readonly number[]) {
      room(ordered.length);
      slots.set(ordered);
      length = ordered.length;
    },
    /**
     * Adds to `found` the slots at places `from` to `to` (excluded) that pass `passes`, in order,
     * until it holds `wanted`. (The loop over the typed array is the whole cost of a selective filter.)
     */
    collect(from: number, to: number, wanted: number, passes: (slot: number) => boolean, found: number[]) {
      for (let index = from; index < to && found.length < wanted; index += 1) {
        const slot = slots[index] as number;
        if (passes(slot)) found.push(slot);
      }
    },
    /**
     * The first place from `from` to `to` (or `to`) whose slot is `past`, for a test that is false
     * up to some place of the ordering and true from there on.
     */
    firstPast(from: number, to: number, past: (slot: number) => boolean): number {
      let low = from;
      let high = to;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (past(slots[middle] as number)) high = middle;
        else low = middle + 1;
      }
      return low;
    },
  };
}
export type SlotList = ReturnType<typeof createSlotList>;

/**
 * For the keys asked about lately (search terms, specialties, languages), a mark per slot: which
 * slots' readers have the key (1) or not (0), or whatever else `build` marks. Made by `build` the first time a key is asked about, kept up to date
 * as readers take slots (`assign`), and forgotten oldest first beyond `maxKeys`. A slot's mark is
 * not cleared when its reader leaves it: callers look only at slots that hold a reader. The arrays'
 * lengths are multiples of 4, so that callers may read them four marks at a time.
 */
export function createSlotMemo<R>(options: {
  maxKeys: number;
  /** Whether a reader has the key (for a reader taking a slot). */
  has: (reader: R, key: string) => boolean;
  /** The marks of a key not kept, for `slots` slots (a multiple of 4). */
  build: (key: string, slots: number) => Uint8Array;
}) {
  const kept = new Map<string, Uint8Array>();
  return {
    get(key: string, slots: number): Uint8Array {
      let bits = kept.get(key);
      if (bits) {
        kept.delete(key);
      } else {
        bits = options.build(key, roundUp4(slots));
        const oldest = kept.size >= options.maxKeys ? kept.keys().next().value : undefined;
        if (oldest !== undefined) kept.delete(oldest);
      }
      kept.set(key, bits);
      return bits;
    },
    /** A reader took a slot: sets its bit in every key kept. */
    assign(slot: number, reader: R) {
      for (const [key, bits] of kept) {
        let current = bits;
        if (slot >= current.length) {
          current = new Uint8Array(roundUp4(Math.max(slot + 1, 2 * bits.length)));
          current.set(bits);
          kept.set(key, current);
        }
        current[slot] = options.has(reader, key) ? 1 : 0;
      }
    },
    clear: () => kept.clear(),
  };
}

const roundUp4 = (length: number) => (length + 3) & ~3;

/** What the browse filters read of a reader, by slot. */
export interface SlotFacts {
  /** The rate of each modality (NaN: none), and the cheapest of them (as the `price:any` key). */
  chatRateCents: number;
  voiceRateCents: number;
  videoRateCents: number;
  anyRateCents: number;
  /** The rating as the `real` it is stored as. */
  rating: number;
  online: boolean;
}

/** The filter columns: `SlotFacts` of every slot, one typed array per fact. */
export function createSlotColumns() {
  let capacity = 0;
  const columns = {
    chat: new Float64Array(0),
    voice: new Float64Array(0),
    video: new Float64Array(0),
    any: new Float64Array(0),
    rating: new Float32Array(0),
    online: new Uint8Array(0),
  };
  const grow = (slot: number) => {
    capacity = Math.max(slot + 1, 2 * capacity, 1024);
    const widen = <T extends Float64Array | Float32Array | Uint8Array>(old: T, make: (n: number) => T) => {
      const grown = make(capacity);
      grown.set(old);
      return grown;
    };
    columns.chat = widen(columns.chat, (n) => new Float64Array(n));
    columns.voice = widen(columns.voice, (n) => new Float64Array(n));
    columns.video = widen(columns.video, (n) => new Float64Array(n));
    columns.any = widen(columns.any, (n) => new Float64Array(n));
    columns.rating = widen(columns.rating, (n) => new Float32Array(n));
    columns.online = widen(columns.online, (n) => new Uint8Array(n));
  };
  return {
    /** The arrays as they are now (replaced, not changed in place, when they grow). */
    columns: () => columns,
    set(slot: number, facts: SlotFacts) {
      if (slot >= capacity) grow(slot);
      columns.chat[slot] = facts.chatRateCents;
      columns.voice[slot] = facts.voiceRateCents;
      columns.video[slot] = facts.videoRateCents;
      columns.any[slot] = facts.anyRateCents;
      columns.rating[slot] = facts.rating;
      columns.online[slot] = facts.online ? 1 : 0;
    },
  };
}
export type SlotColumns = ReturnType<ReturnType<typeof createSlotColumns>["columns"]>;
