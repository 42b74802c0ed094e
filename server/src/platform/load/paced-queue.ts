/** Work of one turn of the event loop stops after this long; the rest waits for the next turn. */
const DEFAULT_SLICE_MS = 4;

/**
 * Work done off a request's path, a slice at a time. A `setImmediate` per item runs every item
 * queued in one turn back to back: at 10,000 chat sockets a read of many messages queued a crisis
 * check each, and running them together held the event loop for up to 180 ms, which delayed every
 * delivery and tripped load shedding. Here items run in order, at most `sliceMs` a turn, with the
 * loop's I/O between slices. The queue is not bounded: it holds only what the node already
 * accepted, and each item costs what it would have cost at once. `run` must not throw.
 */
export function createPacedQueue<Item>(run: (item: Item) => void, options: { sliceMs?: number } = {}) {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  let items: Item[] = [];
  let next = 0;
  let scheduled = false;
  const drain = () => {
    scheduled = false;
    const until = performance.now() + sliceMs;
    while (next < items.length) {
      const item = items[next] as Item;
      items[next] = undefined as Item;
      next += 1;
      run(item);
      if (performance.now() >= until) break;
    }
    if (next < items.length) schedule();
    else {
      items = [];
      next = 0;
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  };
  return {
    push(item: Item) {
      items.push(item);
      schedule();
    },
    /** Items waiting (for tests and metrics). */
    get size() {
      return items.length - next;
    },
  };
}
