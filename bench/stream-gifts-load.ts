import { fork } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { openCountingViewer } from "./counting-viewer.js";
import { randomFrom, textMaker } from "./typed-text.js";

/** What the parent asks the load process to do. */
export interface GiftsLoadOptions {
  port: number;
  origin: string;
  streamId: string;
  /** Each viewer's sign-in cookie. */
  cookies: string[];
  giftIds: string[];
  warmUpMs: number;
  durationMs: number;
  giftsPerSecond: number;
  chatPerSecond: number;
  seed: number;
}

export interface GiftsLoadResult {
  socketsOpen: number;
  /** For each measured accepted gift: send → the last viewer's frame that carried it, ms. */
  giftToEveryViewerMs: number[];
  /** For each measured accepted gift: send → its answer (the POST alone), ms. */
  giftAnswerMs: number[];
  /** For each frame: its first viewer → its last viewer, ms (one fan-out). */
  frameSpreadMs: number[];
  /** Measured accepted gifts some viewer never got within the drain. */
  missing: number;
  giftAnswers: Record<string, number>;
  chatAnswers: Record<string, number>;
  /** Accepted gifts: their idempotency keys and the sender's index. */
  acceptedGifts: { key: string; sender: number; giftId: string }[];
  /** The most frames one viewer got in any one second. */
  maxFramesPerSecond: number;
  /** The mean size of the reference viewer's frames, bytes. */
  meanFrameBytes: number;
  /** Viewers whose frames did not line up with the reference viewer's (should be 0). */
  misaligned: number;
  seconds: number;
  clientCpuMs: number;
}

