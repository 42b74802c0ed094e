import { randomBytes } from "node:crypto";
import net from "node:net";

/** How many bytes of each frame's payload a counting viewer keeps (enough for the hub's small replies). */
const HEAD_BYTES = 256;
const HANDSHAKE_MAX_BYTES = 16_384;
const EMPTY: Buffer = Buffer.alloc(0);
/**
 * Every counting viewer reads into this one buffer (Node's `onread`): 2,000 sockets reading 10
 * frames a second would otherwise allocate a buffer per read. A read is handled before the next.
 */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

export interface CountingViewerOptions {
  port: number;
  path: string;
  headers: Record<string, string>;
  /**
   * A whole text frame arrived: its first bytes (at most 256) and its payload length. Called when
   * the frame's last byte is read, as a WebSocket library would hand over the message.
   */
  onText(head: Buffer, length: number): void;
  /** The socket ended, failed or the server refused the upgrade. */
  onClose(): void;
}

export interface CountingViewer {
  /** Sends one text frame (masked, as a client must). */
  send(text: string): void;
  close(): void;
}

/**
 * A WebSocket viewer for benches that notes each frame's arrival and length without decoding it.
 *
 * The gifts bench has one load process hold 2,000 viewers that receive the same 10 frames a second
 * each, about 20,000 frames a second in all: through the `ws` library every frame is gathered into
 * a Buffer, emitted and handed to JavaScript, which made the load process use half a core of a
 * 2-core machine the server under test shares. This reads the RFC 6455 frame headers as the bytes
 * come and keeps only a frame's first bytes; it answers pings and closes as a client must. It
 * speaks plain WebSocket (no extensions offered), which the server accepts as it would a browser's.
 */
export function openCountingViewer(options: CountingViewerOptions): CountingViewer {
  const socket = net.connect({
    port: options.port,
    host: "127.0.0.1",
    onread: {
      buffer: READ_BUFFER,
      callback: (bytes: number, buffer: Uint8Array) => {
        received(buffer, bytes);
        return true;
      },
    },
  });
  socket.setNoDelay(true);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    socket.destroy();
    options.onClose();
  };
  const write = (opcode: number, payload: Buffer) => {
    if (closed) return;
    const length = payload.length;
    const extended = length < 126 ? 0 : length < 65_536 ? 2 : 8;
    const frame = Buffer.allocUnsafe(2 + extended + 4 + length);
    frame[0] = 0x80 | opcode;
    if (extended === 0) frame[1] = 0x80 | length;
    else if (extended === 2) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    const mask = randomBytes(4);
    mask.copy(frame, 2 + extended);
    const start = 6 + extended;
    for (let k = 0; k < length; k += 1) frame[start + k] = (payload[k] as number) ^ (mask[k & 3] as number);
    socket.write(frame);
  };

  let handshake: Buffer | null = Buffer.alloc(0);
  // The frame being read: its header bytes so far, then its payload's length, opcode and head.
  let header: Buffer = EMPTY;
  let opcode = -1;
  let remaining = 0;
  let length = 0;
  let head: Buffer[] = [];
  let headLength = 0;

  /** A frame header's length, from its first two bytes. */
  const headerLength = (bytes: Buffer) => {
    const short = (bytes[1] as number) & 0x7f;
    const masked = ((bytes[1] as number) & 0x80) !== 0;
    return 2 + (short === 126 ? 2 : short === 127 ? 8 : 0) + (masked ? 4 : 0);
  };
  const finishFrame = () => {
    const payload = head.length === 1 ? (head[0] as Buffer) : Buffer.concat(head, headLength);
    head = [];
    headLength = 0;
    const kind = opcode;
    opcode = -1;
    if (kind === 0x1) options.onText(payload, length);
    else if (kind === 0x9) write(0xa, payload);
    else if (kind === 0x8) {
      write(0x8, payload.subarray(0, 2));
      close();
    }
  };
  const readFrames = (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length && !closed) {
      if (opcode < 0) {
        // Gather the header (2 to 14 bytes; its second byte tells how long), which reads may split.
        const need = header.length < 2 ? 2 : headerLength(header);
        const take = Math.min(need - header.length, chunk.length - at);
        // A copy: the read buffer is reused for the next read.
        header = Buffer.concat([header, chunk.subarray(at, at + take)]);
        at += take;
        if (header.length < 2 || header.length < headerLength(header)) continue;
        if ((header[1] as number) & 0x80) return close(); // A server never masks its frames.
        const short = (header[1] as number) & 0x7f;
        length =
          short === 126 ? header.readUInt16BE(2) : short === 127 ? Number(header.readBigUInt64BE(2)) : short;
        opcode = (header[0] as number) & 0x0f;
        if (((header[0] as number) & 0x80) === 0 || opcode === 0x0) return close(); // No fragments here.
        header = EMPTY;
        remaining = length;
        if (remaining === 0) finishFrame();
        continue;
      }
      const take = Math.min(remaining, chunk.length - at);
      if (headLength < HEAD_BYTES) {
        const kept = Buffer.from(chunk.subarray(at, at + Math.min(take, HEAD_BYTES - headLength)));
        head.push(kept);
        headLength += kept.length;
      }
      at += take;
      remaining -= take;
      if (remaining === 0) finishFrame();
    }
  };

  socket.on("connect", () => {
    const lines = [
      `GET ${options.path} HTTP/1.1`,
      `Host: 127.0.0.1:${options.port}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
      "Sec-WebSocket-Version: 13",
      ...Object.entries(options.headers).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  });
  function received(buffer: Uint8Array, bytes: number) {
    const chunk = Buffer.from(buffer.buffer, buffer.byteOffset, bytes);
    if (handshake === null) return readFrames(chunk);
    handshake = Buffer.concat([handshake, chunk]);
    const end = handshake.indexOf("\r\n\r\n");
    if (end < 0) {
      if (handshake.length > HANDSHAKE_MAX_BYTES) close();
      return;
    }
    const accepted = handshake.subarray(0, 12).toString() === "HTTP/1.1 101";
    const rest = handshake.subarray(end + 4);
    handshake = null;
    if (!accepted) return close();
    if (rest.length > 0) readFrames(rest);
  }
  socket.on("error", close);
  socket.on("close", close);
  return {
    send: (text) => write(0x1, Buffer.from(text)),
    close: () => {
      write(0x8, Buffer.from([0x03, 0xe8]));
      socket.end();
    },
  };
}
