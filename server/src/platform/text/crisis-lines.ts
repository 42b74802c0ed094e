/**
 * Free, confidential support lines shown to a client when their message suggests they may be in crisis
 * (product.md §1.3; see crisis.ts for the matcher). One table per country we know a national line for;
 * everyone else (or a client whose country we don't know) gets Find A Helpline, which lists lines in
 * every country.
 *
 * The one table: the web app reads it through GET /api/v1/support-lines.
 */

export interface CrisisLine {
  name: string;
  /** The number as people write it locally ("116 123"); dial its digits. */
  phone: string | null;
  /** How to reach the line by text message ("Text 988"); the digits are the number to text. */
  text: string | null;
  url: string | null;
  hours: "24/7";
}

/** Countries (ISO 3166-1 alpha-2) with a national line of their own. */
export const CRISIS_COUNTRIES = ["US", "GB", "IE", "CA", "AU"] as const;
export type CrisisCountry = (typeof CRISIS_COUNTRIES)[number];

const SAMARITANS: CrisisLine = {
  name: "Samaritans",
  phone: "116 123",
  text: null,
  url: "https://www.samaritans.org",
  hours: "24/7",
};

const LINES: Readonly<Record<CrisisCountry, readonly CrisisLine[]>> = {
  US: [
    {
      name: "988 Suicide & Crisis Lifeline",
      phone: "988",
      text: "Text 988",
      url: "https://988lifeline.org",
      hours: "24/7",
    },
  ],
  GB: [SAMARITANS],
  IE: [SAMARITANS],
  CA: [
    {
      name: "9-8-8 Suicide Crisis Helpline",
      phone: "9-8-8",
      text: "Text 9-8-8",
      url: "https://988.ca",
      hours: "24/7",
    },
  ],
  AU: [
    {
      name: "Lifeline",
      phone: "13 11 14",
      text: null,
      url: "https://www.lifeline.org.au",
      hours: "24/7",
    },
  ],
};

/** For every other country: a directory of free helplines worldwide. */
export const FIND_A_HELPLINE: CrisisLine = {
  name: "Find A Helpline",
  phone: null,
  text: null,
  url: "https://findahelpline.com",
  hours: "24/7",
};

function isCrisisCountry(code: string): code is CrisisCountry {
  return (CRISIS_COUNTRIES as readonly string[]).includes(code);
}

/** The support lines for a country (ISO 3166-1 alpha-2, any case); Find A Helpline when unknown. */
export function crisisLinesFor(country: string | null): CrisisLine[] {
  const code = country?.trim().toUpperCase() ?? "";
  const lines = isCrisisCountry(code) ? LINES[code] : [FIND_A_HELPLINE];
  return lines.map((line) => ({ ...line }));
}
