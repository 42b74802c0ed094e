import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type TestApp,
  tokenFromEmail,
} from "../../../test/harness.js";
import { READING_TEST_ENV } from "../../../test/readings-kit.js";
import { DELETION_LINK_TTL_MS } from "./privacy.service.js";

let t: TestApp;
let filesDir: string;
beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), "soulseer-privacy-"));
  t = await createTestApp({ ...READING_TEST_ENV, FILES_DIR: filesDir });
});
afterAll(async () => {
  await t.close();
  await rm(filesDir, { recursive: true, force: true });
});

let ip = 0;
function call(method: "GET" | "POST" | "PUT", url: string, cookie: string | null, payload?: object) {
  ip += 1;
  return t.app.inject({
    method,
    url,
    remoteAddress: `10.77.${Math.floor(ip / 250)}.${(ip % 250) + 1}`,
    headers: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(payload ? { payload } : {}),
  });
}

async function fund(userId: string, amountCents: number) {
  await t.services.ledger.transfer({
    idempotencyKey: `fund-${randomUUID()}`,
    code: "adjustment",
    legs: [{ from: { kind: "promotions" }, to: { kind: "wallet", userId }, amountCents }],
  });
}

/** A client with money, a note on an online reader, a favorite and a reading ringing. */
async function clientWithHistory() {
  const { user: reader } = await t.createReader({ rates: { chat: 199 } });
  const readerCookie = await t.signIn(reader.email);
  expect(
    (await call("PUT", "/api/v1/readers/me/status", readerCookie, { status: "online" })).statusCode,
  ).toBe(200);
  const client = await t.signedIn("client");
  await fund(client.user.id, 2_000);
  const notes = await call("PUT", `/api/v1/readers/${reader.id}/notes`, client.cookie, {
    body: "Ask about the move to Lisbon next time",
  });
  expect(notes.statusCode).toBe(200);
  const favorite = await call("PUT", `/api/v1/favorites/${reader.id}`, client.cookie, {
    notifyOnline: false,
  });
  expect(favorite.statusCode).toBe(200);
  const reading = await call("POST", "/api/v1/readings", client.cookie, {
    readerUserId: reader.id,
    modality: "chat",
    expectedRatePerUnitCents: 199,
  });
  expect(reading.statusCode, reading.body).toBe(201);
  return { ...client, reader, readingId: reading.json().reading.id as string };
}

async function requestDeletion(cookie: string, email: string) {
  const response = await call("POST", "/api/v1/me/deletion-request", cookie, { password: TEST_PASSWORD });
  expect(response.statusCode, response.body).toBe(202);
  const mail = await t.latestEmail(email, "account-deletion");
  if (!mail) throw new Error("no deletion email");
  return tokenFromEmail(mail.text_body);
}

async function userRow(userId: string) {
  const result = await t.database.pool.query(
    "select display_name, email, bio, date_of_birth, deleted_at from users where id = $1",
    [userId],
  );
  return result.rows[0];
}

