/**
 * Crisis language in messages (product.md §1.3: crisis resources appear when self-harm words show up in
 * a chat). `mentionsSelfHarm` says whether a message talks about suicide or self-harm in the first
 * person, in English, Spanish, French, German, Portuguese or Italian, however it is typed: any case,
 * accents or none, curly apostrophes, leetspeak ("k1ll mys3lf"), stretched letters ("diiie"), extra
 * spaces or punctuation, contractions written out or not ("don't" / "dont" / "do not").
 *
 * A hit only shows the client a calm panel of free support lines (and a note to the reader), so a rare
 * false alarm costs little; but a panel on everyday words ("this deadline is killing me", "the Death
 * card") would feel absurd and teach people to ignore it. Hence:
 *
 * - Only phrases match, never a lone alarming word: "die", "dead", "death", "kill", "dying" never
 *   match by themselves (tarot readings talk about the Death card and the Tower all day; "die" is also
 *   the German article). Phrases match whole words only ("skill myself", "die-cast", "overdue" don't).
 * - Common idioms are deliberately NOT matched: "this job is killing me", "killing it", "I'm dying to
 *   know", "I could just die of embarrassment", "to die for", "dead tired", "drop dead gorgeous",
 *   "kill time", "my phone died", "I'd kill for a coffee", "I'd rather die than wear that", "cutting
 *   myself a slice of cake", "I cut myself shaving", "shoot myself in the foot", "my mum is going to kill
 *   me" and their equivalents in the other languages ("me muero de risa", "ça va me tuer", "die Arbeit
 *   bringt mich um", "minha mãe vai me matar", "muoio dal ridere").
 * - Titles and set phrases around "suicide" are not a hit: "Suicide Squad", "suicide doors", the
 *   "suicide king" (a playing card), "suicide bomber", "suicide sprints", "career/political suicide".
 *   "Suicide" on its own (also "suicide prevention", "my uncle died by suicide") IS a hit: offering
 *   support lines to someone talking about it is right even when they are not in danger themselves.
 * - "I don't want to die" (fear of dying, often about illness) is not a hit; "I don't want to live"
 *   is. Other negations are not inspected ("I'm not suicidal, but…" shows the panel: harmless).
 * - Ironic internet shorthand that is mostly jokes ("kms", "kys") is not matched; "unalive myself" and
 *   "sewerslide" (words coined to talk about suicide past filters) are.
 *
 * Speed: the phrases compile once, at module load, into one regular expression shaped as a trie (at
 * each word start the engine follows at most one path), and the text is normalized by a fixed number
 * of linear passes; so a call is O(length of the text). A 4,000-character message takes about 0.1 ms.
 */

/** A phrase with the contexts in which it is everyday language rather than crisis language. */
export interface CrisisPhrase {
  /**
   * The words as people write them (normalized at load like the messages are, so accents, case,
   * apostrophes and doubled letters don't matter here). A trailing `*` matches any ending of the last
   * word ("selbstmord*" also matches "Selbstmordgedanken").
   */
  phrase: string;
  /** Words right after the phrase that make it harmless ("cut myself" + "a slice"). */
  unlessFollowedBy?: readonly string[];
  /** Words right before the phrase that make it harmless ("career" + "suicide", "not" + "want to die"). */
  unlessPrecededBy?: readonly string[];
}

export type CrisisLanguage = "en" | "es" | "fr" | "de" | "pt" | "it";

/*
 * How to maintain the lists below:
 * - Add the phrase as a person would type it, in its most common spelling: normalization takes care of
 *   case, accents ("não" = "nao"), apostrophes ("don't" = "dont" = "do not"; "j'ai" = "jai"), doubled
 *   letters ("ammazzarmi" = "amazarmi"), leetspeak and punctuation. Spelling variants that are not
 *   covered by that (German "moechte" for "möchte", "kiero" for "quiero") need their own entry.
 * - Prefer first-person phrases ("kill myself", "me quiero matar") over single words. Never add a lone
 *   word that is also everyday or tarot vocabulary ("die", "dead", "death", "kill", "tot", "morir").
 * - When a phrase also has an everyday meaning, add the words that give it away as `unlessFollowedBy`
 *   / `unlessPrecededBy` rather than dropping the phrase.
 * - The same phrase (after normalization) may appear in several languages only with the same
 *   exclusions; otherwise loading this module throws (the tests load it).
 * - Add every new phrase, and every everyday sentence it must not catch, to crisis.test.ts.
 */

