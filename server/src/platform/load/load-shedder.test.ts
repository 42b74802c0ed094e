import { describe, expect, it } from "vitest";
import { DomainError } from "../http/errors.js";
import { createLoadShedder } from "./load-shedder.js";

describe("load shedder", () => {
  it("admits within its bound and refuses past it with a retry-after", () => {
    let lagMs = 40;
    const shedder = createLoadShedder({ boundMs: 50, lagSources: [() => lagMs, () => 10] });
    expect(() => shedder.admit("your message")).not.toThrow();
    lagMs = 800;
    let refusal: unknown;
    try {
      shedder.admit("your message");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    const { code, message, retryAfterMs } = refusal as DomainError;
    expect({ code, message }).toEqual({
      code: "RETRY_LATER",
      message: "Busy right now; your message goes through in a moment.",
    });
    // Twice the lag, spread by up to a fifth.
    expect(retryAfterMs).toBeGreaterThanOrEqual(1_600);
    expect(retryAfterMs).toBeLessThanOrEqual(1_920);
  });

  it("refuses without capturing a stack, and leaves stack traces on for everything else", () => {
    const before = Error.stackTraceLimit;
    const shedder = createLoadShedder({ boundMs: 1, lagSources: [() => 100_000] });
    let refusal: DomainError | undefined;
    try {
      shedder.admit("your message");
    } catch (error) {
      refusal = error as DomainError;
    }
    expect(refusal?.retryAfterMs).toBeLessThanOrEqual(6_000);
    expect(refusal?.stack?.split("\n")).toHaveLength(1);
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error("elsewhere").stack?.split("\n").length).toBeGreaterThan(1);
  });

  it("never refuses with a bound of 0", () => {
    const shedder = createLoadShedder({ boundMs: 0, lagSources: [() => 100_000] });
    expect(shedder.retryAfterMs()).toBeNull();
    expect(() => shedder.admit("your message")).not.toThrow();
  });
});
