import { describe, expect, it } from "vitest";
import { findSelfHarmPhrase, mentionsSelfHarm, normalizeForMatching, SELF_HARM_PHRASES } from "./crisis.js";

/** Must show the support lines: every language, every way of typing it. */
const CRISIS = [
  // English
  "I want to kill myself",
  "I WANT TO DIE",
  "i wanna die",
  "want 2 die",
  "I want to diiiiie",
  "i don’t want to be alive anymore",
  "I dont want to be alive",
  "I do not want to be alive",
  "honestly i dont want to live anymore",
  "I don't want to live like this",
  "k1ll mys3lf",
  "ki11 myself",
  "kill my self",
  "thinking about su1c1de",
  "$uicidal thoughts again",
  "I've been feeling suicidal lately",
  "I keep   thinking    about   suicide...",
  "there's no reason to live",
  "I have nothing to live for",
  "everyone would be better off without me",
  "I'd be better off dead",
  "i wish i was dead",
  "I want to end my life",
  "I'm going to end it all tonight",
  "I've been cutting myself again",
  "I cut myself last night",
  "I want to hurt myself",
  "self-harm",
  "I thought about taking my own life",
  "I'm going to unalive myself",
  "I'd rather die.",
  "Is this the Death card telling me I should kill myself?",
  "I can't stop thinking about killing myself",
  "I want to take all my pills",
  // Spanish
  "quiero morir",
  "Me quiero matar",
  "voy a suicidarme",
  "QUIERO MATARME",
  "ya no quiero vivir",
  "No quiero vivir así",
  "pienso en quitarme la vida",
  "pienso en el suicidio",
  "Estaría mejor muerta",
  "a veces me kiero morir",
  // French
  "je veux mourir",
  "Je vais me suicider",
  "j’ai envie de mourir",
  "J'AI ENVIE DE MOURIR",
  "je ne veux plus vivre",
  "je pense à mettre fin à mes jours",
  "je veux me tuer",
  "j'ai des idées suicidaires",
  // German
  "Ich will sterben",
  "ich will mich umbringen",
  "Ich möchte nicht mehr leben",
  "ich moechte nicht mehr leben",
  "Ich habe Selbstmordgedanken",
  "ich denke an Suizid",
  "ich will mir das Leben nehmen",
  "manchmal ritze ich mich, ich ritze mich seit Jahren",
  // Portuguese
  "quero morrer",
  "vou me matar",
  "Eu quero me matar",
  "penso em suicídio",
  "não quero mais viver",
  "nao quero mais viver",
  "quero tirar minha própria vida",
  "tenho vontade de morrer",
  // Italian
  "voglio morire",
  "voglio uccidermi",
  "sto pensando al suicidio",
  "voglio farla finita",
  "non voglio più vivere",
  "penso di ammazzarmi",
  "Vorrei togliermi la vita",
];

/** Everyday language, tarot and idioms: no panel. */
const EVERYDAY = [
  // English
  "the dead line is tomorrow",
  "this deadline is killing me",
  "you're killing it!",
  "I'm dying to know what the cards say",
  "this job is killing me",
  "my feet are killing me",
  "my phone died",
  "I want to dye my hair purple",
  "that cake is to die for",
  "I'm dead tired",
  "he's drop dead gorgeous",
  "we played cards to kill time",
  "The Death card came up reversed",
  "the Tower card and the Ten of Swords",
  "The Hanged Man is about surrender",
  "my rent is overdue",
  "I was cutting myself a slice of cake",
  "I cut myself shaving",
  "I need to cut myself some slack",
  "I could just die of embarrassment",
  "I want to die of embarrassment",
  "Have you seen the Suicide Squad movie?",
  "that would be career suicide",
  "the suicide king is the king of hearts",
  "I don't want to die, I'm scared of the surgery",
  "I'd kill for a coffee",
  "I'd rather die than wear that dress",
  "I need to upskill myself",
  "a die-cast model car",
  "Die Hard is my favourite film",
  "I really shot myself in the foot there",
  "my mum is going to kill me",
  "I'm killing myself at work to pay the rent",
  "I almost hurt myself at the gym",
  "I don't want to live in London any more",
  "my grandmother passed away and I miss her",
  "will I find love this year?",
  "the battery is dead",
  "I'm dead 😂",
  "I overdosed on chocolate",
  // Spanish
  "me muero de risa",
  "este trabajo me mata",
  "mi mamá va a matarme",
  "no quiero morir",
  "me quiero morir de la vergüenza",
  "voy a cortarme el pelo",
  "no quiero vivir en esta ciudad",
  // French
  "ça va me tuer",
  "je meurs de faim",
  "je ne veux pas mourir",
  "on tue le temps",
  "je veux mourir de rire",
  // German
  "die Katze schläft",
  "Ich will die Karte sehen",
  "die Arbeit bringt mich um",
  "das wird mich umbringen",
  "ich sterbe vor Hunger",
  "der Tod ist eine Karte der Verwandlung",
  // Portuguese
  "minha mãe vai me matar",
  "estou morrendo de rir",
  "não quero morrer",
  "vou cortar o cabelo",
  "quero morrer de vergonha",
  // Italian
  "muoio dal ridere",
  "mi ammazzo di lavoro",
  "voglio morire dal ridere",
  "non voglio morire",
  "devo tagliarmi i capelli",
  "ammazzare il tempo",
];