const EN_NEGATION = ["not", "never"];
/** "I want to die of embarrassment", "… laughing". */
const EN_FIGURATIVE_DEATH = [
  "laughing",
  "of laughter",
  "of embarrassment",
  "from embarrassment",
  "of boredom",
  "of cuteness",
  "of happiness",
];
/** "I'm killing myself at work" (working very hard). */
const EN_KILL_IDIOMS = [
  "laughing",
  "working",
  "trying",
  "studying",
  "to get",
  "to finish",
  "to make",
  "to meet",
  "over",
  "at work",
  "at the gym",
  "in the gym",
  "with work",
];
/** "I hurt myself playing football", "I cut myself shaving". */
const EN_ACCIDENTS = [
  "shaving",
  "while",
  "when",
  "at the gym",
  "at work",
  "playing",
  "running",
  "skiing",
  "lifting",
  "cooking",
  "chopping",
  "slicing",
  "peeling",
  "opening",
  "on a",
  "on an",
  "on some",
  "on glass",
  "on paper",
  "on the edge",
  "on the glass",
  "on the knife",
  "by accident",
  "accidentally",
  "in the kitchen",
  "in a fall",
  "falling",
];
/** "cutting myself a slice of cake", "cut myself some slack", "cut myself off from …". */
const EN_CUT_BENIGN = [
  ...EN_ACCIDENTS,
  "a slice",
  "a piece",
  "a bit",
  "a break",
  "a deal",
  "a share",
  "a portion",
  "a new",
  "an",
  "some",
  "off",
  "loose",
  "free",
  "short",
  "slack",
  "out",
  "in on",
];
const EN_ACCIDENT_BEFORE = ["accidentally", "almost", "nearly"];
/** "I don't want to live in London". */
const EN_LIVE_PLACES = [
  "in",
  "at",
  "on",
  "near",
  "with",
  "there",
  "here",
  "together",
  "abroad",
  "under",
  "next",
  "close",
  "far",
  "somewhere",
  "anywhere",
  "through",
];

const ES_FIGURATIVE_DEATH = [
  "de verguenza",
  "de la verguenza",
  "de risa",
  "de la risa",
  "de ganas",
  "de amor",
  "de envidia",
  "de aburrimiento",
];
const ES_LIVE_PLACES = [
  "en",
  "con",
  "aqui",
  "alli",
  "alla",
  "ahi",
  "cerca",
  "lejos",
  "junto",
  "juntos",
  "de",
];
/** "mi mamá va a matarme" (my mum is going to kill me). */
const ES_THIRD_PERSON = ["va a", "van a", "vas a", "vais a"];

const FR_FIGURATIVE_DEATH = ["de rire", "de honte", "d'ennui", "d'amour", "de faim", "de froid"];
const FR_LIVE_PLACES = ["ici", "la", "en", "avec", "a", "au", "aux", "dans", "pres", "chez", "loin"];
/** "ça va me tuer", "ma mère va me tuer", "tu vas me tuer". */
const FR_THIRD_PERSON = ["va", "vas", "vont", "allait", "allez", "aller"];

/** "die Arbeit wird mich umbringen". */
const DE_THIRD_PERSON = ["wird", "werden", "wurde", "wurden"];

const PT_FIGURATIVE_DEATH = ["de vergonha", "de rir", "de tanto rir", "de tedio", "de amor", "de saudade"];
const PT_LIVE_PLACES = [
  "em",
  "aqui",
  "ali",
  "la",
  "com",
  "perto",
  "longe",
  "no",
  "na",
  "nessa",
  "nesta",
  "neste",
];
/** "minha mãe vai me matar" (my mum is going to kill me); "vou me matar" (first person) still matches. */
const PT_THIRD_PERSON = ["vai", "vao", "ira", "irao", "iria"];

