import { createHmac, timingSafeEqual } from "node:crypto";
import { inflateSync } from "node:zlib";

// --- An independent reader of Agora's AccessToken2 ("007" + base64(deflate(content))) ------------
// content = signature (uint16 length + bytes) ‖ signing info; all integers little-endian.
// signing info = appId (string) ‖ issueTs u32 ‖ expire u32 ‖ salt u32 ‖ service count u16 ‖ services;
// an RTC service = type u16 (1) ‖ privileges (u16 count, then u16 key → u32 seconds) ‖ channel ‖ uid.

export interface DecodedToken {
  signature: Buffer;
  signingInfo: Buffer;
  appId: string;
  issueTs: number;
  expire: number;
  salt: number;
  services: { type: number; privileges: Record<number, number>; channel: string; uid: string }[];
}

export function decodeAccessToken2(token: string): DecodedToken {
  if (!token.startsWith("007")) throw new Error(`not an AccessToken2: ${token.slice(0, 8)}`);
  const content = inflateSync(Buffer.from(token.slice(3), "base64"));
  let offset = 0;
  const u16 = () => {
    const value = content.readUInt16LE(offset);
    offset += 2;
    return value;
  };
  const u32 = () => {
    const value = content.readUInt32LE(offset);
    offset += 4;
    return value;
  };
  const bytes = () => {
    const length = u16();
    const value = content.subarray(offset, offset + length);
    if (value.length !== length) throw new Error("truncated token");
    offset += length;
    return Buffer.from(value);
  };
  const signature = bytes();
  const signingInfo = Buffer.from(content.subarray(offset));
  const appId = bytes().toString("utf8");
  const issueTs = u32();
  const expire = u32();
  const salt = u32();
  const services: DecodedToken["services"] = [];
  for (let count = u16(), index = 0; index < count; index += 1) {
    const type = u16();
    if (type !== 1) throw new Error(`unexpected service type ${type}`);
    const privileges: Record<number, number> = {};
    for (let entries = u16(), entry = 0; entry < entries; entry += 1) privileges[u16()] = u32();
    services.push({ type, privileges, channel: bytes().toString("utf8"), uid: bytes().toString("utf8") });
  }
  if (offset !== content.length) throw new Error("trailing bytes in token");
  return { signature, signingInfo, appId, issueTs, expire, salt, services };
}

const hmac = (key: Buffer, message: Buffer) => createHmac("sha256", key).update(message).digest();
const uint32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
};

/** AccessToken2's signature: HMAC-SHA256(signing info) under a key derived from the certificate. */
export function signatureIsValid(token: DecodedToken, certificate: string) {
  const signingKey = hmac(uint32(token.salt), hmac(uint32(token.issueTs), Buffer.from(certificate, "utf8")));
  const expected = hmac(signingKey, token.signingInfo);
  return expected.length === token.signature.length && timingSafeEqual(expected, token.signature);
}
