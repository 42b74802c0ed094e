import { describe, expect, it } from "vitest";
import { CRISIS_COUNTRIES, crisisLinesFor } from "./crisis-lines.js";

const FIND_A_HELPLINE = {
  name: "Find A Helpline",
  phone: null,
  text: null,
  url: "https://findahelpline.com",
  hours: "24/7",
};

describe("crisisLinesFor", () => {
  it("gives the national line of each country product.md names", () => {
    expect(crisisLinesFor("US")).toEqual([
      {
        name: "988 Suicide & Crisis Lifeline",
        phone: "988",
        text: "Text 988",
        url: "https://988lifeline.org",
        hours: "24/7",
      },
    ]);
    for (const country of ["GB", "IE"]) {
      expect(crisisLinesFor(country)).toEqual([
        {
          name: "Samaritans",
          phone: "116 123",
          text: null,
          url: "https://www.samaritans.org",
          hours: "24/7",
        },
      ]);
    }
    expect(crisisLinesFor("CA")).toEqual([
      {
        name: "9-8-8 Suicide Crisis Helpline",
        phone: "9-8-8",
        text: "Text 9-8-8",
        url: "https://988.ca",
        hours: "24/7",
      },
    ]);
    expect(crisisLinesFor("AU")).toEqual([
      { name: "Lifeline", phone: "13 11 14", text: null, url: "https://www.lifeline.org.au", hours: "24/7" },
    ]);
  });

  it("reads country codes in any case, with stray spaces", () => {
    expect(crisisLinesFor("gb")).toEqual(crisisLinesFor("GB"));
    expect(crisisLinesFor(" us ")).toEqual(crisisLinesFor("US"));
    expect(crisisLinesFor("Ca")).toEqual(crisisLinesFor("CA"));
  });

  it("points every other country, and an unknown one, to Find A Helpline", () => {
    for (const country of [null, "", "FR", "DE", "BR", "IN", "ZZ", "USA", "U"]) {
      expect(crisisLinesFor(country), String(country)).toEqual([FIND_A_HELPLINE]);
    }
  });

  it("lists a line for every country it names, each reachable and open 24/7", () => {
    expect([...CRISIS_COUNTRIES].sort()).toEqual(["AU", "CA", "GB", "IE", "US"]);
    for (const country of [...CRISIS_COUNTRIES, null]) {
      const lines = crisisLinesFor(country);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.hours).toBe("24/7");
        expect(line.phone ?? line.text ?? line.url).not.toBeNull();
        if (line.phone) expect(line.phone).toMatch(/^\d[\d -]*\d$/);
        if (line.text) expect(line.text).toMatch(/^Text \d[\d -]*\d$/);
        if (line.url) expect(line.url).toMatch(/^https:\/\//);
      }
    }
  });

  it("returns copies: changing a result does not change the table", () => {
    const [line] = crisisLinesFor("US");
    if (line) line.phone = "000";
    expect(crisisLinesFor("US")[0]?.phone).toBe("988");
  });
});
