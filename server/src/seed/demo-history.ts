import {
  CLIENT_HABITS,
  type HistoryReader,
  type PlannedReading,
  planDemoHistory,
} from "./demo-history-plan.js";
import { DEMO_PORTRAITS, renderPortrait } from "./demo-portraits.js";
import type { ManualClock, SeedingApp } from "./demo-seed-app.js";

/**
 * Plays the demo history through the seeding app, weeks back on its clock: top-ups through the
 * sandbox checkout, readings through the real engine (request, accept, both in the room, billed
 * by the minute, ended, settled 70/30), chat, reviews, replies, tips and notes through the API.
 * Nothing here writes a row or moves money by itself.
 */

export interface DemoUser {
  email: string;
  userId: string;
  cookie: string;
  /** Each demo user calls from an address of their own (rate limits are per address). */
  ip: string;
}

const MINUTE_MS = 60_000;
/** Top-ups are bounded per reading; a plan that needs more is a bug. */
const MAX_TOP_UPS_PER_READING = 6;
/** Kept free for a tip after a reading. */
const TIP_RESERVE_CENTS = 600;
/** Each demo client ends with at least this much, so a newcomer can start a reading at once. */
const CLOSING_BALANCE_CENTS = 2_000;
const FAVORITES: readonly [string, string][] = [
  ["maya@soulseer.test", "luna@soulseer.test"],
  ["maya@soulseer.test", "celeste@soulseer.test"],
  ["jordan@soulseer.test", "theo@soulseer.test"],
  ["ivy@soulseer.test", "sage@soulseer.test"],
  ["ivy@soulseer.test", "amara@soulseer.test"],
];

interface FollowUp {
  at: number;
  run: () => Promise<void>;
}

