import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../lib/api/client";

/** A free, confidential support line (product.md §1.3), as GET /api/v1/support-lines gives it. */
export interface CrisisLine {
  name: string;
  /** The number as people write it locally ("116 123"); dial its digits. */
  phone: string | null;
  /** How to reach the line by text message ("Text 988"); the digits are the number to text. */
  text: string | null;
  url: string | null;
  hours: string;
}

/** A directory of free helplines in every country: shown at once, and whenever the lines cannot be fetched. */
export const FIND_A_HELPLINE: CrisisLine = {
  name: "Find A Helpline",
  phone: null,
  text: null,
  url: "https://findahelpline.com",
  hours: "24/7",
};

/**
 * The support lines for a country (ISO 3166-1 alpha-2, or null), from the server's one table; Find A
 * Helpline until they arrive or if they cannot be fetched, so the panel never waits to help.
 */
export function useCrisisLines(country: string | null): CrisisLine[] {
  const code = country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null;
  const lines = useQuery({
    queryKey: ["support-lines", code],
    queryFn: () =>
      unwrap(api.GET("/api/v1/support-lines", { params: { query: code ? { country: code } : {} } })),
    staleTime: 60 * 60_000,
  });
  return lines.data?.lines ?? [FIND_A_HELPLINE];
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
