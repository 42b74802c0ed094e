/**
 * The words of the demo history: what each demo client tends to ask, how each demo reader answers,
 * and the reviews, replies and notes of past readings. Short and ordinary, like real ones.
 */

export interface ReaderVoice {
  /** Chat answers (a past reading's transcript). */
  answers: readonly string[];
  /** Reviews of 4 or 5 stars, by clients of this reader. */
  reviews: readonly string[];
  /** The reader's replies to reviews. */
  replies: readonly string[];
  /** The short summary a reader leaves after a reading. */
  notes: readonly string[];
}

export const READER_VOICES: Readonly<Record<string, ReaderVoice>> = {
  "luna@soulseer.test": {
    answers: [
      "I'm pulling three cards for you: the Two of Cups, the Hermit and the Star. There is real warmth here, but he needs time alone before he can show it.",
      "The Queen of Cups is sitting right in the middle of this spread. You already know what you feel; the cards are asking you to say it out loud.",
      "The Six of Swords tells me the hardest part of this breakup is already behind you. The next weeks are about calmer water.",
    ],
    reviews: [
      "Luna was gentle but honest. She picked up on things I hadn't even mentioned.",
      "Second reading with Luna and again spot on about my relationship. Practical advice, no fluff.",
      "She didn't just tell me what I wanted to hear, and I appreciated that.",
      "So calming. I left with a clear next step instead of more worry.",
      "Her read on my ex was uncanny. Thank you, Luna!",
      "Warm, direct and kind. Worth every minute.",
    ],
    replies: [
      "Thank you for trusting me with something so personal. Be gentle with yourself this month.",
      "It was lovely to read for you again. Keep me posted on that conversation!",
      "Thank you! Remember the Star card: hope is allowed.",
      "I'm so glad it helped. Sending you warmth.",
    ],
    notes: [
      "Two of Cups, the Hermit, the Star. Give it two weeks before deciding; write down what you want first.",
      "Queen of Cups: trust what you already feel. Next step: the honest conversation.",
      "Six of Swords: you're moving on. Be kind to yourself while it settles.",
    ],
  },
  "orion@soulseer.test": {
    answers: [
      "Saturn is leaving your tenth house next month. The slow, heavy work stage at your job is ending; I'd time the ask for a raise after the 14th.",
      "Your natal Mars in Capricorn likes a plan. With Jupiter trining your Sun right now, it is a good window to send those applications.",
      "Mercury is retrograde until the 20th, so sign nothing big before then. Draft it, sleep on it, and sign after.",
    ],
    reviews: [
      "Orion explained my chart in plain English and gave me actual dates. Very helpful for planning.",
      "Great on timing. He told me to wait two weeks before accepting the offer and he was right.",
      "Clear, calm and no jargon. I finally understand my Saturn return.",
      "Practical astrology, which is exactly what I wanted for a career question.",
      "Detailed and patient with all my questions.",
    ],
    replies: [
      "Thank you! Good luck with the move, and watch the dates we talked about.",
      "Glad the timing worked out. Enjoy the new role!",
      "Thanks for the kind words. Saturn returns are easier once you can see them coming.",
    ],
    notes: [
      "Saturn leaves your 10th house next month; ask for the raise after the 14th.",
      "Jupiter trine Sun: good window for applications until early next month.",
      "Mercury retrograde until the 20th: draft now, sign after.",
    ],
  },
  "sage@soulseer.test": {
    answers: [
      "I have an older woman coming through with a strong smell of lavender and a name starting with M. She's showing me a garden.",
      "There's a man here who is laughing and showing me a fishing boat. He wants you to know he's proud of you.",
    ],
    reviews: [
      "Sage brought through my grandmother with details nobody else could know. I cried, in a good way.",
      "Evidential and kind. She gave names and places before any message, just as she says.",
      "I was skeptical, but the details about my dad's boat were impossible to guess.",
      "A beautiful, gentle reading. I feel lighter.",
      "Comforting and respectful. Thank you for the time with my mom.",
    ],
    replies: [
      "Thank you for letting me sit with your family. She was so clear and so loving.",
      "It was an honour to connect with your dad. Take care of yourself this week.",
      "Thank you. Spirit is always close.",
    ],
    notes: [
      "Your grandmother (M., lavender, the garden) came through clearly. She wants you to rest.",
      "Your father was very present: the boat, the laugh. He is proud of you.",
    ],
  },
  "celeste@soulseer.test": {
    answers: [
      "The angel card for you is Archangel Jophiel: beauty and new perspective. It's a nudge to clear space, literally and emotionally.",
      "I'm drawing from the oracle deck: 'New Beginnings' and 'Trust'. This change is right; the fear is just the unfamiliar.",
      "Your three cards are Patience, Release and Sunrise. Let the old plan go; something better is forming.",
    ],
    reviews: [
      "Celeste is so uplifting. I loved seeing the cards she pulled in the chat.",
      "Exactly the encouragement I needed before a big move.",
      "Calm, kind and surprisingly specific.",
      "Lovely energy. The 'Release' card made me laugh because it was so true.",
      "A gentle reading that gave me courage. Will be back.",
    ],
    replies: [
      "Thank you so much! The angels are cheering you on.",
      "I'm so happy the cards spoke to you. Good luck with the move!",
      "Thank you for the kind words. Sending you light.",
    ],
    notes: [
      "Archangel Jophiel: clear space, fresh perspective. Start with one drawer!",
      "New Beginnings + Trust. The change is right; go gently.",
    ],
  },
  "rowan@soulseer.test": {
    answers: [
      "A recurring dream about missing a train usually points to a fear of missing a window in waking life. What decision are you putting off?",
      "Your life path number is 7, the seeker. It explains why you need quiet time to make sense of things.",
      "Water in dreams is emotion. Calm water rising slowly means feelings you're letting in bit by bit, which is healthy.",
    ],
    reviews: [
      "Rowan decoded a dream I've had for years. It finally makes sense.",
      "Fun and insightful. The numerology part was spot on for my personality.",
      "Thoughtful questions; it felt like a conversation, not a script.",
      "Great reading. I've been journaling my dreams since.",
    ],
    replies: [
      "Thank you! Keep that dream journal going, the patterns will show themselves.",
      "It was fun to dig into this with you. Sweet dreams!",
    ],
    notes: [
      "Train dream = fear of missing a window. Journal what decision comes to mind on waking.",
      "Life path 7: protect your quiet time; it's how you decide well.",
    ],
  },
  "amara@soulseer.test": {
    answers: [
      "Your heart chakra feels guarded, and your solar plexus is very busy. You've been carrying other people's worries.",
      "I'm sensing tiredness in your energy field, not from work but from holding back. A short daily grounding ritual will help.",
    ],
    reviews: [
      "Amara felt my energy straight away. The grounding exercise she gave me works.",
      "I came in drained and left feeling lighter. Highly recommend.",
      "Kind, perceptive and very practical about self-care.",
      "She understood what was going on before I explained. Amazing.",
    ],
    replies: [
      "Thank you! Keep up the grounding every morning, even five minutes counts.",
      "I'm so glad you feel lighter. Protect that energy!",
      "Thank you for the lovely review. Be well.",
    ],
    notes: [
      "Guarded heart chakra, busy solar plexus. Five minutes of grounding each morning.",
      "You've been carrying others' worries. Practise saying no once this week.",
    ],
  },
  "theo@soulseer.test": {
    answers: [
      "Ten of Pentacles, upright, with the Eight of Pentacles beside it. Yes: the job is stable and you'd grow there. Negotiate the salary, though.",
      "The Seven of Swords worries me here. Read that contract carefully; something in it is not as it seems.",
      "Ace of Wands: start the side business, but small. Keep the day job until the Six of Pentacles shows up in your numbers.",
    ],
    reviews: [
      "Theo gives straight answers. Yes or no, and why. Refreshing.",
      "Useful career reading with a real plan for Monday morning.",
      "He warned me about the contract clause and he was right. Thank you!",
      "Practical and grounded; felt like talking to a mentor who reads tarot.",
    ],
    replies: [
      "Thank you! Good luck with the negotiation, and ask for the higher number.",
      "Glad you caught that clause. Trust your instincts too.",
    ],
    notes: [
      "Ten + Eight of Pentacles: take the job, negotiate the salary first.",
      "Seven of Swords: have someone read the contract before you sign.",
    ],
  },
};

