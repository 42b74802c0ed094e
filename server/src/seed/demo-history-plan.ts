import { createLines } from "../demo/demo-reader-lines.js";
import {
  AUTOMATIC_READER_REVIEWS,
  CLIENT_FOLLOW_UPS,
  CLIENT_QUESTIONS,
  CLIENT_THANKS,
  LUKEWARM_REPLIES,
  LUKEWARM_REVIEWS,
  READER_FOLLOW_UPS,
  READER_VOICES,
} from "./demo-history-texts.js";
import { between, pickOne, type Random, randomFrom } from "./demo-random.js";

/**
 * The demo history as a plan: which client had which reading with which reader, when, for how
 * long, what was said, and what followed (review, reply, tip, note). Pure and deterministic; the
 * runner (demo-history.ts) plays it through the real app.
 */

export type Modality = "chat" | "voice" | "video";

export interface HistoryReader {
  email: string;
  rates: Partial<Record<Modality | "scheduled", number>>;
  automaticDemo: boolean;
}

export interface PlannedReading {
  /** When the client asks for it. */
  at: Date;
  clientEmail: string;
  readerEmail: string;
  modality: Modality;
  /** How long it rings before the reader accepts. */
  ringMs: number;
  /** How long both are connected (billed). */
  connectedMs: number;
  endedBy: "client" | "reader";
  /** Chat messages, by time after the reading became active. */
  messages: { afterMs: number; from: "client" | "reader"; body: string }[];
  /** After the end: each follow-up by time after the reading ended. */
  review: { afterMs: number; stars: number; text: string } | null;
  reply: { afterMs: number; text: string } | null;
  tip: { afterMs: number; amountCents: number } | null;
  note: { afterMs: number; text: string } | null;
}

/** Seeds the plan's choices: the same history on every run (picked for 3+ reviews per human reader). */
const HISTORY_SEED = "soulseer-demo-history-117";
/** How many days back the history starts. */
export const HISTORY_DAYS = 35;

/** Who each demo client goes to (weights), how often, and how much they add at a time. */
export const CLIENT_HABITS: Readonly<
  Record<string, { readingsPerDay: number; readers: Record<string, number>; topUpCents: number }>
> = {
  "maya@soulseer.test": {
    readingsPerDay: 0.26,
    readers: { "luna@soulseer.test": 5, "celeste@soulseer.test": 3, "rowan@soulseer.test": 1 },
    topUpCents: 5_000,
  },
  "jordan@soulseer.test": {
    readingsPerDay: 0.25,
    readers: { "theo@soulseer.test": 4, "orion@soulseer.test": 4, "luna@soulseer.test": 2 },
    topUpCents: 10_000,
  },
  "ivy@soulseer.test": {
    readingsPerDay: 0.26,
    readers: {
      "sage@soulseer.test": 3,
      "amara@soulseer.test": 3,
      "rowan@soulseer.test": 3,
      "celeste@soulseer.test": 1,
      "luna@soulseer.test": 1,
    },
    topUpCents: 5_000,
  },
};

/** The automatic demo readers' few past readings: [days ago, client, reader]. */
const AUTOMATIC_READINGS: readonly [number, string, string][] = [
  [19, "maya@soulseer.test", "nova@soulseer.test"],
  [12, "jordan@soulseer.test", "ember@soulseer.test"],
  [6, "ivy@soulseer.test", "nova@soulseer.test"],
  [2, "maya@soulseer.test", "ember@soulseer.test"],
];

const MODALITY_WEIGHTS: Record<Modality, number> = { chat: 6, voice: 3, video: 1 };
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

function weighted<T extends string>(random: Random, weights: Readonly<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [key, weight] of entries) {
    roll -= weight;
    if (roll < 0) return key;
  }
  return (entries.at(-1) as [T, number])[0];
}

/** A texts pool handed out in a shuffled order, each text once before any repeats. */
function dealer(random: Random) {
  const decks = new Map<readonly string[], string[]>();
  return (pool: readonly string[]) => {
    let deck = decks.get(pool);
    if (!deck || deck.length === 0) {
      deck = [...pool].sort(() => random() - 0.5);
      decks.set(pool, deck);
    }
    return deck.pop() as string;
  };
}

function chatTranscript(random: Random, deal: (pool: readonly string[]) => string, reading: PlannedReading) {
  const voice = READER_VOICES[reading.readerEmail];
  const questions = CLIENT_QUESTIONS[reading.clientEmail];
  if (!voice || !questions) return [];
  let at = between(random, 15, 40) * 1000;
  const messages: PlannedReading["messages"] = [{ afterMs: at, from: "client", body: deal(questions) }];
  const say = (from: "client" | "reader", body: string, gapSeconds: [number, number]) => {
    at += between(random, ...gapSeconds) * 1000;
    if (at < reading.connectedMs - 20_000) messages.push({ afterMs: at, from, body });
  };
  say("reader", deal(voice.answers), [50, 110]);
  if (random() < 0.6) {
    say("client", deal(CLIENT_FOLLOW_UPS), [40, 90]);
    say("reader", deal(READER_FOLLOW_UPS), [45, 100]);
  }
  say("client", deal(CLIENT_THANKS), [30, 80]);
  return messages;
}