describe("mentionsSelfHarm", () => {
  it("matches crisis language in every language and spelling", () => {
    expect(CRISIS.length).toBeGreaterThanOrEqual(40);
    for (const text of CRISIS) expect(mentionsSelfHarm(text), text).toBe(true);
  });

  it("does not match everyday language, idioms or tarot", () => {
    expect(EVERYDAY.length).toBeGreaterThanOrEqual(40);
    for (const text of EVERYDAY) expect(findSelfHarmPhrase(text), text).toBeNull();
  });

  it("matches whole words only", () => {
    for (const text of [
      "skill myself",
      "overkill myself",
      "antisuicidezzz",
      "wantto die",
      "diecast",
      "deadline",
    ]) {
      expect(mentionsSelfHarm(text), text).toBe(false);
    }
    expect(mentionsSelfHarm("(suicide)")).toBe(true);
    expect(mentionsSelfHarm("suicide.")).toBe(true);
  });

  it("never matches a lone alarming word", () => {
    for (const text of [
      "die",
      "dead",
      "death",
      "Death",
      "kill",
      "dying",
      "tot",
      "morir",
      "mourir",
      "sterben",
    ]) {
      expect(mentionsSelfHarm(text), text).toBe(false);
    }
  });

  it("matches every listed phrase as written", () => {
    for (const entry of Object.values(SELF_HARM_PHRASES).flat()) {
      const phrase = (typeof entry === "string" ? entry : entry.phrase).replace(/\*$/, "");
      expect(mentionsSelfHarm(`so ${phrase} now`), phrase).toBe(true);
    }
  });

  it("is fast on a long ordinary message", () => {
    const sentence =
      "Last night I pulled the Death card, the Tower and the Ten of Swords; my reader said this deadline " +
      "is killing me but I'm killing it, that I'm dying to know, and that I'd kill for a holiday. ";
    const message = sentence.repeat(Math.ceil(4_000 / sentence.length)).slice(0, 4_000);
    expect(message).toHaveLength(4_000);
    expect(mentionsSelfHarm(message)).toBe(false);
    expect(mentionsSelfHarm(`${message} I want to die`)).toBe(true);
    const runs = 200;
    const started = performance.now();
    for (let i = 0; i < runs; i++) mentionsSelfHarm(message);
    const perCall = (performance.now() - started) / runs;
    expect(perCall).toBeLessThan(1);
  });
});

describe("normalizeForMatching", () => {
  it("folds case, accents, apostrophes, leetspeak, repeats, punctuation and contractions", () => {
    expect(normalizeForMatching("  Ich MÖCHTE — nicht!!! mehr…  ")).toBe("ich mochte nicht mehr");
    expect(normalizeForMatching("I don’t WANNA")).toBe("i do not want to");
    expect(normalizeForMatching("I'm")).toBe("i am");
    expect(normalizeForMatching("su1c1d3 k!ll $elf")).toBe("suicide kil self");
    expect(normalizeForMatching("diiiie")).toBe("die");
    expect(normalizeForMatching("ki11 d13! wow!!")).toBe("kil die wow");
    expect(normalizeForMatching("Straße")).toBe("strase");
    expect(normalizeForMatching("zero\u200bwidth soft\u00adhyphen")).toBe("zerowidth softhyphen");
  });

  it("leaves numbers that are not words in disguise alone", () => {
    expect(normalizeForMatching("call 988 or 116 123, 24/7")).toBe("cal 988 or 116 123 24 7");
  });
});