export async function seedDemoHistory(
  seeding: SeedingApp,
  clock: ManualClock,
  options: {
    users: ReadonlyMap<string, DemoUser>;
    readers: readonly HistoryReader[];
    today: Date;
    notAfter: Date;
  },
) {
  const userOf = (email: string) => {
    const user = options.users.get(email);
    if (!user) throw new Error(`demo seed: no demo user ${email}`);
    return user;
  };
  const api = (method: "GET" | "POST" | "PUT", url: string, as: DemoUser, payload?: object) =>
    seeding.http(method, url, as, payload).then((response) => response.body);
  const counts = { readings: 0, reviews: 0, replies: 0, tips: 0, topUps: 0 };

  async function topUp(client: DemoUser, amountCents: number) {
    const created = (await api("POST", "/api/v1/wallet/top-ups", client, { amountCents })) as {
      topUp: { checkoutUrl: string | null };
    };
    const checkoutId = created.topUp.checkoutUrl?.split("/").at(-1);
    if (!checkoutId) throw new Error("demo seed: the sandbox gave no checkout");
    clock.advance(40_000);
    await api("POST", `/api/v1/sandbox/checkout/${checkoutId}/complete`, client, { outcome: "pay" });
    counts.topUps += 1;
  }

  async function balanceOf(client: DemoUser) {
    return ((await api("GET", "/api/v1/wallet", client)) as { balanceCents: number }).balanceCents;
  }

  /** Adds funds the way this client does (their usual preset) until the reading and a tip are covered. */
  async function ensureFunds(client: DemoUser, neededCents: number) {
    const presetCents = CLIENT_HABITS[client.email]?.topUpCents ?? 5_000;
    let balance = await balanceOf(client);
    for (let attempt = 0; balance < neededCents; attempt += 1) {
      if (attempt >= MAX_TOP_UPS_PER_READING)
        throw new Error(`demo seed: ${client.email} cannot cover a reading`);
      await topUp(client, presetCents);
      balance = await balanceOf(client);
    }
  }

  async function playReading(plan: PlannedReading) {
    const client = userOf(plan.clientEmail);
    const reader = userOf(plan.readerEmail);
    const rate = options.readers.find((entry) => entry.email === plan.readerEmail)?.rates[plan.modality] ?? 0;
    clock.set(new Date(plan.at.getTime() - 3 * MINUTE_MS));
    await ensureFunds(client, rate * (Math.ceil(plan.connectedMs / MINUTE_MS) + 1) + TIP_RESERVE_CENTS);
    clock.set(new Date(plan.at.getTime() - 40_000));
    await api("PUT", "/api/v1/readers/me/status", reader, { status: "online" });
    clock.set(plan.at);
    const requested = (await api("POST", "/api/v1/readings", client, {
      readerUserId: reader.userId,
      modality: plan.modality,
      expectedRatePerUnitCents: rate,
    })) as { reading: { id: string } };
    const readingId = requested.reading.id;
    clock.advance(plan.ringMs);
    await api("POST", `/api/v1/readings/${readingId}/accept`, reader);
    clock.advance(4_000);
    await seeding.joinRoom(reader.userId, readingId);
    clock.advance(3_000);
    await seeding.joinRoom(client.userId, readingId);
    const activeAt = clock.now().getTime();
    // The biller runs just after each minute boundary (as its timer does); messages come in between.
    const steps = plan.messages.map((message, index) => ({
      at: activeAt + message.afterMs,
      run: (): Promise<unknown> =>
        api("POST", `/api/v1/readings/${readingId}/messages`, message.from === "client" ? client : reader, {
          clientMessageId: `seed-${readingId.slice(0, 8)}-${index}`,
          body: message.body,
        }),
    }));
    for (let at = activeAt + MINUTE_MS + 500; at < activeAt + plan.connectedMs; at += MINUTE_MS)
      steps.push({ at, run: () => seeding.runBiller() });
    for (const step of steps.sort((a, b) => a.at - b.at)) {
      clock.set(new Date(step.at));
      await step.run();
    }
    clock.set(new Date(activeAt + plan.connectedMs));
    const ended = (await api(
      "POST",
      `/api/v1/readings/${readingId}/end`,
      plan.endedBy === "client" ? client : reader,
    )) as {
      reading: { state: string; billedMs: number };
    };
    await seeding.leaveRoom(client.userId, readingId);
    await seeding.leaveRoom(reader.userId, readingId);
    // The engine billed exactly the connected time: nothing for ringing or joining.
    if (ended.reading.state !== "finalized" || ended.reading.billedMs !== plan.connectedMs)
      throw new Error(`demo seed: reading ${readingId} settled as ${JSON.stringify(ended.reading)}`);
    counts.readings += 1;
    return { readingId, client, reader, endedAt: clock.now().getTime() };
  }

  /** The review, reply, tip and note that follow a reading, each at its own later time. */
  function followUpsOf(plan: PlannedReading, played: Awaited<ReturnType<typeof playReading>>): FollowUp[] {
    const { readingId, client, reader, endedAt } = played;
    const later: FollowUp[] = [];
    const { review, reply, tip, note } = plan;
    if (tip)
      later.push({
        at: endedAt + tip.afterMs,
        run: async () => {
          await api("POST", `/api/v1/readings/${readingId}/tip`, client, {
            amountCents: tip.amountCents,
            idempotencyKey: `demo-tip-${readingId}`,
          });
          counts.tips += 1;
        },
      });
    if (note)
      later.push({
        at: endedAt + note.afterMs,
        run: () =>
          api("PUT", `/api/v1/readings/${readingId}/reader-note`, reader, { note: note.text }).then(() => {}),
      });
    if (!review) return later;
    let reviewId: string | null = null;
    later.push({
      at: endedAt + review.afterMs,
      run: async () => {
        const saved = (await api("PUT", `/api/v1/readings/${readingId}/review`, client, {
          stars: review.stars,
          text: review.text,
        })) as { review: { id: string } };
        reviewId = saved.review.id;
        counts.reviews += 1;
      },
    });
    // A reply not due yet (the reading was yesterday evening) is simply not written yet.
    if (reply && endedAt + reply.afterMs < options.notAfter.getTime())
      later.push({
        at: endedAt + reply.afterMs,
        run: async () => {
          await api("POST", `/api/v1/reviews/${reviewId}/reply`, reader, { text: reply.text });
          counts.replies += 1;
        },
      });
    return later;
  }

  await uploadPortraits(seeding, options.users);
  await seeding.heartbeat();
  const plans = planDemoHistory(options.today, options.readers);
  const queue: FollowUp[] = plans.map((plan) => ({
    at: plan.at.getTime(),
    run: async () => {
      queue.push(...followUpsOf(plan, await playReading(plan)));
      queue.sort((a, b) => a.at - b.at);
    },
  }));
  // Bounded: each reading adds at most four follow-ups, which add none.
  for (let next = queue.shift(); next; next = queue.shift()) {
    clock.set(new Date(Math.max(next.at, clock.now().getTime() + 1_000)));
    await next.run();
  }
  await closeTheDay(clock, options.today, async () => {
    for (const [clientEmail, readerEmail] of FAVORITES)
      await api("PUT", `/api/v1/favorites/${userOf(readerEmail).userId}`, userOf(clientEmail), {
        notifyOnline: false,
      });
    for (const clientEmail of Object.keys(CLIENT_HABITS)) {
      const client = userOf(clientEmail);
      if ((await balanceOf(client)) < CLOSING_BALANCE_CENTS)
        await topUp(client, CLIENT_HABITS[clientEmail]?.topUpCents ?? 5_000);
    }
  });
  return counts;
}

/** Yesterday evening (or just after the last event): favorites and last top-ups. */
async function closeTheDay(clock: ManualClock, today: Date, run: () => Promise<void>) {
  const evening = today.getTime() - 2 * 60 * MINUTE_MS;
  clock.set(new Date(Math.max(evening, clock.now().getTime() + MINUTE_MS)));
  await run();
}

/** Each demo reader uploads their portrait, as a reader does from their profile page. */
async function uploadPortraits(seeding: SeedingApp, users: ReadonlyMap<string, DemoUser>) {
  const entries = Object.entries(DEMO_PORTRAITS).filter(([email]) => users.has(email));
  const images = await Promise.all(entries.map(([, spec]) => renderPortrait(spec)));
  await Promise.all(
    entries.map(([email], index) =>
      seeding.http(
        "PUT",
        "/api/v1/readers/me/photo",
        users.get(email) as DemoUser,
        images[index],
        "image/png",
      ),
    ),
  );
}
