/*
 * About 500 lines on purpose: the photo contract run against both stores (local disk and an
 * S3-compatible bucket fake) plus the storage configuration, which share upload fixtures.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { startTestS3Server, type TestS3Server } from "../../../test/s3-server.js";
import { ConfigError, loadConfig } from "../../config.js";
import { listRouteAccess } from "../../platform/http/access.js";
import { storageImageOrigins } from "../../platform/storage/storage.js";

type Format = "jpeg" | "png" | "webp";
const CONTENT_TYPE: Record<Format, string> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" };

/** A real image made here: left half red, right half blue (so orientation and cropping show). */
async function image(format: Format, width = 800, height = 600, orientation?: number) {
  const half = Math.floor(width / 2);
  let pipeline = sharp({ create: { width, height, channels: 3, background: "#ff0000" } }).composite([
    {
      input: { create: { width: width - half, height, channels: 3, background: "#0000ff" } },
      left: half,
      top: 0,
    },
  ]);
  if (orientation) pipeline = pipeline.withMetadata({ orientation });
  return (await pipeline[format]().toBuffer()) as Buffer;
}

/** A valid PNG header claiming huge dimensions (a decompression bomb's shape) with a tiny body. */
function hugePng(width: number, height: number) {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc(1024))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

let ipCounter = 0;
const nextIp = () => `10.44.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

function harnessHelpers(app: () => TestApp) {
  return {
    async makeReader() {
      const t = app();
      const { user } = await t.createReader({ headline: "Readings with a face to them" });
      return { user, cookie: await t.signIn(user.email) };
    },
    upload(cookie: string, body: Buffer | string, contentType: string, url = "/api/v1/readers/me/photo") {
      return app().app.inject({
        method: "PUT",
        url,
        remoteAddress: nextIp(),
        headers: { origin: TEST_ORIGIN, "content-type": contentType, ...(cookie ? { cookie } : {}) },
        payload: body,
      });
    },
    async photoColumns(userId: string) {
      const result = await app().database.pool.query<{
        photo_key: string | null;
        photo_updated_at: Date | null;
      }>("select photo_key, photo_updated_at from reader_profiles where user_id = $1", [userId]);
      return result.rows[0];
    },
    photoRedirect(userId: string, cookie = "") {
      return app().app.inject({
        method: "GET",
        url: `/api/v1/reader-photos/${userId}`,
        headers: cookie ? { cookie } : {},
      });
    },
  };
}

async function expectSquareWebp(bytes: Buffer) {
  const metadata = await sharp(bytes).metadata();
  expect(metadata.format).toBe("webp");
  expect([metadata.width, metadata.height]).toEqual([512, 512]);
  expect(metadata.exif).toBeUndefined();
  expect(metadata.orientation).toBeUndefined();
}

describe("reader photos on local disk", () => {
  let t: TestApp;
  let filesDir: string;
  const h = harnessHelpers(() => t);
  /** Every stored file (the temporary folder excluded). */
  const storedFiles = async () =>
    (await readdir(filesDir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.parentPath.includes(`${path.sep}.tmp`))
      .map((entry) => path.relative(filesDir, path.join(entry.parentPath, entry.name)))
      .sort();

  beforeAll(async () => {
    filesDir = await mkdtemp(path.join(os.tmpdir(), "soulseer-files-"));
    t = await createTestApp({ FILES_DIR: filesDir, FILES_URL_TTL_SECONDS: "600" });
  });
  afterAll(async () => {
    await t.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  it("declares who may call each photo and file route (the access-matrix test then checks them all)", () => {
    const declared = listRouteAccess(t.app)
      .filter((route) => /photo|\/files\//.test(route.url))
      .map((route) => `${route.method} ${route.url} ${JSON.stringify(route.access)}`);
    expect(declared.sort()).toEqual(
      [
        'PUT /api/v1/readers/me/photo ["reader"]',
        'PUT /api/v1/admin/readers/:userId/photo ["admin"]',
        'DELETE /api/v1/readers/me/photo ["reader"]',
        'GET /api/v1/reader-photos/:userId "public"',
        'GET /api/v1/files/* "public"',
      ].sort(),
    );
  });

  it("lets a reader set their own photo and an admin set anyone's; refuses everyone else", async () => {
    const reader = await h.makeReader();
    const otherReader = await h.makeReader();
    const client = await t.signedIn("client");
    const admin = await t.signedIn("admin");
    const jpeg = await image("jpeg");
    const adminUrl = `/api/v1/admin/readers/${reader.user.id}/photo`;

    expect((await h.upload("", jpeg, "image/jpeg")).statusCode).toBe(401);
    expect((await h.upload(client.cookie, jpeg, "image/jpeg")).json().error.code).toBe("FORBIDDEN");
    for (const cookie of ["", client.cookie, otherReader.cookie]) {
      const response = await h.upload(cookie, jpeg, "image/jpeg", adminUrl);
      expect(response.statusCode).toBe(cookie ? 403 : 401);
    }
    const anonymousDelete = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/readers/me/photo",
      headers: { origin: TEST_ORIGIN },
    });
    expect(anonymousDelete.statusCode).toBe(401);
    expect(await h.photoColumns(reader.user.id)).toEqual({ photo_key: null, photo_updated_at: null });
    expect(await storedFiles()).toEqual([]);

    const own = await h.upload(otherReader.cookie, jpeg, "image/jpeg");
    expect(own.statusCode).toBe(200);
    expect(own.json().reader.userId).toBe(otherReader.user.id);
    expect((await h.photoColumns(reader.user.id))?.photo_key).toBeNull();

    const byAdmin = await h.upload(admin.cookie, await image("png"), "image/png", adminUrl);
    expect(byAdmin.statusCode).toBe(200);
    const columns = await h.photoColumns(reader.user.id);
    expect(columns?.photo_key).toMatch(/^reader-photos\/[0-9a-f-]{36}\.webp$/);
    expect(byAdmin.json().reader.photoUrl).toBe(
      `/api/v1/reader-photos/${reader.user.id}?v=${columns?.photo_updated_at?.getTime()}`,
    );
    const audit = await t.database.pool.query(
      "select actor_user_id, action, object_id, details from audit_log where action = 'reader_photo.replaced'",
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        actor_user_id: admin.user.id,
        object_id: reader.user.id,
        details: { previousKey: null, key: columns?.photo_key },
      }),
    ]);
    // The reader's own upload is not an admin action: no audit entry for it.
    expect(audit.rows.filter((row) => row.object_id === otherReader.user.id)).toEqual([]);

    const noReader = await h.upload(
      admin.cookie,
      jpeg,
      "image/jpeg",
      `/api/v1/admin/readers/${client.user.id}/photo`,
    );
    expect(noReader.statusCode).toBe(404);
    expect(await storedFiles()).toHaveLength(2);
  });

  it("turns real JPEG, PNG and WebP uploads into an upright 512×512 WebP without metadata", async () => {
    const reader = await h.makeReader();
    for (const format of ["jpeg", "png", "webp"] as const) {
      const response = await h.upload(reader.cookie, await image(format, 900, 500), CONTENT_TYPE[format]);
      expect(response.statusCode, format).toBe(200);
      const redirect = await h.photoRedirect(reader.user.id);
      expect(redirect.statusCode).toBe(302);
      const served = await t.app.inject({ method: "GET", url: String(redirect.headers.location) });
      expect(served.statusCode).toBe(200);
      expect(served.headers["content-type"]).toBe("image/webp");
      await expectSquareWebp(served.rawPayload);
    }
    // The type is judged by content: a JPEG sent as image/webp is still a good JPEG.
    expect((await h.upload(reader.cookie, await image("jpeg"), "image/webp")).statusCode).toBe(200);

    // EXIF orientation 6 (rotate 90° clockwise): the red left half must end up on top.
    expect((await h.upload(reader.cookie, await image("jpeg", 600, 600, 6), "image/jpeg")).statusCode).toBe(
      200,
    );
    const location = String((await h.photoRedirect(reader.user.id)).headers.location);
    const bytes = (await t.app.inject({ method: "GET", url: location })).rawPayload;
    await expectSquareWebp(bytes);
    const { data } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * 512 + x) * 3, (y * 512 + x) * 3 + 3)];
    expect(pixel(450, 40)[0]).toBeGreaterThan(200); // red at the top right
    expect(pixel(450, 40)[2]).toBeLessThan(60);
    expect(pixel(60, 470)[2]).toBeGreaterThan(200); // blue at the bottom left
  });

  it("refuses what is not a small real image with typed errors, storing nothing and changing nothing", async () => {
    const reader = await h.makeReader();
    expect((await h.upload(reader.cookie, await image("png"), "image/png")).statusCode).toBe(200);
    const before = await h.photoColumns(reader.user.id);
    const filesBefore = await storedFiles();
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>';
    const jpeg = await image("jpeg");
    const cases: [string, Buffer | string, string, number, string][] = [
      [
        "text declared as PNG",
        "just some text, not an image at all",
        "image/png",
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      ],
      ["an HTML body", "<html><body>hi</body></html>", "text/html", 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["SVG with script, declared as PNG", svg, "image/png", 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["SVG with script, as SVG", svg, "image/svg+xml", 415, "UNSUPPORTED_MEDIA_TYPE"],
      ["JSON", JSON.stringify({ photo: "x" }), "application/json", 415, "UNSUPPORTED_MEDIA_TYPE"],
      [
        "over 5 MB",
        Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024 + 1 - jpeg.length)]),
        "image/jpeg",
        413,
        "PAYLOAD_TOO_LARGE",
      ],
      ["a PNG of 30000×30000 pixels", hugePng(30_000, 30_000), "image/png", 422, "INVALID_IMAGE"],
      ["a truncated JPEG", jpeg.subarray(0, 200), "image/jpeg", 422, "INVALID_IMAGE"],
      [
        "a GIF",
        Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"),
        "image/png",
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      ],
    ];
    for (const [label, body, contentType, status, code] of cases) {
      const response = await h.upload(reader.cookie, body, contentType);
      expect(response.statusCode, label).toBe(status);
      expect(response.json().error.code, label).toBe(code);
    }
    expect(await h.photoColumns(reader.user.id)).toEqual(before);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it("serves files only through an untampered, unexpired signed link", async () => {
    const reader = await h.makeReader();
    await h.upload(reader.cookie, await image("webp"), "image/webp");
    const redirect = await h.photoRedirect(reader.user.id);
    expect(redirect.headers["cache-control"]).toBe("private, max-age=30");
    const location = new URL(String(redirect.headers.location), TEST_ORIGIN);
    expect(location.pathname).toMatch(/^\/api\/v1\/files\/reader-photos\/[0-9a-f-]{36}\.webp$/);
    const get = (url: string) => t.app.inject({ method: "GET", url });
    const good = await get(location.pathname + location.search);
    expect(good.statusCode).toBe(200);
    expect(good.headers["cache-control"]).toMatch(/^private, max-age=(59\d|600), immutable$/);
    expect(good.headers["x-content-type-options"]).toBe("nosniff");

    const expires = location.searchParams.get("expires") ?? "";
    const signature = location.searchParams.get("signature") ?? "";
    const flipped = `${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    const refusals = [
      `${location.pathname}?expires=${expires}&signature=${flipped}`,
      `${location.pathname}?expires=${Number(expires) + 1000}&signature=${signature}`,
      `${location.pathname}?expires=${expires}`,
      location.pathname,
      `${location.pathname.replace(".webp", ".png")}?expires=${expires}&signature=${signature}`,
      `/api/v1/files/..%2F..%2F..%2Fetc%2Fpasswd?expires=${expires}&signature=${signature}`,
      `/api/v1/files/reader-photos/..%2F..%2Fsecret.webp?expires=${expires}&signature=${signature}`,
      `/api/v1/files/%2Fetc%2Fpasswd?expires=${expires}&signature=${signature}`,
    ];
    for (const url of refusals) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.code, url).toBe("FILE_URL_INVALID");
    }
    t.clock.advance(601_000);
    try {
      const expired = await get(location.pathname + location.search);
      expect(expired.statusCode).toBe(403);
      expect(expired.json().error.code).toBe("FILE_URL_EXPIRED");
    } finally {
      t.clock.advance(-601_000);
    }
  });

  it("redirects to the photo only when the profile is visible to the viewer", async () => {
    const reader = await h.makeReader();
    const client = await t.signedIn("client");
    const admin = await t.signedIn("admin");
    expect((await h.photoRedirect(reader.user.id)).statusCode).toBe(404);
    expect((await h.photoRedirect("no-such-user")).json().error.code).toBe("NOT_FOUND");
    await h.upload(reader.cookie, await image("jpeg"), "image/jpeg");
    expect((await h.photoRedirect(reader.user.id)).statusCode).toBe(302);
    expect((await h.photoRedirect(reader.user.id, client.cookie)).statusCode).toBe(302);

    await t.database.pool.query("update reader_profiles set listed = 'suspended' where user_id = $1", [
      reader.user.id,
    ]);
    expect((await h.photoRedirect(reader.user.id)).statusCode).toBe(404);
    expect((await h.photoRedirect(reader.user.id, client.cookie)).statusCode).toBe(404);
    expect((await h.photoRedirect(reader.user.id, admin.cookie)).statusCode).toBe(302);
    expect((await h.photoRedirect(reader.user.id, reader.cookie)).statusCode).toBe(302);
  });

  it("deletes the replaced object after the new one commits, and removes a photo on request", async () => {
    const reader = await h.makeReader();
    await h.upload(reader.cookie, await image("jpeg"), "image/jpeg");
    const first = (await h.photoColumns(reader.user.id))?.photo_key ?? "";
    expect(await storedFiles()).toContain(first);
    t.clock.advance(1000);
    const replaced = await h.upload(reader.cookie, await image("png"), "image/png");
    const second = (await h.photoColumns(reader.user.id))?.photo_key ?? "";
    expect(second).not.toBe(first);
    const files = await storedFiles();
    expect(files).toContain(second);
    expect(files).not.toContain(first);
    expect(replaced.json().reader.photoUrl).toContain(`?v=${t.clock.now().getTime()}`);

    const removed = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/readers/me/photo",
      headers: { origin: TEST_ORIGIN, cookie: reader.cookie },
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().reader.photoUrl).toBeNull();
    expect(await h.photoColumns(reader.user.id)).toEqual({ photo_key: null, photo_updated_at: null });
    expect(await storedFiles()).not.toContain(second);
    expect((await h.photoRedirect(reader.user.id)).statusCode).toBe(404);
  });
});

