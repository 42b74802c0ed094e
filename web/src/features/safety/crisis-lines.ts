/**
 * Free, confidential support lines shown to a client when their message suggests they may be in crisis
 * (product.md §1.3). One table per country we know a national line for; everyone else (or a client
 * whose country we don't know) gets Find A Helpline, which lists lines in every country.
 *
 * KEEP IN SYNC: this is a copy of server/src/platform/text/crisis-lines.ts for the browser (the web app
 * cannot import server code). Change both files together; the data must stay identical.
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

/** The digits to dial or text ("116 123" → "116123", "Text 9-8-8" → "988"). */
export function dialDigits(number: string): string {
  return number.replace(/\D/g, "");
}

/** The browser's locales, most preferred first (none outside a browser). */
function browserLocales(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  if (navigator.languages?.length) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

/** The region subtag of a BCP 47 tag read by hand: after the language and an optional script. */
function regionSubtag(tag: string): string | undefined {
  for (const part of tag.split(/[-_]/).slice(1)) {
    if (/^(?:[A-Za-z]{2}|\d{3})$/.test(part)) return part;
    // An extended language (3 letters) or a script (4 letters) may come first; anything else ends it.
    if (!/^[A-Za-z]{3,4}$/.test(part)) return undefined;
  }
  return undefined;
}

/** The country of a BCP 47 tag, if it names one ("en-GB" → "GB"; "es-419" is a region, not a country). */
function regionOf(tag: string): string | null {
  let region: string | undefined;
  try {
    region = typeof Intl.Locale === "function" ? new Intl.Locale(tag).region : regionSubtag(tag);
  } catch {
    region = regionSubtag(tag); // Not a tag Intl accepts ("en_GB"): read it by hand.
  }
  return region && /^[A-Za-z]{2}$/.test(region) ? region.toUpperCase() : null;
}

/**
 * A guess at the client's country from the browser's locales: the region of the first locale that has
 * one ("en-GB" → "GB", "pt-BR" → "BR"), or null when none does ("en" → null: the language alone does
 * not say where someone is, and the panel then shows Find A Helpline).
 */
export function guessCountry(locales: string | readonly string[] = browserLocales()): string | null {
  for (const tag of typeof locales === "string" ? [locales] : locales) {
    const region = regionOf(tag);
    if (region) return region;
  }
  return null;
}
