import { fork } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import type { MessagesPlan } from "./messages-seed.js";
import { randomFrom, textMaker } from "./typed-text.js";

/** What the parent asks the load process to do. */
export interface MessagesLoadOptions {
  port: number;
  origin: string;
  plan: MessagesPlan;
  warmUpMs: number;
  durationMs: number;
  messagesPerSecond: number;
  unlocksPerSecond: number;
  /** Share of unlocks sent twice at once (a double click, a second tab). */
  doubleShare: number;
  seed: number;
}

export interface MessagesLoadResult {
  socketsOpen: number;
  sent: number;
  accepted: number;
  refused: Record<string, number>;
  /** Send → `message.new` at the recipient, ms, for measured messages. */
  deliveryMs: number[];
  /** For each of `deliveryMs`, the measured second its message was sent in. */
  deliverySecond: number[];
  /** Send → the 201 answer, ms, for measured messages. */
  answerMs: number[];
  measuredAccepted: number;
  missing: number;
  unlockAnswers: Record<string, number>;
  /** Paid replies answered 200 at least once. */
  unlocked: string[];
  doubles: number;
  seconds: number;
  /** From the first send to the last 201 answer (a backlog answered late counts its real time). */
  answeringSeconds: number;
  clientCpuMs: number;
}

const OPEN_CONCURRENCY = 32;
const TICK_MS = 10;
const DRAIN_MS = 5_000;
/** Runs the load in a child process (bounded in time) and returns its figures. */
export function runMessagesLoad(options: MessagesLoadOptions): Promise<MessagesLoadResult> {
  const child = fork(fileURLToPath(import.meta.url), ["--child"], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), options.warmUpMs + options.durationMs + 180_000);
    child.on(
      "message",
      (message: { type: "done"; result: MessagesLoadResult } | { type: "failed"; error: string }) => {
        clearTimeout(killer);
        if (message.type === "done") resolve(message.result);
        else reject(new Error(message.error));
        child.disconnect();
      },
    );
    child.on("exit", (code) => {
      clearTimeout(killer);
      reject(new Error(`load process exited with ${code}`));
    });
    child.send(options);
  });
}