const IT_FIGURATIVE_DEATH = [
  "dal ridere",
  "dalle risate",
  "dalla vergogna",
  "di vergogna",
  "di noia",
  "dalla noia",
];
const IT_LIVE_PLACES = ["qui", "li", "la", "in", "a", "con", "vicino", "lontano", "da"];
const IT_THIRD_PERSON = ["vuole", "vogliono", "vorra"];
const IT_HAIRCUT = ["i capelli", "le unghie", "la frangia", "la barba", "i baffi"];

/** The phrases, by language. See "How to maintain the lists" above. */
export const SELF_HARM_PHRASES: Readonly<Record<CrisisLanguage, readonly (string | CrisisPhrase)[]>> = {
  en: [
    {
      phrase: "suicide",
      unlessFollowedBy: [
        "squad",
        "squads",
        "door",
        "doors",
        "king",
        "kings",
        "bomber",
        "bombers",
        "bombing",
        "bombings",
        "attack",
        "attacks",
        "vest",
        "mission",
        "missions",
        "run",
        "runs",
        "sprint",
        "sprints",
        "drill",
        "drills",
        "blonde",
        "silence",
      ],
      unlessPrecededBy: [
        "career",
        "political",
        "social",
        "commercial",
        "professional",
        "electoral",
        "financial",
        "fashion",
        "brand",
      ],
    },
    "suicides",
    "suicidal",
    "suicidally",
    "sewerslide",
    "sewer slide",
    { phrase: "kill myself", unlessFollowedBy: EN_KILL_IDIOMS },
    { phrase: "killing myself", unlessFollowedBy: EN_KILL_IDIOMS },
    "unalive myself",
    "unaliving myself",
    "end my life",
    "ending my life",
    "end my own life",
    "end it all",
    "ending it all",
    "take my own life",
    "taking my own life",
    { phrase: "want to die", unlessPrecededBy: EN_NEGATION, unlessFollowedBy: EN_FIGURATIVE_DEATH },
    { phrase: "want to be dead", unlessPrecededBy: EN_NEGATION },
    "wish i was dead",
    "wish i were dead",
    "wish i could die",
    "wish i would die",
    "wish i was never born",
    "wish i were never born",
    "wish i had never been born",
    "better off dead",
    "better off without me",
    { phrase: "rather be dead", unlessFollowedBy: ["than"] },
    { phrase: "rather die", unlessFollowedBy: ["than"] },
    { phrase: "no reason to live", unlessFollowedBy: EN_LIVE_PLACES },
    "no reason for living",
    "nothing to live for",
    "no point in living",
    "no point living",
    "not worth living",
    "tired of living",
    "tired of being alive",
    "sick of living",
    "sick of being alive",
    "don't want to be alive",
    { phrase: "don't want to live", unlessFollowedBy: EN_LIVE_PLACES },
    "don't want to exist",
    "give up on life",
    "given up on life",
    "gave up on life",
    "giving up on life",
    { phrase: "hurt myself", unlessFollowedBy: EN_ACCIDENTS, unlessPrecededBy: EN_ACCIDENT_BEFORE },
    { phrase: "hurting myself", unlessFollowedBy: EN_ACCIDENTS, unlessPrecededBy: EN_ACCIDENT_BEFORE },
    "harm myself",
    "harming myself",
    "self harm",
    "selfharm",
    "self harming",
    "self harmed",
    "self injury",
    "self injure",
    "self injuring",
    "self mutilation",
    { phrase: "cut myself", unlessFollowedBy: EN_CUT_BENIGN, unlessPrecededBy: EN_ACCIDENT_BEFORE },
    { phrase: "cutting myself", unlessFollowedBy: EN_CUT_BENIGN, unlessPrecededBy: EN_ACCIDENT_BEFORE },
    "cut my wrists",
    "cutting my wrists",
    "slit my wrists",
    "slit my wrist",
    "slit my throat",
    "hang myself",
    "hanging myself",
    { phrase: "shoot myself", unlessFollowedBy: ["in the foot"] },
    "starve myself",
    "overdose on pills",
    "overdose on my pills",
    "take all my pills",
    "take all of my pills",
    "take all the pills",
    "swallow all my pills",
    { phrase: "jump off a bridge", unlessPrecededBy: ["go"] },
    "jump off a building",
    "jump in front of a train",
    "throw myself in front of",
    "throw myself off",
    "go to sleep and never wake up",
  ],
  es: [
    { phrase: "quiero morir", unlessPrecededBy: ["no"], unlessFollowedBy: ES_FIGURATIVE_DEATH },
    { phrase: "quiero morirme", unlessPrecededBy: ["no"], unlessFollowedBy: ES_FIGURATIVE_DEATH },
    { phrase: "me quiero morir", unlessPrecededBy: ["no"], unlessFollowedBy: ES_FIGURATIVE_DEATH },
    { phrase: "kiero morir", unlessPrecededBy: ["no"], unlessFollowedBy: ES_FIGURATIVE_DEATH },
    { phrase: "me kiero morir", unlessPrecededBy: ["no"], unlessFollowedBy: ES_FIGURATIVE_DEATH },
    "me quiero matar",
    "me kiero matar",
    "quiero matarme",
    {
      phrase: "matarme",
      unlessPrecededBy: ES_THIRD_PERSON,
      unlessFollowedBy: ["de", "estudiando", "trabajando", "a trabajar"],
    },
    "suicidarme",
    "suicidar",
    "suicidio",
    "suicida",
    "suicidas",
    "quitarme la vida",
    "acabar con mi vida",
    "terminar con mi vida",
    "poner fin a mi vida",
    { phrase: "no quiero vivir", unlessFollowedBy: ES_LIVE_PLACES },
    "no quiero seguir viviendo",
    "no quiero estar vivo",
    "no quiero estar viva",
    "no quiero existir",
    "no tengo razones para vivir",
    "no tengo razon para vivir",
    "ninguna razon para vivir",
    "sin razon para vivir",
    "no vale la pena vivir",
    "nada por que vivir",
    "nada porque vivir",
    "estaria mejor muerto",
    "estaria mejor muerta",
    "estarian mejor sin mi",
    "hacerme dano",
    "cortarme las venas",
    "autolesion*",
    "ahorcarme",
    "tirarme de un puente",
    "tirarme por la ventana",
    "tirarme a las vias",
  ],
  fr: [
    // "suicide" is shared with English (same spelling, same exclusions).
    { phrase: "je veux mourir", unlessFollowedBy: FR_FIGURATIVE_DEATH },
    { phrase: "je voudrais mourir", unlessFollowedBy: FR_FIGURATIVE_DEATH },
    { phrase: "j'aimerais mourir", unlessFollowedBy: FR_FIGURATIVE_DEATH },
    { phrase: "envie de mourir", unlessPrecededBy: ["pas"], unlessFollowedBy: FR_FIGURATIVE_DEATH },
    "me suicider",
    "suicidaire",
    "suicidaires",
    "je vais me tuer",
    "je veux me tuer",
    "envie de me tuer",
    {
      phrase: "me tuer",
      unlessPrecededBy: FR_THIRD_PERSON,
      unlessFollowedBy: ["de rire", "a la tache", "au travail", "a force"],
    },
    "me foutre en l'air",
    "mettre fin a mes jours",
    "mettre fin a ma vie",
    "en finir avec la vie",
    "en finir avec ma vie",
    { phrase: "je ne veux plus vivre", unlessFollowedBy: FR_LIVE_PLACES },
    { phrase: "plus envie de vivre", unlessFollowedBy: FR_LIVE_PLACES },
    "aucune raison de vivre",
    "plus de raison de vivre",
    "marre de vivre",
    "fatigue de vivre",
    "me faire du mal",
    "me scarifier",
    "je me scarifie",
    "me mutiler",
    "automutil*",
    "me pendre",
    "me jeter sous un train",
    "me jeter par la fenetre",
    "me jeter d'un pont",
    "m'ouvrir les veines",
    "me couper les veines",
    "me taillader les veines",
  ],
  de: [
    "ich will sterben",
    "ich mochte sterben",
    "ich moechte sterben",
    "ich sterben will",
    "ich sterben mochte",
    "ich sterben moechte",
    "nur noch sterben",
    "ich will tot sein",
    "will nicht mehr leben",
    "mochte nicht mehr leben",
    "moechte nicht mehr leben",
    "nicht mehr leben will",
    "nicht mehr leben mochte",
    "nicht mehr leben moechte",
    "keinen grund mehr zu leben",
    "keinen sinn mehr zu leben",
    { phrase: "mich umbringen", unlessPrecededBy: DE_THIRD_PERSON },
    "mich umzubringen",
    "ich bring mich um",
    "ich bringe mich um",
    { phrase: "mich toten", unlessPrecededBy: DE_THIRD_PERSON },
    "mich zu toten",
    "mir das leben nehmen",
    "mir das leben zu nehmen",
    "selbstmord*",
    "suizid*",
    "freitod",
    "mich ritzen",
    "ich ritze mich",
    "mir etwas antun",
    "mir was antun",
    "mich selbst verletzen",
    "mich selbst zu verletzen",
    "selbstverletz*",
    "ware lieber tot",
    "waere lieber tot",
    "mich aufhangen",
    "mich aufhaengen",
    "mich erhangen",
    "mich erhaengen",
    "vor den zug werfen",
  ],
  pt: [
    // "suicidio", "suicida", "automutil*" are shared with Spanish / French.
    { phrase: "quero morrer", unlessPrecededBy: ["nao"], unlessFollowedBy: PT_FIGURATIVE_DEATH },
    { phrase: "queria morrer", unlessPrecededBy: ["nao"], unlessFollowedBy: PT_FIGURATIVE_DEATH },
    { phrase: "vontade de morrer", unlessPrecededBy: ["sem"], unlessFollowedBy: PT_FIGURATIVE_DEATH },
    { phrase: "me matar", unlessPrecededBy: PT_THIRD_PERSON, unlessFollowedBy: ["de"] },
    { phrase: "matar me", unlessPrecededBy: PT_THIRD_PERSON, unlessFollowedBy: ["de"] },
    "me suicidar",
    "suicidar me",
    "tirar minha vida",
    "tirar a minha vida",
    "tirar minha propria vida",
    "tirar a minha propria vida",
    "tirar a propria vida",
    "acabar com minha vida",
    "acabar com a minha vida",
    "por fim a minha vida",
    { phrase: "nao quero mais viver", unlessFollowedBy: PT_LIVE_PLACES },
    { phrase: "nao quero viver", unlessFollowedBy: PT_LIVE_PLACES },
    "nao aguento mais viver",
    "sem razao para viver",
    "sem razao de viver",
    "sem motivo para viver",
    "nenhum motivo para viver",
    "nenhuma razao para viver",
    { phrase: "melhor morto", unlessFollowedBy: ["do que", "que"] },
    { phrase: "melhor morta", unlessFollowedBy: ["do que", "que"] },
    { phrase: "me cortar", unlessFollowedBy: ["o cabelo", "a franja", "as unhas", "a barba"] },
    "me enforcar",
    "me jogar da ponte",
    "me jogar de uma ponte",
    "me jogar do predio",
  ],
  it: [
    // "suicidio", "suicida", "autolesion*" are shared with Spanish.
    { phrase: "voglio morire", unlessPrecededBy: ["non"], unlessFollowedBy: IT_FIGURATIVE_DEATH },
    { phrase: "vorrei morire", unlessPrecededBy: ["non"], unlessFollowedBy: IT_FIGURATIVE_DEATH },
    "voglio essere morto",
    "voglio essere morta",
    "vorrei essere morto",
    "vorrei essere morta",
    { phrase: "uccidermi", unlessPrecededBy: IT_THIRD_PERSON },
    { phrase: "ammazzarmi", unlessPrecededBy: IT_THIRD_PERSON, unlessFollowedBy: ["di", "dal"] },
    { phrase: "mi ammazzo", unlessFollowedBy: ["di", "dal"] },
    { phrase: "mi uccido", unlessFollowedBy: ["di", "dal"] },
    "suicidarmi",
    "togliermi la vita",
    { phrase: "farla finita", unlessFollowedBy: ["con"] },
    { phrase: "non voglio piu vivere", unlessFollowedBy: IT_LIVE_PLACES },
    { phrase: "non voglio vivere", unlessFollowedBy: IT_LIVE_PLACES },
    "nessun motivo per vivere",
    "nessuna ragione per vivere",
    "nessun motivo di vivere",
    "stanco di vivere",
    "stanca di vivere",
    { phrase: "meglio morto", unlessFollowedBy: ["che"] },
    { phrase: "meglio morta", unlessFollowedBy: ["che"] },
    "farmi del male",
    { phrase: "tagliarmi", unlessFollowedBy: IT_HAIRCUT },
    "tagliarmi le vene",
    "impiccarmi",
    "buttarmi sotto un treno",
    "buttarmi dal ponte",
  ],
};

