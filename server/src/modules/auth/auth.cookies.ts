import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A Cookie header's cookies, first of each name winning, read as better-auth reads them (values
 * unquoted and percent-decoded). Null when a value does not decode: better-auth then decides.
 */
export function readCookies(header: string): Map<string, string> | null {
  const cookies = new Map<string, string>();
  let index = 0;
  while (index < header.length) {
    const equals = header.indexOf("=", index);
    if (equals === -1) break;
    let end = header.indexOf(";", index);
    if (end === -1) end = header.length;
    else if (end < equals) {
      index = header.lastIndexOf(";", equals - 1) + 1;
      continue;
    }
    const name = header.slice(index, equals).trim();
    if (!cookies.has(name)) {
      let value = header.slice(equals + 1, end).trim();
      if (value.codePointAt(0) === 34) value = value.slice(1, -1);
      if (value.includes("%")) {
        try {
          value = decodeURIComponent(value);
        } catch {
          return null;
        }
      }
      cookies.set(name, value);
    }
    index = end + 1;
  }
  return cookies;
}

/**
 * The value inside a signed cookie (`value.base64(HMAC-SHA256(value))`, better-call's format), or
 * null when the signature is missing, malformed or wrong. Compared in constant time.
 */
export function signedValue(cookie: string, key: string): string | null {
  const dot = cookie.lastIndexOf(".");
  if (dot < 1) return null;
  const signature = cookie.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith("=")) return null;
  const value = cookie.slice(0, dot);
  const given = Buffer.from(signature, "base64");
  const expected = createHmac("sha256", key).update(value).digest();
  if (given.length !== expected.length || given.toString("base64") !== signature) return null;
  return timingSafeEqual(given, expected) ? value : null;
}