const OPEN_CONCURRENCY = 32;
const TICK_MS = 10;
const DRAIN_MS = 5_000;
/** A gift's id inside a batched frame: `"event":"stream.gift","data":{"streamId":"…","gift":{"id":"…"`. */
const GIFT_ID = /"event":"stream\.gift","data":\{"streamId":"[0-9a-f-]+","gift":\{"id":"([0-9a-f-]{36})"/g;

/** Runs the load in a child process (bounded in time) and returns its figures. */
export function runGiftsLoad(options: GiftsLoadOptions): Promise<GiftsLoadResult> {
  const child = fork(fileURLToPath(import.meta.url), ["--child"], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), options.warmUpMs + options.durationMs + 180_000);
    child.on(
      "message",
      (message: { type: "done"; result: GiftsLoadResult } | { type: "failed"; error: string }) => {
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

/** One viewer's frames: when each arrived and how long it was (to line them up with the reference). */
interface ViewerFrames {
  at: number[];
  bytes: number[];
}

async function load(options: GiftsLoadOptions): Promise<GiftsLoadResult> {
  const random = randomFrom(options.seed);
  const text = textMaker(random);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const post = (path: string, cookie: string, payload: object) =>
    new Promise<{ status: number; body: string }>((resolve) => {
      const body = JSON.stringify(payload);
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
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
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

  // Every viewer subscribed to the stream's room. Viewer 0 is the reference: it reads each frame's
  // gift ids; the others only note when each frame came and its length (every member of the room
  // gets the same frames in the same order), so 2,000 sockets cost no decoding here.
  const topic = `stream:${options.streamId}`;
  const frames: ViewerFrames[] = options.cookies.map(() => ({ at: [], bytes: [] }));
  const giftsInFrame: string[][] = [];
  const closers: (() => void)[] = [];
  let socketsOpen = 0;
  const headers = (index: number) => ({ origin: options.origin, cookie: options.cookies[index] ?? "" });
  const subscribe = JSON.stringify({ type: "subscribe", topics: [topic] });
  // Only the room's batched frames: `{"type":"events"` (bytes 9 and 14 are its "e" and "s").
  const isEvents = (bytes: Buffer) => bytes[9] === 0x65 && bytes[14] === 0x73;
  /** A viewer's frames until it is in the room: subscribes after the hello; true once in. */
  const joining = (send: (text: string) => void, joined: () => void) => {
    let subscribed = false;
    return (bytes: Buffer) => {
      if (subscribed) return true;
      const frame = bytes.toString();
      if (frame.includes('"type":"hello"')) send(subscribe);
      else if (frame.includes('"type":"subscribed"')) {
        subscribed = true;
        socketsOpen += 1;
        joined();
      }
      return false;
    };
  };
  /** The reference viewer: a `ws` client that reads every frame's gift ids. */
  const openReference = () =>
    new Promise<void>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${options.port}/api/v1/live`, { headers: headers(0) });
      closers.push(() => socket.close());
      const mine = frames[0] as ViewerFrames;
      const inRoom = joining((text) => socket.send(text), resolve);
      socket.on("message", (raw: Buffer) => {
        if (!inRoom(raw) || !isEvents(raw)) return;
        mine.at.push(performance.now());
        mine.bytes.push(raw.length);
        giftsInFrame.push([...raw.toString().matchAll(GIFT_ID)].map((match) => match[1] as string));
      });
      socket.on("error", () => resolve());
    });
  /** Every other viewer: notes each frame's arrival and length (see counting-viewer.ts). */
  const openCounting = (index: number) =>
    new Promise<void>((resolve) => {
      const mine = frames[index] as ViewerFrames;
      const inRoom = joining((text) => viewer.send(text), resolve);
      const viewer = openCountingViewer({
        port: options.port,
        path: "/api/v1/live",
        headers: headers(index),
        onText(head, length) {
          if (!inRoom(head) || !isEvents(head)) return;
          mine.at.push(performance.now());
          mine.bytes.push(length);
        },
        onClose: () => resolve(),
      });
      closers.push(() => viewer.close());
    });
  const open = (index: number) => (index === 0 ? openReference() : openCounting(index));
  for (let next = 0; next < options.cookies.length; next += OPEN_CONCURRENCY)
    await Promise.all(
      Array.from({ length: Math.min(OPEN_CONCURRENCY, options.cookies.length - next) }, (_, k) =>
        open(next + k),
      ),
    );

  const giftAnswers: Record<string, number> = {};
  const chatAnswers: Record<string, number> = {};
  const acceptedGifts: GiftsLoadResult["acceptedGifts"] = [];
  const giftSentAt = new Map<string, number>();
  const measuredGifts = new Set<string>();
  const giftAnswerMs: number[] = [];
  const pending: Promise<unknown>[] = [];
  let gifts = 0;
  let chats = 0;
  const viewers = options.cookies.length;
  const sendGift = (measured: boolean) => {
    // Senders take turns from the end of the list; chat writers from the start (5 per 10 s each).
    const sender = viewers - 1 - (gifts % viewers);
    const giftId = options.giftIds[Math.floor(random() ** 2 * options.giftIds.length)] as string;
    const key = `bench-gift-${gifts.toString(36)}-${Math.floor(random() * 1e9).toString(36)}`.padEnd(16, "x");
    gifts += 1;
    const at = performance.now();
    pending.push(
      post(`/api/v1/streams/${options.streamId}/gifts`, options.cookies[sender] ?? "", {
        giftId,
        idempotencyKey: key,
      }).then((answer) => {
        giftAnswers[answer.status] = (giftAnswers[answer.status] ?? 0) + 1;
        if (answer.status !== 201) return;
        const id = /"gift":\{"id":"([0-9a-f-]{36})"/.exec(answer.body)?.[1];
        acceptedGifts.push({ key, sender, giftId });
        if (!id) return;
        giftSentAt.set(id, at);
        if (!measured) return;
        measuredGifts.add(id);
        giftAnswerMs.push(performance.now() - at);
      }),
    );
  };
  const sendChat = () => {
    const writer = chats % viewers;
    chats += 1;
    pending.push(
      post(`/api/v1/streams/${options.streamId}/chat`, options.cookies[writer] ?? "", {
        body: text(chats.toString(36)).slice(0, 500),
      }).then((answer) => {
        chatAnswers[answer.status] = (chatAnswers[answer.status] ?? 0) + 1;
      }),
    );
  };

  // Frames from here on: those before (viewer counts while the room filled) differ by join time.
  for (const viewer of frames) {
    viewer.at.length = 0;
    viewer.bytes.length = 0;
  }
  giftsInFrame.length = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const total = options.warmUpMs + options.durationMs;
  // Due counts come from the clock, not from ticks (an interval fires a little late each time).
  let giftsOffered = 0;
  let chatsOffered = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      if (elapsed >= total) {
        clearInterval(timer);
        return resolve();
      }
      const measuring = elapsed >= options.warmUpMs;
      const giftsDue = Math.floor((options.giftsPerSecond * elapsed) / 1000);
      const chatsDue = Math.floor((options.chatPerSecond * elapsed) / 1000);
      for (; giftsOffered < giftsDue; giftsOffered += 1) sendGift(measuring);
      for (; chatsOffered < chatsDue; chatsOffered += 1) sendChat();
    }, TICK_MS);
  });
  const seconds = (performance.now() - started - options.warmUpMs) / 1000;
  await Promise.all(pending);
  await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
  for (const close of closers) close();
  agent.destroy();

  // Line every viewer's frames up with the reference's, then time each gift to its last viewer.
  const reference = frames[0] as ViewerFrames;
  let misaligned = 0;
  const lastAt = new Map<string, number>();
  // Each frame at its first viewer and at its last: how long one fan-out takes to reach everyone.
  const frameFirstAt = reference.at.map(() => Number.POSITIVE_INFINITY);
  const frameLastAt = reference.at.map(() => 0);
  let maxFramesPerSecond = 0;
  for (const viewer of frames) {
    // Lined up from the end: a frame in flight as counting began may be in one list and not another.
    const offset = reference.bytes.length - viewer.bytes.length;
    const aligned =
      Math.abs(offset) <= 1 &&
      viewer.bytes.every((length, k) => k + offset < 0 || length === reference.bytes[k + offset]);
    if (!aligned) misaligned += 1;
    for (let k = 0, first = 0; k < viewer.at.length; k += 1) {
      while ((viewer.at[k] as number) - (viewer.at[first] as number) >= 1_000) first += 1;
      maxFramesPerSecond = Math.max(maxFramesPerSecond, k - first + 1);
    }
    if (!aligned) continue;
    viewer.at.forEach((at, k) => {
      for (const id of giftsInFrame[k + offset] ?? []) lastAt.set(id, Math.max(lastAt.get(id) ?? 0, at));
      if (k + offset < 0) return;
      frameFirstAt[k + offset] = Math.min(frameFirstAt[k + offset] as number, at);
      frameLastAt[k + offset] = Math.max(frameLastAt[k + offset] as number, at);
    });
  }
  const frameSpreadMs = frameFirstAt.map((first, k) => (frameLastAt[k] as number) - first);
  const giftToEveryViewerMs: number[] = [];
  let missing = 0;
  for (const id of measuredGifts) {
    const sentAt = giftSentAt.get(id) as number;
    const last = lastAt.get(id);
    if (last === undefined || misaligned === frames.length) missing += 1;
    else giftToEveryViewerMs.push(last - sentAt);
  }
  const used = process.cpuUsage(cpu);
  return {
    socketsOpen,
    giftToEveryViewerMs,
    giftAnswerMs,
    frameSpreadMs,
    missing,
    giftAnswers,
    chatAnswers,
    acceptedGifts,
    maxFramesPerSecond,
    meanFrameBytes: reference.bytes.length
      ? Math.round(reference.bytes.reduce((sum, length) => sum + length, 0) / reference.bytes.length)
      : 0,
    misaligned,
    seconds,
    clientCpuMs: (used.user + used.system) / 1000,
  };
}

if (process.argv.includes("--child") && process.send) {
  process.once("message", (options: GiftsLoadOptions) => {
    load(options)
      .then((result) => ({ type: "done" as const, result }))
      .catch((error: Error) => ({ type: "failed" as const, error: error.stack ?? error.message }))
      .then((message) => process.send?.(message, undefined, {}, () => process.disconnect?.()));
  });
}