// ---------------------------------------------------------------------------------------------------
// Normalization

/** Letters that Unicode decomposition leaves alone. */
const EXTRA_LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};
const EXTRA_LETTER = /[ßæœøłđðþı]/g;
/** Accents (after decomposition) and invisible format characters (zero-width spaces, soft hyphens). */
const MARKS = /[\p{M}\p{Cf}]+/gu;
/** Apostrophes (straight, curly, modifier letter, prime, backtick): dropped inside a word ("don't"). */
const APOSTROPHE = /['\u2018\u2019\u201B\u02BB\u02BC\u2032\u00B4`](?=[a-z0-9])/g;
/** Digits and symbols that stand for letters in leetspeak ("k1ll", "$uicide", "su!c!de", "ki11"). */
const LEET_RUN = /[0134579@$!|]+/g;
const LEET_CHAR = /[0134579@$!|]/g;
const LEET: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "9": "g",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "l",
};
const LETTER = /[a-z]/;
const WORD_CHAR = /[a-z0-9]/;
/** Anything but a letter or digit, except a lone space (left as it is: most of any text). */
const SEPARATORS = / ?[^a-z0-9 ][^a-z0-9]*| {2,}/g;
/** A run of one repeated letter (an alternation of literals: faster than a backreference). */
const REPEATED_LETTER = new RegExp(
  [..."abcdefghijklmnopqrstuvwxyz"].map((letter) => `${letter}${letter}+`).join("|"),
  "g",
);