describe("reader photos in an S3-compatible bucket", () => {
  let s3: TestS3Server;
  let t: TestApp;
  const h = harnessHelpers(() => t);
  const s3Env = () => ({
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
  });

  beforeAll(async () => {
    s3 = await startTestS3Server();
    t = await createTestApp({ ...s3Env(), FILES_URL_TTL_SECONDS: "300" });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  it("stores the resized photo with signed requests and redirects to a presigned URL that works", async () => {
    const reader = await h.makeReader();
    const response = await h.upload(reader.cookie, await image("png", 1200, 700), "image/png");
    expect(response.statusCode).toBe(200);
    const key = (await h.photoColumns(reader.user.id))?.photo_key ?? "";
    const stored = s3.objects.get(key);
    expect(stored?.contentType).toBe("image/webp");
    await expectSquareWebp(stored?.body ?? Buffer.alloc(0));
    expect(s3.requests.filter((request) => request.method === "PUT")).toEqual([
      { method: "PUT", path: `/${s3.bucket}/${key}`, auth: "header", status: 200 },
    ]);

    const redirect = await h.photoRedirect(reader.user.id);
    expect(redirect.statusCode).toBe(302);
    const location = new URL(String(redirect.headers.location));
    expect(location.origin + location.pathname).toBe(`${s3.endpoint}/${s3.bucket}/${key}`);
    expect(location.searchParams.get("X-Amz-Expires")).toBe("300");
    const image200 = await fetch(location);
    expect(image200.status).toBe(200);
    expect(image200.headers.get("content-type")).toBe("image/webp");
    await expectSquareWebp(Buffer.from(await image200.arrayBuffer()));

    // Pages may load images from the bucket the photo links redirect to.
    const page = await t.app.inject({ method: "GET", url: "/health" });
    expect(page.headers["content-security-policy"]).toContain(`img-src 'self' data: blob: ${s3.endpoint};`);

    // Tampering with anything signed is refused by the server, as S3 does.
    const tampered = new URL(location);
    tampered.searchParams.set("X-Amz-Expires", "3600");
    const badSignature = new URL(location);
    badSignature.searchParams.set("X-Amz-Signature", "0".repeat(64));
    const unsigned = new URL(location.origin + location.pathname);
    for (const url of [tampered, badSignature, unsigned]) {
      const refused = await fetch(url);
      expect(refused.status, url.search).toBe(403);
      await refused.body?.cancel();
    }
    expect(await (await fetch(tampered)).text()).toContain("SignatureDoesNotMatch");

    // A URL signed two hours ago with a 300 s lifetime has expired.
    const realNow = t.clock.now();
    t.clock.set(new Date(realNow.getTime() - 2 * 3600_000));
    const old = new URL(String((await h.photoRedirect(reader.user.id)).headers.location));
    t.clock.set(realNow);
    const expired = await fetch(old);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("Request has expired");
  });

  it("deletes the replaced object, and has no local file route", async () => {
    const reader = await h.makeReader();
    await h.upload(reader.cookie, await image("jpeg"), "image/jpeg");
    const first = (await h.photoColumns(reader.user.id))?.photo_key ?? "";
    expect(s3.objects.has(first)).toBe(true);
    await h.upload(reader.cookie, await image("webp"), "image/webp");
    const second = (await h.photoColumns(reader.user.id))?.photo_key ?? "";
    expect(s3.objects.has(second)).toBe(true);
    expect(s3.objects.has(first)).toBe(false);
    expect(s3.requests).toContainEqual({
      method: "DELETE",
      path: `/${s3.bucket}/${first}`,
      auth: "header",
      status: 204,
    });
    const files = await t.app.inject({ method: "GET", url: `/api/v1/files/${second}?expires=1&signature=x` });
    expect(files.statusCode).toBe(404);
  });

  it("stores nothing and changes nothing when the bucket refuses the credentials", async () => {
    const wrong = await createTestApp({ ...s3Env(), S3_SECRET_ACCESS_KEY: "not-the-secret-of-this-bucket" });
    try {
      const reader = await harnessHelpers(() => wrong).makeReader();
      const objectsBefore = s3.objects.size;
      const response = await harnessHelpers(() => wrong).upload(
        reader.cookie,
        await image("jpeg"),
        "image/jpeg",
      );
      expect(response.statusCode).toBe(500);
      expect(response.json().error.code).toBe("INTERNAL");
      expect(s3.objects.size).toBe(objectsBefore);
      expect(s3.requests.at(-1)).toMatchObject({ method: "PUT", status: 403 });
      expect(await harnessHelpers(() => wrong).photoColumns(reader.user.id)).toEqual({
        photo_key: null,
        photo_updated_at: null,
      });
    } finally {
      await wrong.close();
    }
  });
});

describe("storage configuration", () => {
  const base = {
    DATABASE_URL: "postgres://x@127.0.0.1/x",
    AUTH_SECRET: "s".repeat(40),
    PAYMENT_PROVIDER: "sandbox",
  };
  it("is local disk by default and S3 only when the bucket, both keys and an endpoint or region are set", () => {
    expect(loadConfig(base).s3).toBeNull();
    expect(loadConfig(base).FILES_DIR).toBe(".data/files");
    const full = loadConfig({
      ...base,
      S3_ENDPOINT: "https://account.r2.cloudflarestorage.com",
      S3_BUCKET: "photos",
      S3_ACCESS_KEY_ID: "id",
      S3_SECRET_ACCESS_KEY: "secret",
    });
    expect(full.s3).toEqual({
      endpoint: "https://account.r2.cloudflarestorage.com",
      region: "auto",
      bucket: "photos",
      accessKeyId: "id",
      secretAccessKey: "secret",
      forcePathStyle: false,
    });
    expect(storageImageOrigins(full)).toEqual(["https://photos.account.r2.cloudflarestorage.com"]);
    expect(storageImageOrigins(loadConfig(base))).toEqual([]);
    expect(
      storageImageOrigins(
        loadConfig({
          ...base,
          S3_REGION: "eu-west-1",
          S3_BUCKET: "photos",
          S3_ACCESS_KEY_ID: "i",
          S3_SECRET_ACCESS_KEY: "s",
        }),
      ),
    ).toEqual(["https://photos.s3.eu-west-1.amazonaws.com"]);
    const partial = () => loadConfig({ ...base, S3_BUCKET: "photos", S3_FORCE_PATH_STYLE: "true" });
    expect(partial).toThrow(ConfigError);
    expect(partial).toThrow(/S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_ENDPOINT or S3_REGION: required/);
    expect(() => loadConfig({ ...base, FILES_URL_TTL_SECONDS: "10" })).toThrow(/FILES_URL_TTL_SECONDS/);
  });
});
