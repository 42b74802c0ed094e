import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../test/free-port.js";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";

// A real Redis on loopback (Debian's redis-server; .ci/run installs it). Without the binary the
// file is skipped locally, and fails in CI.
const hasRedis = spawnSync("redis-server", ["--version"]).status === 0;
if (!hasRedis && process.env.CI)
  throw new Error("redis-server is not installed (apt-get install redis-server)");

/** Waits (at most 5 s) until the port accepts connections. */
async function waitForPort(port: number) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not listen on ${port}`);
}

let redis: ChildProcess | undefined;
let nodeA: TestApp;
let nodeB: TestApp;
beforeAll(async () => {
  if (!hasRedis) return;
  const port = await freePort();
  redis = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  await waitForPort(port);
  const env = { REDIS_URL: `redis://127.0.0.1:${port}` };
  nodeA = await createTestApp(env);
  nodeB = await createTestApp(env, { databaseUrl: nodeA.url });
});
afterAll(async () => {
  await nodeB?.close();
  await nodeA?.close();
  redis?.kill();
});

describe.skipIf(!hasRedis)("rate limits in Redis (REDIS_URL)", () => {
  it("refuses the sixth sign-in attempt on the other node, and keeps nothing in PostgreSQL", async () => {
    const user = await nodeA.createUser("client");
    const signIn = (node: TestApp, password: string) =>
      node.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        headers: { origin: TEST_ORIGIN },
        remoteAddress: "198.51.100.77",
        payload: { email: user.email, password },
      });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await signIn(attempt % 2 === 0 ? nodeA : nodeB, "wrong-password-guess")).statusCode).toBe(401);
    }
    const refused = await signIn(nodeB, "correct-horse-battery");
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("RATE_LIMITED");
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(await nodeA.count("rate_limit_counters")).toBe(0);
  });
});