function dropInnerApostrophe(apostrophe: string, offset: number, text: string): string {
  return WORD_CHAR.test(text[offset - 1] ?? "") ? "" : apostrophe;
}

/**
 * A run of leetspeak characters next to a letter is letters ("1" is "i", but "11" is "ll"); "!" and "|"
 * only between two word characters, so "die!" stays "die" and "wow!!" stays "wow".
 */
function unLeet(run: string, offset: number, text: string): string {
  const letterBefore = LETTER.test(text[offset - 1] ?? "");
  const letterAfter = LETTER.test(text[offset + run.length] ?? "");
  if (!letterBefore && !letterAfter) return run;
  const head = letterBefore ? "" : (/^[!|]*/.exec(run)?.[0] ?? "");
  const tail = WORD_CHAR.test(text[offset + run.length] ?? "") ? "" : (/[!|]*$/.exec(run)?.[0] ?? "");
  const middle = run.slice(head.length, run.length - tail.length);
  const letters = middle
    .replace(/11+/g, (ones) => "l".repeat(ones.length))
    .replace(LEET_CHAR, (c) => LEET[c] ?? c);
  return head + letters + tail;
}

/** Every step of normalization but the word rewrites (each step one linear pass). */
function normalizeChars(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(MARKS, "")
    .replace(EXTRA_LETTER, (c) => EXTRA_LETTERS[c] ?? c)
    .replace(APOSTROPHE, dropInnerApostrophe)
    .replace(LEET_RUN, unLeet)
    .replace(SEPARATORS, " ")
    .replace(REPEATED_LETTER, (run) => run.charAt(0))
    .trim();
}

