import { describe, expect, it } from "vitest";
import { ageInYears } from "../users/users.service.js";

describe("ageInYears", () => {
  const today = new Date("2026-11-24T12:00:00Z");
  it("counts whole years, turning over on the birthday", () => {
    expect(ageInYears("2008-11-24", today)).toBe(18);
    expect(ageInYears("2008-11-25", today)).toBe(17);
    expect(ageInYears("1990-01-01", today)).toBe(36);
  });
  it("treats a 29 February birthday as reached on 1 March in common years", () => {
    expect(ageInYears("2008-02-29", new Date("2026-02-28T00:00:00Z"))).toBe(17);
    expect(ageInYears("2008-02-29", new Date("2026-03-01T00:00:00Z"))).toBe(18);
  });
  it("rejects dates that do not exist", () => {
    expect(ageInYears("2001-02-30", today)).toBeNull();
    expect(ageInYears("2001-13-01", today)).toBeNull();
    expect(ageInYears("01-01-2001", today)).toBeNull();
  });
});
