/**
 * What the automatic demo readers say: a greeting, short tarot-style answers drawn from a small
 * deck of card meanings, and a goodbye. Canned on purpose (their page says so); a `Lines` picker
 * never says the same thing twice in a row.
 */

export interface TarotCard {
  name: string;
  meaning: string;
}

export const TAROT_DECK: readonly TarotCard[] = [
  { name: "The Star", meaning: "hope after a hard season; let yourself be hopeful again" },
  { name: "The Sun", meaning: "warmth and clarity; what you have been hoping for is closer than it looks" },
  {
    name: "The Moon",
    meaning: "not everything is visible yet; trust your intuition before the facts arrive",
  },
  { name: "The Empress", meaning: "abundance and care; tend to what you are growing and it will grow" },
  { name: "The Hermit", meaning: "a pause to listen inward; the answer comes in a quiet moment" },
  { name: "Wheel of Fortune", meaning: "a turn of luck is under way; stay flexible and say yes to movement" },
  { name: "Strength", meaning: "gentle courage; patience wins where force would not" },
  { name: "The Lovers", meaning: "a choice made from the heart; be honest about what you value" },
  { name: "Temperance", meaning: "balance and timing; a middle path works better than all or nothing" },
  { name: "Three of Cups", meaning: "friendship and celebration; lean on the people who cheer for you" },
  { name: "Ace of Pentacles", meaning: "a solid, practical new start; plant the seed this week" },
  { name: "Eight of Wands", meaning: "news and momentum; things will move quickly once they start" },
  { name: "Six of Swords", meaning: "moving on to calmer water; the transition is already helping you" },
  { name: "Two of Cups", meaning: "a meaningful connection; meet someone halfway and they will meet you" },
  { name: "Page of Pentacles", meaning: "learning something new; curiosity opens a practical door" },
  { name: "Knight of Cups", meaning: "an invitation or offer arrives; follow what genuinely moves you" },
];

const GREETINGS = [
  "Welcome, I'm {name}, an automatic demo reader. I'm shuffling the deck now. Ask me anything on your mind, in a sentence or two.",
  "Hello and welcome! I'm {name}, an automatic demo reader with canned answers. Tell me what you'd like guidance on and I'll pull a card.",
  "Hi, I'm {name} (an automatic demo reader). The cards are ready. What question would you like to bring to them today?",
];

const CARD_ANSWERS = [
  "I pulled {card}: {meaning}.",
  "The card for that is {card}. Its message: {meaning}.",
  "{card} came up for you: {meaning}.",
  "Here's {card}, and what it says is this: {meaning}.",
  "I drew {card}. In short: {meaning}.",
];

const NUDGES = [
  "Take a breath with that. Is there another part of the question you'd like me to look at?",
  "Does that resonate? Tell me more and I'll pull another card.",
  "How does that sit with you? We can look at what comes next if you like.",
];

const QUIET_GOODBYES = [
  "It seems you've stepped away, so I'll close our reading here. Thank you, and take care!",
  "I haven't heard from you in a while, so I'm ending the reading now so you aren't charged for silence. Be well!",
];

const GOODBYES = [
  "Our time is nearly up. Thank you for sitting with the cards today. I'm closing the reading now. Blessings!",
  "That's a lovely place to pause. Thank you for the reading! I'll end it now so you only pay for what we used.",
  "We'll end here for today. Remember: the cards show possibilities, and you choose the path. Goodbye for now!",
];

/**
 * Picks lines at random (from `random`): each pool avoids the template it used last, and an answer
 * always draws a different card from the one before, so no message repeats the previous one.
 */
export function createLines(name: string, random: () => number = Math.random) {
  const lastTemplate = new Map<readonly string[], string>();
  const pick = (pool: readonly string[]) => {
    const fresh = pool.filter((template) => template !== lastTemplate.get(pool));
    const chosen = fresh[Math.floor(random() * fresh.length)] ?? pool[0] ?? "";
    lastTemplate.set(pool, chosen);
    return chosen;
  };
  let previousCard = "";
  const drawCard = () => {
    const fresh = TAROT_DECK.filter((card) => card.name !== previousCard);
    const card = fresh[Math.floor(random() * fresh.length)] ?? (TAROT_DECK[0] as TarotCard);
    previousCard = card.name;
    return card;
  };
  return {
    greeting: () => pick(GREETINGS).replace("{name}", name),
    /** A card and its meaning, now and then followed by a nudge to say more. */
    answer() {
      const card = drawCard();
      const line = pick(CARD_ANSWERS).replace("{card}", card.name).replace("{meaning}", card.meaning);
      return random() < 0.4 ? `${line} ${pick(NUDGES)}` : line;
    },
    goodbye: () => pick(GOODBYES),
    quietGoodbye: () => pick(QUIET_GOODBYES),
  };
}