describe("downloading your data", () => {
  it("gives a signed-in person one JSON attachment with all their data, audit-logged", async () => {
    const client = await clientWithHistory();
    const response = await call("GET", "/api/v1/me/export", client.cookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="soulseer-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const data = response.json();
    expect(data).toMatchObject({
      format: "soulseer-personal-data",
      version: 1,
      profile: { id: client.user.id },
    });
    expect(data.tables.client_reader_notes).toEqual([
      expect.objectContaining({ body: "Ask about the move to Lisbon next time" }),
    ]);
    expect(data.tables.reading_sessions).toEqual([expect.objectContaining({ id: client.readingId })]);
    expect(data.tables.favorites).toHaveLength(1);
    expect(data.tables.ledger_accounts).toEqual([
      expect.objectContaining({ account: "wallet", amountCents: 2_000, code: "adjustment" }),
    ]);
    // Sign-ins are listed, never their secrets.
    expect(data.tables.sessions.length).toBeGreaterThan(0);
    expect(data.tables.sessions[0]).not.toHaveProperty("token");
    expect(data.tables.accounts[0]).not.toHaveProperty("password");
    const audit = await t.database.pool.query("select action from audit_log where object_id = $1", [
      client.user.id,
    ]);
    expect(audit.rows.map((row) => row.action)).toContain("privacy.exported");
    // The client's private notes and stars are not in the reader's export.
    const readerCookie = await t.signIn(client.reader.email);
    const readerExport = (await call("GET", "/api/v1/me/export", readerCookie)).json();
    expect(readerExport.tables.reading_sessions).toEqual([expect.objectContaining({ id: client.readingId })]);
    expect(readerExport.tables.client_reader_notes).toEqual([]);
    expect(readerExport.tables.favorites).toEqual([]);
    expect(JSON.stringify(readerExport)).not.toContain("Lisbon");
  });

  it("is for signed-in people only", async () => {
    const response = await call("GET", "/api/v1/me/export", null);
    expect(response.statusCode).toBe(401);
  });
});

describe("deleting your account", () => {
  it("lets only signed-in people ask; the emailed token alone confirms", async () => {
    const anonymous = await call("POST", "/api/v1/me/deletion-request", null, { password: TEST_PASSWORD });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe("UNAUTHENTICATED");
    for (const role of ["reader", "admin"] as const) {
      const person = await t.signedIn(role);
      const token = await requestDeletion(person.cookie, person.user.email);
      expect(token.length).toBeGreaterThan(20);
    }
  });

  it("anonymizes everything after the emailed confirmation, keeps the books, and ends sign-in", async () => {
    const client = await clientWithHistory();
    const token = await requestDeletion(client.cookie, client.user.email);
    // Asking deletes nothing.
    expect((await userRow(client.user.id)).deleted_at).toBeNull();
    expect((await call("GET", "/api/v1/me", client.cookie)).statusCode).toBe(200);
    expect((await call("POST", "/api/v1/account-deletion/check", null, { token })).statusCode).toBe(200);

    const confirmed = await call("POST", "/api/v1/account-deletion/confirm", null, { token });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({
      deleted: true,
      readingsEnded: 1,
      walletBalanceCents: 2_000,
      earningsCents: 0,
    });

    const row = await userRow(client.user.id);
    expect(row).toMatchObject({ display_name: "Deleted user", bio: null, date_of_birth: null });
    expect(row.email).toBe(`deleted-${client.user.id}@deleted.invalid`);
    expect(row.deleted_at).not.toBeNull();
    // Signed out everywhere, and no way back in.
    expect((await call("GET", "/api/v1/me", client.cookie)).statusCode).toBe(401);
    const signIn = await call("POST", "/api/v1/auth/sign-in", null, {
      email: client.user.email,
      password: TEST_PASSWORD,
    });
    expect(signIn.statusCode).toBe(401);
    // The ringing reading ended through the readings' own path; the money stayed where it was.
    const reading = await t.database.pool.query(
      "select state, end_cause, client_name from reading_sessions where id = $1",
      [client.readingId],
    );
    expect(reading.rows[0]).toMatchObject({ end_cause: "cancelled", client_name: "Deleted user" });
    expect(await t.services.ledger.balance(client.user.id)).toBe(2_000);
    expect((await t.services.ledger.verify()).violations).toEqual([]);
    // Mail bodies, notes and favorites are gone; the audit log says what happened without the address.
    expect(await t.latestEmail(client.user.email)).toBeNull();
    const left = await t.database.pool.query(
      `select (select count(*)::int from client_reader_notes where client_user_id = $1) as notes,
              (select count(*)::int from favorites where client_user_id = $1) as favorites,
              (select count(*)::int from sessions where user_id = $1) as sessions,
              (select count(*)::int from accounts where user_id = $1) as accounts`,
      [client.user.id],
    );
    expect(left.rows[0]).toEqual({ notes: 0, favorites: 0, sessions: 0, accounts: 0 });
    const audit = await t.database.pool.query(
      "select actor_email, details from audit_log where object_id = $1 and action = 'privacy.account_deleted'",
      [client.user.id],
    );
    expect(audit.rows).toEqual([
      {
        actor_email: null,
        details: expect.objectContaining({ walletBalanceCents: 2_000, readingsEnded: 1 }),
      },
    ]);
    const stillAnywhere = await t.database.pool.query(
      "select count(*)::int as count from audit_log where actor_email = $1",
      [client.user.email],
    );
    expect(stillAnywhere.rows[0].count).toBe(0);
    // The link works once.
    const again = await call("POST", "/api/v1/account-deletion/confirm", null, { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe("INVALID_TOKEN");
  });

  it("removes a reader's photo file and public page, keeping their earnings on the books", async () => {
    const { user } = await t.createReader({ displayName: "Madame Lune", rates: { chat: 199 } });
    const cookie = await t.signIn(user.email);
    const photo = await sharp({ create: { width: 400, height: 400, channels: 3, background: "#ff69b4" } })
      .png()
      .toBuffer();
    const upload = await t.app.inject({
      method: "PUT",
      url: "/api/v1/readers/me/photo",
      remoteAddress: "10.78.0.1",
      headers: { origin: TEST_ORIGIN, cookie, "content-type": "image/png" },
      payload: photo,
    });
    expect(upload.statusCode, upload.body).toBe(200);
    const files = async () =>
      (await readdir(filesDir, { recursive: true, withFileTypes: true })).filter(
        (entry) => entry.isFile() && !entry.parentPath.includes(`${path.sep}.tmp`),
      ).length;
    expect(await files()).toBe(1);
    await t.services.ledger.transfer({
      idempotencyKey: `earn-${randomUUID()}`,
      code: "adjustment",
      legs: [{ from: { kind: "promotions" }, to: { kind: "earnings", userId: user.id }, amountCents: 1_234 }],
    });
    const token = await requestDeletion(cookie, user.email);
    const confirmed = await call("POST", "/api/v1/account-deletion/confirm", null, { token });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ earningsCents: 1_234 });
    expect(await files()).toBe(0);
    const profile = await t.database.pool.query(
      "select display_name, bio, photo_key, listed from reader_profiles where user_id = $1",
      [user.id],
    );
    expect(profile.rows[0]).toEqual({
      display_name: "Deleted reader",
      bio: "",
      photo_key: null,
      listed: "suspended",
    });
    expect(await t.services.ledger.balance(user.id, "earnings")).toBe(1_234);
  });

  it("refuses without the right password, and changes nothing", async () => {
    const client = await t.signedIn("client");
    const wrong = await call("POST", "/api/v1/me/deletion-request", client.cookie, {
      password: "not-it-at-all",
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("INVALID_CREDENTIALS");
    const missing = await call("POST", "/api/v1/me/deletion-request", client.cookie, {});
    expect(missing.json().error.code).toBe("INVALID_CREDENTIALS");
    expect(await t.latestEmail(client.user.email, "account-deletion")).toBeNull();
    const requests = await t.database.pool.query(
      "select count(*)::int as count from account_deletion_requests where user_id = $1",
      [client.user.id],
    );
    expect(requests.rows[0].count).toBe(0);
  });

  it("asks a person without a password (Auth0 only) for a sign-in under 10 minutes old", async () => {
    const client = await t.signedIn("client");
    // What an Auth0-only account looks like: no credential (password) account.
    await t.database.pool.query("delete from accounts where user_id = $1 and provider_id = 'credential'", [
      client.user.id,
    ]);
    const fresh = await call("POST", "/api/v1/me/deletion-request", client.cookie, {});
    expect(fresh.statusCode, fresh.body).toBe(202);
    const staleRequest = await t.database.pool.query(
      "update sessions set created_at = now() - interval '11 minutes' where user_id = $1",
      [client.user.id],
    );
    expect(staleRequest.rowCount).toBeGreaterThan(0);
    const stale = await call("POST", "/api/v1/me/deletion-request", client.cookie, {});
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe("REAUTHENTICATION_REQUIRED");
  });

  it("refuses a link that is invalid or expired, and changes nothing", async () => {
    const invalid = await call("POST", "/api/v1/account-deletion/confirm", null, {
      token: "a".repeat(43),
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe("INVALID_TOKEN");
    const malformed = await call("POST", "/api/v1/account-deletion/confirm", null, { token: "x" });
    expect(malformed.json().error.code).toBe("VALIDATION_FAILED");

    const client = await t.signedIn("client");
    const token = await requestDeletion(client.cookie, client.user.email);
    t.clock.advance(DELETION_LINK_TTL_MS + 1_000);
    const check = await call("POST", "/api/v1/account-deletion/check", null, { token });
    expect(check.json().error.code).toBe("INVALID_TOKEN");
    const expired = await call("POST", "/api/v1/account-deletion/confirm", null, { token });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe("INVALID_TOKEN");
    expect((await userRow(client.user.id)).deleted_at).toBeNull();
    expect((await call("GET", "/api/v1/me", client.cookie)).statusCode).toBe(200);
  });

  it("refuses while a card dispute freezes the wallet, at the request and at the confirmation", async () => {
    const client = await t.signedIn("client");
    await fund(client.user.id, 1_000);
    const token = await requestDeletion(client.cookie, client.user.email);
    await t.database.db.transaction((tx) =>
      t.services.ledger.recoverFromWallet(
        {
          idempotencyKey: `dispute-${randomUUID()}`,
          userId: client.user.id,
          amountCents: 500,
          code: "chargeback",
          references: { dispute: "dp_test" },
          freeze: true,
        },
        tx,
      ),
    );
    const confirm = await call("POST", "/api/v1/account-deletion/confirm", null, { token });
    expect(confirm.statusCode).toBe(403);
    expect(confirm.json().error.code).toBe("ACCOUNT_FROZEN");
    const request = await call("POST", "/api/v1/me/deletion-request", client.cookie, {
      password: TEST_PASSWORD,
    });
    expect(request.statusCode).toBe(403);
    expect(request.json().error.code).toBe("ACCOUNT_FROZEN");
    expect((await userRow(client.user.id)).deleted_at).toBeNull();
    expect((await call("GET", "/api/v1/me", client.cookie)).statusCode).toBe(200);
  });
});
