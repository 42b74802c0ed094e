/**
 * Every ISO 3166-1 alpha-2 code officially assigned (249 countries and territories), for the
 * profile's country: what the server stores (`^[A-Z]{2}$`) and what picks the support lines shown
 * to someone in crisis. Names come from the browser (`Intl.DisplayNames`), in the reader's language.
 */
export const COUNTRY_CODES: readonly string[] = `
  AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
  BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
  CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
  DE DJ DK DM DO DZ
  EC EE EG EH ER ES ET
  FI FJ FK FM FO FR
  GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
  HK HM HN HR HT HU
  ID IE IL IM IN IO IQ IR IS IT
  JE JM JO JP
  KE KG KH KI KM KN KP KR KW KY KZ
  LA LB LC LI LK LR LS LT LU LV LY
  MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
  NA NC NE NF NG NI NL NO NP NR NU NZ
  OM
  PA PE PF PG PH PK PL PM PN PR PS PT PW PY
  QA
  RE RO RS RU RW
  SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
  TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
  UA UG UM US UY UZ
  VA VC VE VG VI VN VU
  WF WS
  YE YT
  ZA ZM ZW
`
  .trim()
  .split(/\s+/);

export interface Country {
  code: string;
  name: string;
}

/** Names ISO region codes in the browser's language; null where `Intl.DisplayNames` is missing. */
function regionNames(locales?: string | readonly string[]): Intl.DisplayNames | null {
  try {
    return typeof Intl.DisplayNames === "function"
      ? new Intl.DisplayNames(locales as string | string[] | undefined, { type: "region", fallback: "code" })
      : null;
  } catch {
    return null;
  }
}

/** A country's name ("GB" → "United Kingdom"); the code itself when the browser cannot name it. */
export function countryName(code: string, locales?: string | readonly string[]): string {
  return regionNames(locales)?.of(code) ?? code;
}

/**
 * Every country as an option, sorted by name. `extra` adds a code not in the list (a saved value
 * from a newer list) so the select still shows it.
 */
export function countryOptions(extra: string | null = null, locales?: string | readonly string[]): Country[] {
  const names = regionNames(locales);
  const codes = [...COUNTRY_CODES];
  if (extra && !codes.includes(extra)) codes.push(extra);
  const collator = new Intl.Collator(locales as string | string[] | undefined);
  return codes
    .map((code) => ({ code, name: names?.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
