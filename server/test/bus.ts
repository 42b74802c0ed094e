import type { TestApp } from "./harness.js";

/**
 * Waits until every node has heard every event committed so far: notifications arrive in commit
 * order, so once a marker published now has reached each node, so have the earlier ones.
 */
export async function eventsSettled(nodes: readonly TestApp[]) {
  const [first] = nodes;
  if (!first) return;
  const marker = Math.random().toString(36).slice(2);
  const heard = nodes.map(
    (node) =>
      new Promise<void>((resolve) => {
        const stop = node.services.bus.subscribe((event) => {
          if (event.type === "test.marker" && event.data.marker === marker) {
            stop();
            resolve();
          }
        });
      }),
  );
  await first.services.bus.publish(first.database.db, {
    topic: "test",
    type: "test.marker",
    data: { marker },
  });
  await Promise.all(heard);
}
