import pino from "pino";
import { describe, expect, it } from "vitest";
import { createJobs } from "./jobs.js";

describe("job queue", () => {
  it("says so when a job is queued before the queue runs, instead of failing inside pg-boss", async () => {
    // Nothing listens on port 9: the queue is never started, so it never connects.
    const jobs = createJobs({
      connectionString: "postgres://nobody@127.0.0.1:9/none",
      logger: pino({ level: "silent" }),
    });
    jobs.register("email.send", async () => {});
    await expect(jobs.send("email.send", { id: "x" })).rejects.toThrow(
      "job email.send not queued: the job queue is not running",
    );
    await expect(jobs.send("unknown", {})).rejects.toThrow("unknown job unknown");
    expect(await jobs.queueDepths()).toEqual([]);
  });
});