/** Reviews of 2 or 3 stars: honest, never cruel. */
export const LUKEWARM_REVIEWS: readonly string[] = [
  "Nice enough, but it felt a bit rushed and general.",
  "Some good points, though I didn't connect with the style.",
  "Okay reading. I hoped for more detail about my question.",
  "Pleasant, but we spent most of the time on small things and not my main question.",
];

/** Replies readers give to a lukewarm review. */
export const LUKEWARM_REPLIES: readonly string[] = [
  "Thank you for the honest feedback. I'm sorry it didn't land this time; I'd be glad to look deeper another day.",
  "I appreciate you taking the time to say so, and I'll keep it in mind.",
];

/** What each demo client tends to ask about (a past chat's opening and follow-up). */
export const CLIENT_QUESTIONS: Readonly<Record<string, readonly string[]>> = {
  "maya@soulseer.test": [
    "Hi! I've been seeing someone for three months and I can't tell where it's going. Can you look at it?",
    "My ex reached out last week. Should I answer?",
    "I'm thinking about moving to another city for a fresh start. Is it the right time?",
    "Is there something I should know about the new friend group I'm spending time with?",
  ],
  "jordan@soulseer.test": [
    "I have two job offers on the table and I need to decide by Friday. Which one?",
    "Should I ask for a raise this quarter or wait?",
    "I'm thinking about starting a side business. Is this the year?",
    "My contract renewal is coming up. Anything I should watch for?",
  ],
  "ivy@soulseer.test": [
    "I keep dreaming about my grandmother's house. Does it mean anything?",
    "I've felt drained for weeks and I don't know why. Can you look at my energy?",
    "I'm at a crossroads with my studies. Which direction feels right?",
    "I lost my dad last year and I'd love to know if he's okay.",
  ],
};

