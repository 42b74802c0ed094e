/** The specialties a reader can list, as clients read them. */
export const SPECIALTY_LABELS: Record<string, string> = {
  tarot: "Tarot",
  astrology: "Astrology",
  mediumship: "Mediumship",
  "love-and-relationships": "Love & relationships",
  "career-and-money": "Career & money",
  dreams: "Dreams",
  numerology: "Numerology",
  "energy-healing": "Energy healing",
  "angel-and-oracle-cards": "Angel & oracle cards",
  "past-lives": "Past lives",
  pets: "Pets",
  "spiritual-guidance": "Spiritual guidance",
};
