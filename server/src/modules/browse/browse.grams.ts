/** A key for one character (a code unit) or two in a row, as the gram filter keeps them. */
const unigram = (text: string, at: number) => text.charCodeAt(at);
const bigram = (text: string, at: number) => (text.charCodeAt(at) + 1) * 65_536 + text.charCodeAt(at + 1);

/** The keys a term's matches must all contain: its pairs of characters (or its one character). */
function gramsOfTerm(term: string): number[] {
  if (term.length === 1) return [unigram(term, 0)];
  const keys: number[] = [];
  for (let at = 0; at + 1 < term.length; at += 1) keys.push(bigram(term, at));
  return keys;
}

/**
 * For each character and each pair of characters in readers' texts, a bit set of the slots whose
 * texts contain it. A new search term ANDs the sets of its pairs into a short list of candidates,
 * and only those are searched for the term: a typed word no reader has costs next to nothing, a
 * common one only the readers who may have it. The sets are exact (a reader's bits are cleared when
 * it leaves its slot), so a term of one or two characters is answered by its set alone; a longer
 * term's candidates hold every pair of it, not always in a row, and are checked against their texts.
 */
export function createGramFilter() {
  const sets = new Map<number, Uint32Array>();
  let words = 64;
  const setOf = (key: number) => {
    let set = sets.get(key);
    if (!set) {
      set = new Uint32Array(words);
      sets.set(key, set);
    }
    return set;
  };
  return {
    add(slot: number, texts: readonly string[]) {
      const word = slot >>> 5;
      if (word >= words) {
        words = Math.max(word + 1, 2 * words);
        for (const [key, set] of sets) {
          const grown = new Uint32Array(words);
          grown.set(set);
          sets.set(key, grown);
        }
      }
      const bit = 1 << (slot & 31);
      for (const text of texts) {
        for (let at = 0; at < text.length; at += 1) {
          const one = setOf(unigram(text, at));
          one[word] = (one[word] as number) | bit;
          if (at + 1 < text.length) {
            const two = setOf(bigram(text, at));
            two[word] = (two[word] as number) | bit;
          }
        }
      }
    },
    /** Clears a slot's bits (the texts it was added with), when its reader leaves it. */
    remove(slot: number, texts: readonly string[]) {
      const word = slot >>> 5;
      const keep = ~(1 << (slot & 31));
      for (const text of texts) {
        for (let at = 0; at < text.length; at += 1) {
          const one = sets.get(unigram(text, at));
          if (one) one[word] = (one[word] as number) & keep;
          if (at + 1 < text.length) {
            const two = sets.get(bigram(text, at));
            if (two) two[word] = (two[word] as number) & keep;
          }
        }
      }
    },
    /** The slots whose texts hold every gram of the term (exactly those holding it, up to two characters); null: all. */
    candidates(term: string): Uint32Array | null {
      if (term.length === 0) return null;
      const keys = gramsOfTerm(term);
      const first = sets.get(keys[0] as number);
      if (!first) return new Uint32Array(0);
      const result = Uint32Array.from(first);
      for (let index = 1; index < keys.length; index += 1) {
        const set = sets.get(keys[index] as number);
        if (!set) return new Uint32Array(0);
        for (let word = 0; word < result.length; word += 1)
          result[word] = (result[word] as number) & (set[word] ?? 0);
      }
      return result;
    },
    clear() {
      sets.clear();
      words = 64;
    },
  };
}