/** What follows a human reader's reading: a review most of the time, sometimes a tip, a reply, a note. */
function followUps(random: Random, deal: (pool: readonly string[]) => string, reading: PlannedReading) {
  const voice = READER_VOICES[reading.readerEmail];
  if (!voice) return;
  if (random() < 0.3) reading.note = { afterMs: between(random, 4, 15) * MINUTE_MS, text: deal(voice.notes) };
  if (random() > 0.8) return;
  const roll = random();
  const stars = roll < 0.62 ? 5 : roll < 0.9 ? 4 : roll < 0.97 ? 3 : 2;
  const reviewAfterMs = between(random, 3, 50) * MINUTE_MS;
  reading.review = {
    afterMs: reviewAfterMs,
    stars,
    text: deal(stars >= 4 ? voice.reviews : LUKEWARM_REVIEWS),
  };
  if (stars >= 4 && random() < 0.32)
    reading.tip = {
      afterMs: between(random, 1, 3) * MINUTE_MS,
      amountCents: pickOne(random, [200, 300, 500]),
    };
  if (random() < 0.55)
    reading.reply = {
      afterMs: reviewAfterMs + between(random, 2, 20) * HOUR_MS,
      text: deal(stars >= 4 ? voice.replies : LUKEWARM_REPLIES),
    };
}

function lengthMs(random: Random, modality: Modality, rateCents: number) {
  const [low, high] = rateCents >= 400 ? [5, 10] : modality === "video" ? [5, 12] : [4, 16];
  return between(random, low, high) * MINUTE_MS + between(random, 0, 59) * 1000;
}

/** Days ago → the time of day a reading starts, `today` being midnight UTC of the seeding day. */
const timeOf = (today: Date, daysAgo: number, hour: number, minute: number) =>
  new Date(today.getTime() - daysAgo * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS);

function emptyReading(
  at: Date,
  clientEmail: string,
  readerEmail: string,
  modality: Modality,
): PlannedReading {
  return {
    at,
    clientEmail,
    readerEmail,
    modality,
    ringMs: 0,
    connectedMs: 0,
    endedBy: "client",
    messages: [],
    review: null,
    reply: null,
    tip: null,
    note: null,
  };
}

function automaticReadings(random: Random, today: Date) {
  return AUTOMATIC_READINGS.map(([daysAgo, clientEmail, readerEmail], index) => {
    const reading = emptyReading(
      timeOf(today, daysAgo, between(random, 10, 20), between(random, 0, 59)),
      clientEmail,
      readerEmail,
      "chat",
    );
    reading.ringMs = between(random, 2, 3) * 1000;
    reading.connectedMs = between(random, 190, 260) * 1000;
    reading.endedBy = "reader";
    const lines = createLines(readerEmail.startsWith("nova") ? "Nova" : "Ember", random);
    const question = pickOne(random, CLIENT_QUESTIONS[clientEmail] ?? ["What do the cards say?"]);
    reading.messages = [
      { afterMs: 2_000, from: "reader", body: lines.greeting() },
      { afterMs: 35_000, from: "client", body: question },
      { afterMs: 39_000, from: "reader", body: lines.answer() },
      { afterMs: reading.connectedMs - 5_000, from: "reader", body: lines.goodbye() },
    ];
    const review = AUTOMATIC_READER_REVIEWS[index % AUTOMATIC_READER_REVIEWS.length];
    if (review) reading.review = { afterMs: between(random, 2, 10) * MINUTE_MS, ...review };
    return reading;
  });
}

/**
 * The whole history, oldest first: the demo clients' readings with human readers on about a third
 * of the days (never two at once for a reader or a client), and a few short ones with the
 * automatic readers. `today` is midnight UTC of the day the seed runs; nothing is planned after it.
 */
export function planDemoHistory(
  today: Date,
  readers: readonly HistoryReader[],
  seed = HISTORY_SEED,
): PlannedReading[] {
  const random = randomFrom(seed);
  const deal = dealer(random);
  const byEmail = new Map(readers.map((reader) => [reader.email, reader]));
  const planned: PlannedReading[] = [];
  const busyUntil = new Map<string, number>();
  const automaticDays = new Set(
    AUTOMATIC_READINGS.map(([daysAgo, clientEmail]) => `${daysAgo} ${clientEmail}`),
  );
  for (let daysAgo = HISTORY_DAYS - 1; daysAgo >= 1; daysAgo -= 1) {
    for (const [clientEmail, habits] of Object.entries(CLIENT_HABITS)) {
      if (random() >= habits.readingsPerDay || automaticDays.has(`${daysAgo} ${clientEmail}`)) continue;
      const reader = byEmail.get(weighted(random, habits.readers));
      if (!reader) continue;
      const offered = (Object.keys(MODALITY_WEIGHTS) as Modality[]).filter(
        (modality) => reader.rates[modality],
      );
      const modality = weighted(
        random,
        Object.fromEntries(offered.map((modality) => [modality, MODALITY_WEIGHTS[modality]])) as Record<
          Modality,
          number
        >,
      );
      const at = timeOf(today, daysAgo, between(random, 9, 21), between(random, 0, 59));
      // A reader takes one reading at a time; a clash moves on (the client tries another day).
      if ((busyUntil.get(reader.email) ?? 0) > at.getTime()) continue;
      const reading = emptyReading(at, clientEmail, reader.email, modality);
      reading.ringMs = between(random, 5, 25) * 1000;
      reading.connectedMs = lengthMs(random, modality, reader.rates[modality] ?? 0);
      reading.endedBy = random() < 0.6 ? "client" : "reader";
      if (modality === "chat") reading.messages = chatTranscript(random, deal, reading);
      followUps(random, deal, reading);
      busyUntil.set(reader.email, at.getTime() + reading.connectedMs + HOUR_MS);
      planned.push(reading);
    }
  }
  planned.push(...automaticReadings(random, today));
  return planned.sort((a, b) => a.at.getTime() - b.at.getTime());
}