/** Contractions and chat spellings, written out (keys and values are normalized at load). */
const REWRITES: readonly (readonly [string, string])[] = [
  ["dont", "do not"],
  ["doesnt", "does not"],
  ["didnt", "did not"],
  ["cant", "can not"],
  ["cannot", "can not"],
  ["wont", "will not"],
  ["wouldnt", "would not"],
  ["couldnt", "could not"],
  ["shouldnt", "should not"],
  ["isnt", "is not"],
  ["arent", "are not"],
  ["wasnt", "was not"],
  ["werent", "were not"],
  ["havent", "have not"],
  ["hasnt", "has not"],
  ["im", "i am"],
  ["ive", "i have"],
  ["wanna", "want to"],
  ["gonna", "going to"],
  ["gotta", "got to"],
  ["2", "to"],
  ["my self", "myself"],
];
const REWRITE = new Map(REWRITES.map(([from, to]) => [normalizeChars(from), normalizeChars(to)]));
const REWRITE_PATTERN = new RegExp(
  `\\b(?:${[...REWRITE.keys()].sort((a, b) => b.length - a.length).join("|")})\\b`,
  "g",
);

/**
 * The text as the matcher sees it: lowercase ASCII letters and digits, words separated by single
 * spaces; accents and invisible characters removed; leetspeak decoded; apostrophes inside words
 * dropped and English contractions written out ("don't" → "do not"); every run of a repeated letter
 * collapsed to one ("diiie" → "die", "kill" → "kil": phrases are normalized the same way).
 */
