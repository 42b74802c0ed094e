import { type BookingModality, type BookingOptions, isLength, type LengthMinutes } from "./queries";

/**
 * A booking in the making survives a trip elsewhere (signing in, topping up): the reader page's
 * URL carries the choice (`?book=<startsAt>&modality=&length=`), and the tab keeps the question.
 */
export interface BookingChoice {
  modality: BookingModality;
  lengthMinutes: LengthMinutes;
  startsAt: string | null;
}

export const BOOK_SECTION_ID = "book";

/** The choice in the URL, where the reader still offers it; else their first offer. */
export function choiceFromUrl(params: URLSearchParams, options: BookingOptions): BookingChoice {
  const lengths = options.lengthsMinutes.filter(isLength);
  const modality = options.modalities.find((offered) => offered === params.get("modality"));
  const wantedLength = Number(params.get("length"));
  const lengthMinutes = lengths.find((offered) => offered === wantedLength);
  const raw = params.get("book");
  const at = raw ? new Date(raw) : null;
  const startsAt = at && !Number.isNaN(at.getTime()) && at.getTime() > Date.now() ? at.toISOString() : null;
  const known = Boolean(modality && lengthMinutes);
  return {
    modality: modality ?? options.modalities[0] ?? "chat",
    lengthMinutes: lengthMinutes ?? lengths[0] ?? 30,
    startsAt: known ? startsAt : null,
  };
}

/** The reader page with this choice made: where sign-in and top-up send the client back. */
export function choiceUrl(slug: string, choice: BookingChoice): string {
  const params = new URLSearchParams({ modality: choice.modality, length: String(choice.lengthMinutes) });
  if (choice.startsAt) params.set("book", choice.startsAt);
  return `/readers/${encodeURIComponent(slug)}?${params.toString()}#${BOOK_SECTION_ID}`;
}

const questionKey = (readerUserId: string) => `soulseer.booking.question.${readerUserId}`;

export function savedQuestion(readerUserId: string): string {
  try {
    return sessionStorage.getItem(questionKey(readerUserId)) ?? "";
  } catch {
    return "";
  }
}

export function saveQuestion(readerUserId: string, question: string) {
  try {
    if (question.trim()) sessionStorage.setItem(questionKey(readerUserId), question);
    else sessionStorage.removeItem(questionKey(readerUserId));
  } catch {
    // Storage off: the question is typed again.
  }
}
