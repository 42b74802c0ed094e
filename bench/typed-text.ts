/** Varied, user-typed text for benches: several languages, emoji, now and then contact details. */
const WORDS = {
  en: [
    "Will",
    "my",
    "new",
    "job",
    "bring",
    "peace",
    "and",
    "love",
    "this",
    "spring",
    "Thank you so much",
    "I dreamt of water again",
    "what does the Tower mean",
    "my sister",
    "the move",
  ],
  es: [
    "¿Volverá",
    "mi",
    "pareja",
    "este",
    "verano",
    "Gracias",
    "de corazón",
    "soñé con el mar",
    "mi trabajo",
  ],
  fr: ["Est-ce que", "mon", "ami", "reviendra", "bientôt", "Merci", "beaucoup", "j'ai rêvé d'une maison"],
  de: ["Wird", "mein", "Umzug", "gut", "gehen", "Danke", "für", "die Karten", "heute"],
  pt: ["Vou", "encontrar", "um", "novo", "amor", "Obrigada", "pela", "leitura"],
};
const EXTRAS = [
  "✨",
  "🙏",
  "💖",
  "🔮",
  "😊",
  "",
  "",
  "",
  " Call me on 07700 900123?",
  " mail me at jo.bloggs@example.com",
  " see mysite.com/me",
  "?",
  "!",
  "…",
];

/** A small seeded PRNG (mulberry32): varied text, repeatable runs. */
export function randomFrom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Typed-looking text: a language, 3–40 words, now and then an emoji or contact details to hide. */
export function textMaker(random: () => number) {
  const languages = Object.values(WORDS);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return (ref: string) => {
    const words = pick(languages);
    const length = 3 + Math.floor(random() ** 2 * 38);
    const parts = Array.from({ length }, () => pick(words));
    return `#${ref} ${parts.join(" ")}${pick(EXTRAS)}`;
  };
}