async function load(options: MessagesLoadOptions): Promise<MessagesLoadResult> {
  const { plan } = options;
  const random = randomFrom(options.seed);
  const text = textMaker(random);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const post = (path: string, cookie: string, payload?: object) =>
    new Promise<{ status: number; body: string }>((resolve) => {
      const body = payload ? JSON.stringify(payload) : "";
      const request = http.request(
        {
          host: "127.0.0.1",
          port: options.port,
          path,
          method: "POST",
          agent,
          timeout: 30_000,
          headers: {
            origin: options.origin,
            cookie,
            ...(payload
              ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) }
              : {}),
          },
        },
        (response) => {
          let data = "";
          response.on("data", (chunk) => {
            data += chunk;
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: data }));
        },
      );
      request.on("error", () => resolve({ status: 0, body: "" }));
      request.on("timeout", () => request.destroy());
      request.end(body);
    });

  // Every client and reader connected, as their open apps are.
  const sentAt = new Map<string, number>();
  const deliveryMs: number[] = [];
  const deliverySecond: number[] = [];
  /** When the measured seconds begin (after the warm-up). */
  let measuredFrom = 0;
  const answerMs: number[] = [];
  let measuring = false;
  let socketsOpen = 0;
  const sockets: WebSocket[] = [];
  const open = (index: number) =>
    new Promise<void>((resolve) => {
      const user = plan.users[index];
      if (!user) return resolve();
      const socket = new WebSocket(`ws://127.0.0.1:${options.port}/api/v1/live`, {
        headers: { origin: options.origin, cookie: user.cookie },
      });
      sockets.push(socket);
      socket.on("message", (raw) => {
        const frame = JSON.parse(raw.toString()) as {
          type?: string;
          event?: string;
          data?: { message?: { body?: string | null; side?: string } };
        };
        if (frame.type === "hello") {
          socketsOpen += 1;
          return resolve();
        }
        if (frame.event !== "message.new") return;
        const message = frame.data?.message;
        const mySide = index < plan.clientCount ? "client" : "reader";
        if (!message || message.side === mySide) return;
        const ref = /^#(\w+) /.exec(message.body ?? "")?.[1];
        const started = ref ? sentAt.get(ref) : undefined;
        if (started === undefined) return;
        sentAt.delete(ref as string);
        if (ref?.startsWith("m")) {
          deliveryMs.push(performance.now() - started);
          deliverySecond.push(Math.floor((started - measuredFrom) / 1000));
        }
      });
      socket.on("error", () => resolve());
    });
  for (let next = 0; next < plan.users.length; next += OPEN_CONCURRENCY)
    await Promise.all(
      Array.from({ length: Math.min(OPEN_CONCURRENCY, plan.users.length - next) }, (_, k) => open(next + k)),
    );

  // Messages at a fixed rate, half from clients and half from readers, each sender spread over
  // the run so no one passes their per-minute limit; unlocks at their own rate.
  const refused: Record<string, number> = {};
  const unlockAnswers: Record<string, number> = {};
  const unlocked = new Set<string>();
  const pending: Promise<unknown>[] = [];
  let sent = 0;
  let accepted = 0;
  let measuredAccepted = 0;
  let lastAnswerAt = 0;
  let doubles = 0;
  let unlockIndex = 0;
  // Senders take turns (clients and readers each round-robin), so none passes its limit.
  const byUser = new Map<number, MessagesPlan["conversations"]>();
  for (const conversation of plan.conversations)
    for (const user of [conversation.client, conversation.reader])
      byUser.set(user, [...(byUser.get(user) ?? []), conversation]);
  const readerCount = plan.users.length - plan.clientCount;
  const send = (measured: boolean) => {
    const fromClient = sent % 2 === 0;
    const turn = Math.floor(sent / 2);
    const index = fromClient ? turn % plan.clientCount : plan.clientCount + (turn % readerCount);
    const theirs = byUser.get(index) ?? [];
    const conversation = theirs[Math.floor(random() * theirs.length)];
    if (!conversation) return;
    const sender = plan.users[index];
    const ref = `${measured ? "m" : "w"}${sent.toString(36)}`;
    sent += 1;
    const at = performance.now();
    sentAt.set(ref, at);
    pending.push(
      post(`/api/v1/conversations/${conversation.id}/messages`, sender?.cookie ?? "", {
        body: text(ref),
      }).then((answer) => {
        if (answer.status === 201) {
          accepted += 1;
          lastAnswerAt = performance.now();
          if (measured) {
            measuredAccepted += 1;
            answerMs.push(performance.now() - at);
          }
          return;
        }
        sentAt.delete(ref);
        const code = /"code":"(\w+)"/.exec(answer.body)?.[1] ?? String(answer.status);
        refused[code] = (refused[code] ?? 0) + 1;
      }),
    );
  };
  const unlock = () => {
    const reply = plan.paidReplies[unlockIndex++];
    if (!reply) return;
    const client = plan.users[reply.client];
    const times = random() < options.doubleShare ? 2 : 1;
    if (times === 2) doubles += 1;
    for (let copy = 0; copy < times; copy += 1)
      pending.push(
        post(`/api/v1/messages/${reply.messageId}/unlock`, client?.cookie ?? "").then((answer) => {
          unlockAnswers[answer.status] = (unlockAnswers[answer.status] ?? 0) + 1;
          if (answer.status === 200) unlocked.add(reply.messageId);
        }),
      );
  };

  const cpu = process.cpuUsage();
  const started = performance.now();
  measuredFrom = started + options.warmUpMs;
  const total = options.warmUpMs + options.durationMs;
  // Due counts come from the clock, not from the number of ticks: an interval fires a little
  // late each time, and counting ticks would offer about 2 % less than the rate.
  let messagesOffered = 0;
  let unlocksOffered = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      if (elapsed >= total) {
        clearInterval(timer);
        return resolve();
      }
      measuring = elapsed >= options.warmUpMs;
      const messagesDue = Math.floor((options.messagesPerSecond * elapsed) / 1000);
      const unlocksDue = measuring
        ? Math.floor((options.unlocksPerSecond * (elapsed - options.warmUpMs)) / 1000)
        : 0;
      for (; messagesOffered < messagesDue; messagesOffered += 1) send(measuring);
      for (; unlocksOffered < unlocksDue; unlocksOffered += 1) unlock();
    }, TICK_MS);
  });
  const seconds = (performance.now() - started - options.warmUpMs) / 1000;
  await Promise.all(pending);
  const drainUntil = Date.now() + DRAIN_MS;
  while (Date.now() < drainUntil && [...sentAt.keys()].some((ref) => ref.startsWith("m")))
    await new Promise((resolve) => setTimeout(resolve, 50));
  const missing = [...sentAt.keys()].filter((ref) => ref.startsWith("m")).length;
  for (const socket of sockets) socket.close();
  agent.destroy();
  const used = process.cpuUsage(cpu);
  return {
    socketsOpen,
    sent,
    accepted,
    refused,
    deliveryMs,
    deliverySecond,
    answerMs,
    measuredAccepted,
    missing,
    unlockAnswers,
    unlocked: [...unlocked],
    doubles,
    seconds,
    answeringSeconds: (lastAnswerAt - started) / 1000,
    clientCpuMs: (used.user + used.system) / 1000,
  };
}

if (process.argv.includes("--child") && process.send) {
  process.once("message", (options: MessagesLoadOptions) => {
    load(options)
      .then((result) => ({ type: "done" as const, result }))
      .catch((error: Error) => ({ type: "failed" as const, error: error.stack ?? error.message }))
      .then((message) => process.send?.(message, undefined, {}, () => process.disconnect?.()));
  });
}