export const CLIENT_FOLLOW_UPS: readonly string[] = [
  "That makes a lot of sense actually. What should I focus on this month?",
  "Wow, okay. Is there anything I should avoid?",
  "Interesting. How soon will I see a change?",
  "Can you pull one more card for the next few weeks?",
];

export const CLIENT_THANKS: readonly string[] = [
  "Thank you so much, this really helped.",
  "Thank you! I feel a lot clearer now.",
  "This was exactly what I needed. Thanks!",
  "Thanks, I'll keep that in mind.",
];

export const READER_FOLLOW_UPS: readonly string[] = [
  "Focus on small, steady steps. The cards show momentum building by the end of the month.",
  "Avoid rushing a decision just to end the uncertainty. Give it another week.",
  "You'll notice a shift within the next few weeks, most likely around a conversation.",
  "For the coming weeks I have the Page of Cups: a pleasant surprise, probably through a message.",
];

/** Reviews of the automatic demo readers, honest about what they are. */
export const AUTOMATIC_READER_REVIEWS: readonly { stars: number; text: string }[] = [
  {
    stars: 5,
    text: "Clearly automatic, but a sweet way to see how a chat reading works before booking a real reader.",
  },
  { stars: 4, text: "Quick and cute: a card, its meaning, done. Good for trying the app." },
  { stars: 4, text: "Canned answers, as the page says, but it's a nice way to test the chat." },
  { stars: 5, text: "Fun little demo. The card it drew for my question fit surprisingly well!" },
];
