import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("admin changes a user's role", () => {
  it("changes the role and writes the audit entry, readable with filters", async () => {
    const admin = await t.signedIn("admin");
    const target = await t.createUser("client");
    const headers = { origin: TEST_ORIGIN, cookie: admin.cookie };

    const changed = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${target.id}/role`,
      headers,
      payload: { role: "reader", reason: "Approved after vetting call" },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user).toMatchObject({ id: target.id, role: "reader", status: "active" });

    const log = await t.app.inject({
      method: "GET",
      url: `/api/v1/admin/audit-log?objectType=user&objectId=${target.id}`,
      headers,
    });
    expect(log.statusCode).toBe(200);
    const [entry] = log.json().items;
    expect(entry).toMatchObject({
      actorUserId: admin.user.id,
      actorEmail: admin.user.email,
      action: "user.role_changed",
      objectType: "user",
      objectId: target.id,
      details: { from: "client", to: "reader", reason: "Approved after vetting call", email: target.email },
    });
    expect(entry.requestId).toBe(changed.headers["x-request-id"]);

    const byAction = await t.app.inject({
      method: "GET",
      url: `/api/v1/admin/audit-log?action=user.role_changed&actorUserId=${admin.user.id}`,
      headers,
    });
    expect(byAction.json().items.map((item: { objectId: string }) => item.objectId)).toContain(target.id);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const none = await t.app.inject({
      method: "GET",
      url: `/api/v1/admin/audit-log?from=${future}`,
      headers,
    });
    expect(none.json().items).toEqual([]);

    // The new role takes effect on the user's next request.
    const readerSession = await t.signIn(target.email);
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: readerSession } });
    expect(me.json().user.role).toBe("reader");
  });

  it("requires a reason, a known role and an existing user, and changes nothing otherwise", async () => {
    const admin = await t.signedIn("admin");
    const target = await t.createUser("client");
    const headers = { origin: TEST_ORIGIN, cookie: admin.cookie };
    const entriesBefore = await t.count("audit_log");
    const cases = [
      { url: `/api/v1/admin/users/${target.id}/role`, payload: { role: "reader" }, status: 400 },
      {
        url: `/api/v1/admin/users/${target.id}/role`,
        payload: { role: "reader", reason: "  " },
        status: 400,
      },
      {
        url: `/api/v1/admin/users/${target.id}/role`,
        payload: { role: "wizard", reason: "because" },
        status: 400,
      },
      {
        url: "/api/v1/admin/users/missing-user/role",
        payload: { role: "reader", reason: "because" },
        status: 404,
      },
      {
        url: `/api/v1/admin/users/${admin.user.id}/role`,
        payload: { role: "client", reason: "oops" },
        status: 409,
      },
    ];
    for (const testCase of cases) {
      const response = await t.app.inject({
        method: "PATCH",
        url: testCase.url,
        headers,
        payload: testCase.payload,
      });
      expect(response.statusCode, JSON.stringify(testCase)).toBe(testCase.status);
      expect(response.json().error.code).toBeTruthy();
    }
    expect(await t.count("audit_log")).toBe(entriesBefore);
    const row = await t.database.pool.query("select role from users where id = $1", [target.id]);
    expect(row.rows[0].role).toBe("client");
  });

  it("serializes two admins changing one user at once: both entries are kept, in order", async () => {
    const admin = await t.signedIn("admin");
    const target = await t.createUser("client");
    const headers = { origin: TEST_ORIGIN, cookie: admin.cookie };
    const [first, second] = await Promise.all(
      (["reader", "admin"] as const).map((role) =>
        t.app.inject({
          method: "PATCH",
          url: `/api/v1/admin/users/${target.id}/role`,
          headers,
          payload: { role, reason: `make ${role}` },
        }),
      ),
    );
    expect([first?.statusCode, second?.statusCode]).toEqual([200, 200]);
    const entries = await t.database.pool.query(
      "select details from audit_log where object_id = $1 order by created_at, id",
      [target.id],
    );
    expect(entries.rows).toHaveLength(2);
    // One change saw the client; the other saw what that one left behind: no lost update. (Which
    // came first is not told by the entries' times: each is its transaction's start, and the one
    // that waited for the other's lock may have started first.)
    const details = entries.rows.map((row) => row.details as { from: string; to: string });
    const earlier = details.find((entry) => entry.from === "client");
    const later = details.find((entry) => entry !== earlier);
    expect(earlier).toBeDefined();
    expect(later?.from).toBe(earlier?.to);
    const row = await t.database.pool.query("select role from users where id = $1", [target.id]);
    expect(row.rows[0].role).toBe(later?.to);
  });

  it("lists and searches users with cursor pagination", async () => {
    const admin = await t.signedIn("admin");
    const headers = { cookie: admin.cookie };
    for (let index = 0; index < 5; index += 1) await t.createUser("reader");
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/v1/admin/users?role=reader&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await t.app.inject({ method: "GET", url: query, headers })).json();
      for (const user of page.items) {
        expect(user.role).toBe("reader");
        expect(seen.has(user.id)).toBe(false);
        seen.add(user.id);
      }
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen.size).toBeGreaterThanOrEqual(5);
    const search = await t.app.inject({ method: "GET", url: "/api/v1/admin/users?search=reader-", headers });
    expect(search.json().items.length).toBeGreaterThan(0);
    const badCursor = await t.app.inject({ method: "GET", url: "/api/v1/admin/users?cursor=zzz", headers });
    expect(badCursor.statusCode).toBe(400);
    const tooMany = await t.app.inject({ method: "GET", url: "/api/v1/admin/users?limit=1000", headers });
    expect(tooMany.statusCode).toBe(400);
  });

  it("shows admins the outbox", async () => {
    const admin = await t.signedIn("admin");
    await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/sign-up",
      headers: { origin: TEST_ORIGIN },
      payload: {
        email: "outbox-reader@example.test",
        password: "a-long-enough-password",
        displayName: "Outbox Reader",
        dateOfBirth: "1990-01-01",
        acceptTerms: true,
      },
    });
    const outbox = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/outbox",
      headers: { cookie: admin.cookie },
    });
    const mail = outbox.json().items.find((item: { to: string }) => item.to === "outbox-reader@example.test");
    expect(mail).toMatchObject({ kind: "verify-email", subject: "Confirm your email for SoulSeer" });
    expect(["pending", "logged"]).toContain(mail.status);
  });
});
