import { describe, expect, it } from "vitest";
import { HIDDEN_EMAIL, HIDDEN_LINK, HIDDEN_PHONE, hideContactDetails } from "./contact-details.js";

describe("hideContactDetails", () => {
  it("hides email addresses, links and phone numbers, also spelled out", () => {
    for (const [text, shown] of [
      ["Email me at jane.doe@gmail.com please", `Email me at ${HIDDEN_EMAIL} please`],
      ["jane dot doe at gmail dot com", HIDDEN_EMAIL],
      ["jane(at)gmail(dot)com", HIDDEN_EMAIL],
      ["JANE@EXAMPLE.CO.UK.", `${HIDDEN_EMAIL}.`],
      ["call +1 (415) 555-0134 tonight", `call ${HIDDEN_PHONE} tonight`],
      ["my number is 07700 900123", `my number is ${HIDDEN_PHONE}`],
      ["text 415.555.0134", `text ${HIDDEN_PHONE}`],
      ["whatsapp +44 7700 900 123!", `whatsapp ${HIDDEN_PHONE}!`],
      ["https://evil.example/x?y=1", HIDDEN_LINK],
      ["see www.mysite.com", `see ${HIDDEN_LINK}`],
      ["find me on mysite.com/booking", `find me on ${HIDDEN_LINK}`],
    ]) {
      expect(hideContactDetails(text as string), text).toEqual({ text: shown, hidden: true });
    }
  });

  it("leaves what a reading is about alone: dates, times, prices, cards, years, rooms", () => {
    for (const text of [
      "I was born 1990-05-12",
      "on 12/04/2026 at 10:30",
      "it costs $25.00, or 2,500 cents",
      "the 3 of cups and the 10 of swords",
      "in 2026 or 2027",
      "between 1990 - 1995",
      "meet at 5 at the cafe",
      "I am at home. Dot the i",
      "e.g. this, i.e. that",
      "room 12345",
      "Psalm 23:4 and John 3.16",
      "Will my mother's surgery on 3.4.2027 go well?",
    ]) {
      expect(hideContactDetails(text), text).toEqual({ text, hidden: false });
    }
  });
});
