/**
 * Contact details in messages between clients and readers are hidden from both sides (taking a
 * client off the platform is against the rules, as on Keen): email addresses, links and phone
 * numbers, also when spelled out ("name at gmail dot com"). What is not one of those stays as
 * written: dates, times, prices, card numbers of a tarot spread, years.
 */

const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:\s+dot\s+[\p{L}\p{N}._%+-]+)*\s*(?:@|\(at\)|\[at\]|\s+at\s+)\s*[\p{L}\p{N}-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*[\p{L}\p{N}-]+)*\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*(?:com|net|org|io|me|co|uk|de|fr|es|it|nl|ca|au|us|info|biz|app|dev|email|mail|online|live|icloud|gmail|yahoo|hotmail|outlook|proton|[a-z]{2})\b/giu;
const LINK =
  /\b(?:https?:\/\/|www\.)[^\s<>"]+|(?<![\p{L}\p{N}.-])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|io|me|co|app|dev|info|biz|link|ly|gg|tv|site|online|store|shop)\b(?:\/[^\s<>"]*)?/giu;
/** 7 to 15 digits, with spaces, dots, dashes or brackets between them and an optional "+". */
const PHONE = /(?<![\p{L}\p{N}])\+?\(?\d(?:[\s.\-()]{0,3}\d){6,14}(?![\p{L}\p{N}])/gu;
/** Digit runs that are not phone numbers: an ISO date, a date with slashes, a time. */
const NOT_A_PHONE = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}\s*-\s*\d{4})$/;

export const HIDDEN_EMAIL = "[email hidden]";
export const HIDDEN_LINK = "[link hidden]";
export const HIDDEN_PHONE = "[number hidden]";

/** The text with contact details replaced, and whether anything was. */
export function hideContactDetails(text: string): { text: string; hidden: boolean } {
  let hidden = false;
  const replaced = text
    .replace(EMAIL, () => {
      hidden = true;
      return HIDDEN_EMAIL;
    })
    .replace(LINK, () => {
      hidden = true;
      return HIDDEN_LINK;
    })
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, "");
      if (digits.length < 7 || NOT_A_PHONE.test(match.trim())) return match;
      hidden = true;
      return HIDDEN_PHONE;
    });
  return { text: replaced, hidden };
}
