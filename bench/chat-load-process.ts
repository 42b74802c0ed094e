import http from "node:http";
import WebSocket from "ws";
import {
  type ChatChildResult,
  type ChatChildRun,
  type ChatChildSetup,
  type ChildMessage,
  OPEN_TIMEOUT_MS,
  type ParentMessage,
} from "./chat-load-child.js";
import type { ChatParticipant } from "./chat-seed.js";

// One load process (forked by `startChatChild`): the sockets and senders of whole readings, so a
// message's send and its arrival at the other participant are timed on this process's clock.

interface Member {
  socketIndex: number;
  readingId: string;
  /** The reading's room, `reading:<readingId>` (made once: the frame names it on every send). */
  topic: string;
  me: ChatParticipant;
  socket: WebSocket | null;
}

interface Pending {
  sentAt: number;
  /** `Date.now()` at the send, to compare with the server's stamp. */
  sentWall: number;
  /** The measured second it was sent in; negative in the warm-up. */
  second: number;
}

const CLOSE_WAIT_MS = 5_000;
const MESSAGE_TEXT = "the cards show a calm week ahead, and a letter you have been waiting for.";

function createLoad(setup: ChatChildSetup) {
  const members = setup.readings.flatMap((reading, index) => [
    {
      socketIndex: setup.firstSocket + 2 * index,
      readingId: reading.readingId,
      topic: `reading:${reading.readingId}`,
      me: reading.client,
      socket: null,
    },
    {
      socketIndex: setup.firstSocket + 2 * index + 1,
      readingId: reading.readingId,
      topic: `reading:${reading.readingId}`,
      me: reading.reader,
      socket: null,
    },
  ]) as Member[];
  // One keep-alive connection per user: the agent pools per local address.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  /** Messages on their way to the other participant, and those still waiting for the sender's answer. */
  const pending = new Map<string, Pending>();
  const unanswered = new Map<string, Pending>();
  const result: ChatChildResult = {
    deliveryMs: [],
    deliverySecond: [],
    answerMs: [],
    lateBySecond: [],
    refusedBySecond: [],
    lateInboundMs: [],
    lateOutboundMs: [],
    sent: 0,
    measuredSent: 0,
    measuredDelivered: 0,
    undelivered: 0,
    statuses: {},
    accepted: 0,
    requestErrors: 0,
    socketsOpened: 0,
    socketsClosedEarly: 0,
    hubErrors: 0,
    timerLagMaxMs: 0,
    cpuMs: 0,
  };
  let lateMs = Number.POSITIVE_INFINITY;
  let running = true;

  const record = (waiting: Pending, latencyMs: number, stampedAt?: number) => {
    result.deliveryMs.push(latencyMs);
    result.deliverySecond.push(waiting.second);
    if (latencyMs <= lateMs) return;
    result.lateBySecond[waiting.second] = (result.lateBySecond[waiting.second] ?? 0) + 1;
    if (stampedAt === undefined || Number.isNaN(stampedAt)) return;
    result.lateInboundMs.push(stampedAt - waiting.sentWall);
    result.lateOutboundMs.push(Date.now() - stampedAt);
  };

  /** The sender's answer to a message: the delivery wait ends here unless it was accepted. */
  const answered = (messageId: string, status: string, accepted: boolean) => {
    result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    const waiting = unanswered.get(messageId);
    unanswered.delete(messageId);
    if (!accepted) {
      pending.delete(messageId);
      if (waiting && waiting.second >= 0 && (status === "RETRY_LATER" || status === "503"))
        result.refusedBySecond[waiting.second] = (result.refusedBySecond[waiting.second] ?? 0) + 1;
      return;
    }
    result.accepted += 1;
    if (waiting && waiting.second >= 0) result.answerMs.push(performance.now() - waiting.sentAt);
  };

  const onSocketMessage = (member: Member, raw: WebSocket.RawData) => {
    const message = JSON.parse(raw.toString()) as {
      type: string;
      event?: string;
      ref?: string;
      code?: string;
      data?: { message?: { senderUserId: string; clientMessageId: string; createdAt: string } };
    };
    if (message.type === "error") result.hubErrors += 1;
    // A chat request's ref is the message's client id.
    if (message.type === "reply") return answered(message.ref ?? "", "ack", true);
    if (message.type === "refused") return answered(message.ref ?? "", message.code ?? "refused", false);
    const chat = message.event === "reading.message" ? message.data?.message : undefined;
    // Its own echo is not a delivery: only the other participant's socket counts.
    if (!chat || chat.senderUserId === member.me.userId) return;
    const waiting = pending.get(chat.clientMessageId);
    if (!waiting) return;
    pending.delete(chat.clientMessageId);
    if (waiting.second < 0) return;
    record(waiting, performance.now() - waiting.sentAt, Date.parse(chat.createdAt));
    result.measuredDelivered += 1;
  };

  /** Opens one socket with the user's cookie and joins its room; fails unless the server agrees to both. */
  const open = (member: Member) =>
    new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${setup.port}/api/v1/live`, {
        headers: { origin: setup.origin, cookie: member.me.cookie },
        localAddress: member.me.localAddress,
        perMessageDeflate: false,
      });
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.terminate();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new Error(`socket of ${member.me.userId} not ready in time`)),
        OPEN_TIMEOUT_MS,
      );
      const topic = member.topic;
      const handshake = (raw: WebSocket.RawData) => {
        const message = JSON.parse(raw.toString()) as { type: string; userId?: string; topics?: string[] };
        if (message.type === "hello") {
          // The server names the signed-in user: the seeded cookie really authenticated the socket.
          if (message.userId !== member.me.userId)
            return fail(new Error(`socket signed in as ${message.userId}`));
          socket.send(JSON.stringify({ type: "subscribe", topics: [topic] }));
        } else if (message.type === "subscribed") {
          if (!message.topics?.includes(topic)) return fail(new Error(`room ${topic} refused`));
          clearTimeout(timer);
          socket.off("message", handshake);
          socket.on("message", (data) => onSocketMessage(member, data));
          socket.on("close", () => {
            if (running) result.socketsClosedEarly += 1;
          });
          member.socket = socket;
          result.socketsOpened += 1;
          resolve();
        }
      };
      socket.on("message", handshake);
      // Errors after the handshake end in a close, counted above.
      socket.on("error", (error) => fail(error));
    });

  const messageBody = (messageId: string) => `Message ${messageId}: ${MESSAGE_TEXT}`;
  const sending = (messageId: string, second: number) => {
    const waiting = { sentAt: performance.now(), sentWall: Date.now(), second };
    pending.set(messageId, waiting);
    unanswered.set(messageId, waiting);
    result.sent += 1;
    if (second >= 0) result.measuredSent += 1;
  };

  /** Sends one message on the member's open socket; its delivery (and its ack) is timed from here. */
  const sendOnSocket = (member: Member, messageId: string, second: number) => {
    const frame = JSON.stringify({
      type: "request",
      topic: member.topic,
      name: "chat",
      ref: messageId,
      data: { body: messageBody(messageId) },
    });
    sending(messageId, second);
    if (member.socket?.readyState !== WebSocket.OPEN) {
      result.requestErrors += 1;
      pending.delete(messageId);
      unanswered.delete(messageId);
      return;
    }
    member.socket.send(frame);
  };

  /** POSTs one message; its delivery is timed from here. */
  const post = (member: Member, messageId: string, second: number) => {
    const body = JSON.stringify({ clientMessageId: messageId, body: messageBody(messageId) });
    sending(messageId, second);
    const request = http.request(
      {
        host: "127.0.0.1",
        port: setup.port,
        method: "POST",
        path: `/api/v1/readings/${member.readingId}/messages`,
        agent,
        localAddress: member.me.localAddress,
        headers: {
          origin: setup.origin,
          cookie: member.me.cookie,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => {
          const status = String(response.statusCode ?? 0);
          answered(messageId, status, status === "201");
        });
      },
    );
    request.on("error", () => {
      result.requestErrors += 1;
      pending.delete(messageId);
      unanswered.delete(messageId);
    });
    request.end(body);
  };
  const sendMessage = setup.transport === "http" ? post : sendOnSocket;

  /** Every socket's messages on a fixed schedule (open loop: a slow answer never delays the next send). */
  const schedule = (run: ChatChildRun) =>
    new Promise<void>((resolve) => {
      const total = run.warmupMessages + run.measuredMessages;
      let finished = 0;
      for (const member of members) {
        const phase = Math.floor((member.socketIndex * 1000) / setup.totalSockets);
        const fire = (k: number) => {
          const target = run.startAt + phase + k * 1000;
          result.timerLagMaxMs = Math.max(result.timerLagMaxMs, Date.now() - target);
          sendMessage(member, `bench-${member.socketIndex}-${k}`, k - run.warmupMessages);
          if (k + 1 < total) setTimeout(() => fire(k + 1), target + 1000 - Date.now());
          else if (++finished === members.length) resolve();
        };
        setTimeout(() => fire(0), run.startAt + phase - Date.now());
      }
    });

  /**
   * Waits (bounded) for deliveries and answers still on their way; a measured message never
   * delivered counts as late as the wait (one never answered counts as an error).
   */
  const drain = async (drainMs: number) => {
    const deadline = Date.now() + drainMs;
    while ((pending.size > 0 || unanswered.size > 0) && Date.now() < deadline) {
      await new Promise((wake) => setTimeout(wake, 50));
    }
    const now = performance.now();
    for (const waiting of pending.values()) {
      if (waiting.second < 0) continue;
      result.undelivered += 1;
      record(waiting, now - waiting.sentAt);
    }
  };

  const closeAll = async () => {
    running = false;
    agent.destroy();
    await Promise.all(
      members.map(
        ({ socket }) =>
          new Promise<void>((resolve) => {
            if (!socket || socket.readyState === WebSocket.CLOSED) return resolve();
            const timer = setTimeout(() => {
              socket.terminate();
              resolve();
            }, CLOSE_WAIT_MS);
            socket.once("close", () => {
              clearTimeout(timer);
              resolve();
            });
            socket.close();
          }),
      ),
    );
  };

  return {
    /** Opens every socket, `openConcurrency` at a time; resolves with how many are ready. */
    async openAll() {
      let next = 0;
      const worker = async () => {
        while (next < members.length) await open(members[next++] as Member);
      };
      await Promise.all(Array.from({ length: setup.openConcurrency }, worker));
      return result.socketsOpened;
    },
    async run(run: ChatChildRun) {
      const cpu = process.cpuUsage();
      lateMs = run.lateMs;
      result.lateBySecond = new Array(run.measuredMessages).fill(0);
      result.refusedBySecond = new Array(run.measuredMessages).fill(0);
      // Deliveries since the last report (the parent adds up every process's reports).
      let reported = 0;
      const progress = setInterval(() => {
        send({ type: "progress", delivered: result.measuredDelivered - reported });
        reported = result.measuredDelivered;
      }, 5_000);
      try {
        await schedule(run);
        await drain(run.drainMs);
      } finally {
        clearInterval(progress);
      }
      const used = process.cpuUsage(cpu);
      result.cpuMs = (used.user + used.system) / 1000;
      running = false;
      return result;
    },
    closeAll,
  };
}

/** Sends to the parent; `then` runs once the message is flushed (disconnecting earlier may lose it). */
function send(message: ChildMessage, then?: () => void) {
  process.send?.(message, undefined, {}, () => then?.());
}

let load: ReturnType<typeof createLoad> | null = null;
process.on("message", (message: ParentMessage) => {
  const failed = (error: Error) => send({ type: "failed", message: error.message });
  if (message.type === "setup") {
    load = createLoad(message);
    load
      .openAll()
      .then((opened) => send({ type: "ready", opened }))
      .catch(failed);
  } else if (!load) {
    failed(new Error(`${message.type} before setup`));
  } else if (message.type === "run") {
    load
      .run(message)
      .then((result) => send({ type: "done", result }))
      .catch(failed);
  } else {
    load
      .closeAll()
      .then(() => send({ type: "closed" }, () => process.disconnect?.()))
      .catch(failed);
  }
});
