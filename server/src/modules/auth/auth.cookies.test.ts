import { parseCookies, serializeSignedCookie } from "better-call";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCookies, signedValue } from "./auth.cookies.js";

const KEY = "test-secret-that-is-long-enough-0123456789";

/** The value part of a Set-Cookie line (what a browser sends back). */
const sentBack = (setCookie: string) => setCookie.slice(setCookie.indexOf("=") + 1).split(";")[0] as string;

describe("reading the sign-in cookie as better-auth does", () => {
  it("reads any Cookie header like better-call's parser (or hands it back)", () => {
    const part = fc.stringMatching(/^[ a-zA-Z0-9_.%"=;+/-]{0,24}$/);
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const header = parts.join("; ");
        const ours = readCookies(header);
        // null only for a value that does not decode; better-auth then reads it itself.
        if (ours) expect(ours).toEqual(parseCookies(header));
      }),
    );
  });

  it("finds the value of a cookie better-call signed, and nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9]{1,40}$/), async (token) => {
        const cookie = sentBack(await serializeSignedCookie("soulseer.session_token", token, KEY));
        const value = readCookies(`other=1; soulseer.session_token=${cookie}`)?.get("soulseer.session_token");
        expect(value).toBeDefined();
        expect(signedValue(value as string, KEY)).toBe(token);
        // Another key, an edited token or signature, and a missing signature are all refused.
        expect(signedValue(value as string, `${KEY}x`)).toBeNull();
        const dot = (value as string).lastIndexOf(".");
        expect(signedValue(`${token}x${(value as string).slice(dot)}`, KEY)).toBeNull();
        const flipped = (value as string).slice(dot + 1, dot + 2) === "A" ? "B" : "A";
        expect(signedValue(`${token}.${flipped}${(value as string).slice(dot + 2)}`, KEY)).toBeNull();
        expect(signedValue(token, KEY)).toBeNull();
      }),
      { numRuns: 50 },
    );
  });

  it("hands back a value that does not decode", () => {
    expect(readCookies("a=%E0%A4%A")).toBeNull();
    expect(readCookies("a=1; a=2")?.get("a")).toBe("1");
  });
});