export function normalizeForMatching(text: string): string {
  return normalizeChars(text).replace(REWRITE_PATTERN, (word) => REWRITE.get(word) ?? word);
}

// ---------------------------------------------------------------------------------------------------
// Compilation

interface TrieNode {
  children: Map<string, TrieNode>;
  /** The pattern that ends a phrase here (boundary and exclusions), if a phrase ends here. */
  end: string | null;
}

function words(list: readonly string[] | undefined): string | null {
  if (!list || list.length === 0) return null;
  const normalized = [...new Set(list.map(normalizeForMatching).filter((w) => w.length > 0))];
  return normalized.sort((a, b) => b.length - a.length).join("|");
}

/** The pattern after the phrase's last letter: word boundary, then the exclusions. */
function endPattern(stem: string, entry: CrisisPhrase, prefix: boolean): string {
  const before = words(entry.unlessPrecededBy);
  const after = words(entry.unlessFollowedBy);
  const notBefore = before ? `(?<!(?:^| )(?:${before}) ${stem})` : "";
  const notAfter = after ? `(?! (?:${after})(?![a-z0-9]))` : "";
  return prefix ? `${notBefore}[a-z0-9]*${notAfter}` : `(?![a-z0-9])${notBefore}${notAfter}`;
}

function compile(phrases: Readonly<Record<string, readonly (string | CrisisPhrase)[]>>): RegExp {
  const root: TrieNode = { children: new Map(), end: null };
  for (const entry of Object.values(phrases).flat()) {
    const phrase = typeof entry === "string" ? { phrase: entry } : entry;
    const prefix = phrase.phrase.endsWith("*");
    const stem = normalizeForMatching(prefix ? phrase.phrase.slice(0, -1) : phrase.phrase);
    if (!/^[a-z0-9]+(?: [a-z0-9]+)*$/.test(stem)) {
      throw new Error(`crisis phrase "${phrase.phrase}" normalizes to nothing matchable ("${stem}")`);
    }
    let node = root;
    for (const char of stem) {
      let child = node.children.get(char);
      if (!child) {
        child = { children: new Map(), end: null };
        node.children.set(char, child);
      }
      node = child;
    }
    const end = endPattern(stem, phrase, prefix);
    if (node.end !== null && node.end !== end) {
      throw new Error(`crisis phrase "${stem}" is listed twice with different exclusions`);
    }
    node.end = end;
  }
  const source = (node: TrieNode): string => {
    const branches = [...node.children.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([char, child]) => char + source(child));
    if (node.end !== null) branches.push(node.end);
    return branches.length === 1 ? (branches[0] as string) : `(?:${branches.join("|")})`;
  };
  return new RegExp(`(?<![a-z0-9])${source(root)}`);
}

/** All phrases in one pattern over normalized text (no `g` flag: `exec`/`test` keep no state). */
const SELF_HARM = compile(SELF_HARM_PHRASES);

/** The normalized words of the first self-harm phrase in the text, or null (for logs and tests). */
export function findSelfHarmPhrase(text: string): string | null {
  const match = SELF_HARM.exec(normalizeForMatching(text));
  return match ? match[0] : null;
}

/** Whether the text talks about suicide or self-harm (see the top of this file for what counts). */
export function mentionsSelfHarm(text: string): boolean {
  return SELF_HARM.test(normalizeForMatching(text));
}
