import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import type { Specialty } from "./readers.schemas.js";
import { slugify } from "./readers.service.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const application = (overrides: Record<string, unknown> = {}) => ({
  displayName: "Marisol Vega",
  headline: "Tarot and intuition for clear answers",
  bio: "I have read tarot for twelve years, for people facing love, work and family crossroads. Kind and direct.",
  specialties: ["tarot", "love-and-relationships"],
  tools: ["Rider–Waite"],
  languages: ["en", "es"],
  yearsOfExperience: 12,
  sampleAnswer:
    "Question: will I find a new job this year? Answer: The Eight of Pentacles shows steady work paying off; the Chariot says move with intent, so send the applications you have been holding back before spring.",
  timeZone: "America/Denver",
  ...overrides,
});

async function makeReader(input: {
  name: string;
  specialties: Specialty[];
  languages: string[];
  chat: number | null;
  video?: number | null;
  status?: "online" | "away" | "offline";
  rating?: number;
}) {
  const user = await t.createUser("reader");
  const reader = await t.services.readers.createProfileForReader(user.id, {
    displayName: input.name,
    headline: `${input.name} reads for you`,
    bio: "A long enough biography for a reader that describes their practice in some detail.",
    specialties: input.specialties,
    tools: [],
    languages: input.languages,
    yearsOfExperience: 5,
    timeZone: "UTC",
    rates: { chat: input.chat ?? undefined, video: input.video ?? undefined },
  });
  await t.database.pool.query(
    "update reader_profiles set status = $2, rating_average = $3, rating_count = $4 where user_id = $1",
    [user.id, input.status ?? "offline", input.rating ?? 0, input.rating ? 10 : 0],
  );
  return { user, reader };
}

describe("becoming a reader", () => {
  it("refuses bad applications with codes and stores nothing", async () => {
    const { cookie } = await t.signedIn("client");
    const before = await t.count("reader_applications");
    const cases: [Record<string, unknown>, string][] = [
      [{ specialties: ["crystal-gazing"] }, "unknown specialty"],
      [{ specialties: [] }, "no specialty"],
      [
        { bio: "<script>alert(1)</script> and a long enough text to pass the length rule for a bio field" },
        "script tag",
      ],
      [{ headline: 'Hello <img src=x onerror="alert(1)"> there' }, "html"],
      [{ bio: "too short" }, "short bio"],
      [{ headline: "x".repeat(121) }, "overlong headline"],
      [{ languages: ["english"] }, "bad language"],
      [{ yearsOfExperience: 1.5 }, "fractional years"],
      [{ timeZone: "Mars/Base" }, "unknown zone"],
    ];
    for (const [index, [overrides, label]] of cases.entries()) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/v1/reader-applications",
        remoteAddress: `10.20.0.${index + 1}`,
        headers: { origin: TEST_ORIGIN, cookie },
        payload: application(overrides),
      });
      expect(response.statusCode, label).toBe(400);
      expect(response.json().error.code, label).toBe("VALIDATION_FAILED");
    }
    expect(await t.count("reader_applications")).toBe(before);
  });

  it("goes to the admin queue; approval makes a listed reader, rejection tells the applicant why", async () => {
    const applicant = await t.signedIn("client");
    const admin = await t.signedIn("admin");
    const submit = () =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/reader-applications",
        remoteAddress: "10.21.0.1",
        headers: { origin: TEST_ORIGIN, cookie: applicant.cookie },
        payload: application(),
      });
    const created = await submit();
    expect(created.statusCode).toBe(201);
    expect((await submit()).statusCode).toBe(409);
    const queue = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/reader-applications",
      headers: { cookie: admin.cookie },
    });
    const id = created.json().application.id;
    expect(queue.json().items.map((item: { id: string }) => item.id)).toContain(id);

    const approved = await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/reader-applications/${id}/approve`,
      headers: { origin: TEST_ORIGIN, cookie: admin.cookie },
    });
    expect(approved.statusCode).toBe(200);
    const reader = approved.json().reader;
    expect(reader.slug).toMatch(/^marisol-vega/);
    expect((await t.services.users.getUser(applicant.user.id)).role).toBe("reader");
    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/reader-applications/${id}/approve`,
      headers: { origin: TEST_ORIGIN, cookie: admin.cookie },
    });
    expect(again.statusCode).toBe(409);
    const audit = await t.database.pool.query("select action from audit_log where object_id = $1", [id]);
    expect(audit.rows.map((row) => row.action)).toEqual(["reader_application.approved"]);
    const page = await t.app.inject({ method: "GET", url: `/api/v1/readers/${reader.slug}` });
    expect(page.json().reader.displayName).toBe("Marisol Vega");

    const other = await t.signedIn("client");
    const second = await t.app.inject({
      method: "POST",
      url: "/api/v1/reader-applications",
      remoteAddress: "10.21.0.2",
      headers: { origin: TEST_ORIGIN, cookie: other.cookie },
      payload: application({ displayName: "Marisol Vega" }),
    });
    const rejected = await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/reader-applications/${second.json().application.id}/reject`,
      headers: { origin: TEST_ORIGIN, cookie: admin.cookie },
      payload: { reason: "Please add a sample answer in your own words." },
    });
    expect(rejected.json().application.status).toBe("rejected");
    const mine = await t.app.inject({
      method: "GET",
      url: "/api/v1/reader-applications/mine",
      headers: { cookie: other.cookie },
    });
    expect(mine.json().items[0]).toMatchObject({
      status: "rejected",
      decisionReason: "Please add a sample answer in your own words.",
    });
    expect((await t.services.users.getUser(other.user.id)).role).toBe("client");
  });

  it("lets a reader set rates in whole cents between $0.99 and $49.99, and a status", async () => {
    const { user, cookie } = await t.signedIn("reader");
    await t.services.readers.createProfileForReader(user.id, {
      displayName: "Rate Setter",
      headline: "A reader who sets rates",
      bio: "A long enough biography for a reader that describes their practice in some detail.",
      specialties: ["tarot"],
      tools: [],
      languages: ["en"],
      yearsOfExperience: 3,
      timeZone: "UTC",
      rates: {},
    });
    const headers = { origin: TEST_ORIGIN, cookie };
    for (const chat of [98, 5000, 1.5, -1]) {
      const response = await t.app.inject({
        method: "PATCH",
        url: "/api/v1/readers/me/profile",
        headers,
        payload: { rates: { chat } },
      });
      expect(response.statusCode, String(chat)).toBe(400);
    }
    const ok = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/readers/me/profile",
      headers,
      payload: { rates: { chat: 99, video: 4999 } },
    });
    expect(ok.json().reader.rates).toEqual({ chat: 99, voice: null, video: 4999, scheduled: null });
    const status = await t.app.inject({
      method: "PUT",
      url: "/api/v1/readers/me/status",
      headers,
      payload: { status: "online" },
    });
    expect(status.json().reader.status).toBe("online");
    const busy = await t.app.inject({
      method: "PUT",
      url: "/api/v1/readers/me/status",
      headers,
      payload: { status: "busy" },
    });
    expect(busy.statusCode).toBe(400);
  });
});

describe("favorites", () => {
  it("stars readers, lists them with status, and emails a 'came online' notice at most once an hour", async () => {
    const client = await t.signedIn("client");
    const quiet = await t.signedIn("client");
    const { user: readerUser, cookie: readerCookie } = await t.signedIn("reader");
    await t.services.readers.createProfileForReader(readerUser.id, {
      displayName: "Star Reader",
      headline: "Often starred, sometimes online",
      bio: "A long enough biography for a reader that describes their practice in some detail.",
      specialties: ["astrology"],
      tools: [],
      languages: ["en"],
      yearsOfExperience: 4,
      timeZone: "UTC",
      rates: { chat: 199 },
    });
    const star = (cookie: string, notifyOnline: boolean) =>
      t.app.inject({
        method: "PUT",
        url: `/api/v1/favorites/${readerUser.id}`,
        headers: { origin: TEST_ORIGIN, cookie },
        payload: { notifyOnline },
      });
    expect((await star(client.cookie, true)).json().items[0]).toMatchObject({
      notifyOnline: true,
      reader: { displayName: "Star Reader" },
    });
    expect((await star(quiet.cookie, false)).statusCode).toBe(200);
    const missing = await t.app.inject({
      method: "PUT",
      url: "/api/v1/favorites/nobody",
      headers: { origin: TEST_ORIGIN, cookie: client.cookie },
      payload: { notifyOnline: true },
    });
    expect(missing.statusCode).toBe(404);

    const setStatus = (status: string) =>
      t.app.inject({
        method: "PUT",
        url: "/api/v1/readers/me/status",
        headers: { origin: TEST_ORIGIN, cookie: readerCookie },
        payload: { status },
      });
    const notices = async (email: string) =>
      (
        await t.database.pool.query(
          "select count(*)::int as n from email_outbox where to_address = $1 and kind = 'favorite-online'",
          [email],
        )
      ).rows[0].n;
    await setStatus("online");
    expect(await notices(client.user.email)).toBe(1);
    expect(await notices(quiet.user.email)).toBe(0);
    await setStatus("offline");
    await setStatus("online");
    expect(await notices(client.user.email)).toBe(1);
    t.clock.advance(61 * 60 * 1000);
    await setStatus("away");
    await setStatus("online");
    expect(await notices(client.user.email)).toBe(2);

    const listed = await t.app.inject({
      method: "GET",
      url: "/api/v1/favorites",
      headers: { cookie: client.cookie },
    });
    expect(listed.json().items[0].reader.status).toBe("online");
    const removed = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/favorites/${readerUser.id}`,
      headers: { origin: TEST_ORIGIN, cookie: client.cookie },
    });
    expect(removed.json().items).toEqual([]);
  });
});

describe("browse and search", () => {
  it("filters, sorts and pages correctly over a seeded set, and never lists unapproved readers", async () => {
    const tag = `zz${Date.now().toString(36)}`;
    const made = [
      await makeReader({
        name: `${tag} Alba`,
        specialties: ["tarot"],
        languages: ["en"],
        chat: 199,
        status: "online",
        rating: 4.9,
      }),
      await makeReader({
        name: `${tag} Bram`,
        specialties: ["astrology"],
        languages: ["en", "nl"],
        chat: 299,
        video: 399,
        rating: 4.5,
      }),
      await makeReader({
        name: `${tag} Cleo`,
        specialties: ["tarot", "dreams"],
        languages: ["fr"],
        chat: 149,
        status: "away",
        rating: 3.8,
      }),
      await makeReader({
        name: `${tag} Dara`,
        specialties: ["mediumship"],
        languages: ["en"],
        chat: null,
        video: 599,
        status: "online",
        rating: 4.2,
      }),
      await makeReader({
        name: `${tag} Eve`,
        specialties: ["tarot"],
        languages: ["en"],
        chat: 999,
        rating: 0,
      }),
    ];
    const suspended = await makeReader({
      name: `${tag} Hidden`,
      specialties: ["tarot"],
      languages: ["en"],
      chat: 100,
    });
    await t.database.pool.query("update users set status = 'suspended' where id = $1", [suspended.user.id]);
    const demoted = await makeReader({
      name: `${tag} Former`,
      specialties: ["tarot"],
      languages: ["en"],
      chat: 100,
    });
    await t.database.pool.query("update users set role = 'client' where id = $1", [demoted.user.id]);

    const names = async (query: string) => {
      const response = await t.app.inject({ method: "GET", url: `/api/v1/readers?q=${tag}&${query}` });
      expect(response.statusCode, query).toBe(200);
      return response
        .json()
        .items.map((item: { displayName: string }) => item.displayName.replace(`${tag} `, ""));
    };
    expect(await names("")).toEqual(["Alba", "Dara", "Cleo", "Bram", "Eve"]);
    expect(await names("specialty=tarot&sort=price")).toEqual(["Cleo", "Alba", "Eve"]);
    // Without a modality, by each reader's cheapest rate (Bram's chat, Dara's only rate, video).
    expect(await names("sort=price")).toEqual(["Cleo", "Alba", "Bram", "Dara", "Eve"]);
    expect(await names("modality=video&sort=price")).toEqual(["Bram", "Dara"]);
    expect(await names("language=fr")).toEqual(["Cleo"]);
    expect(await names("online=true")).toEqual(["Alba", "Dara"]);
    expect(await names("minRating=4.3&sort=rating")).toEqual(["Alba", "Bram"]);
    expect(await names("minPriceCents=150&maxPriceCents=300&modality=chat&sort=price")).toEqual([
      "Alba",
      "Bram",
    ]);
    const bad = await t.app.inject({
      method: "GET",
      url: "/api/v1/readers?minPriceCents=500&maxPriceCents=100",
    });
    expect(bad.statusCode).toBe(400);
    const badCursor = await t.app.inject({ method: "GET", url: "/api/v1/readers?cursor=nope" });
    expect(badCursor.statusCode).toBe(400);
    for (const hiddenReader of [suspended, demoted]) {
      const page = await t.app.inject({ method: "GET", url: `/api/v1/readers/${hiddenReader.reader.slug}` });
      expect(page.statusCode).toBe(404);
    }
    expect(await names("")).not.toContain("Hidden");
    expect(made).toHaveLength(5);

    for (const sort of ["recommended", "price", "rating", "newest"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pageNumber = 0; pageNumber < 10; pageNumber += 1) {
        const query: string = `/api/v1/readers?q=${tag}&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
        const page = (await t.app.inject({ method: "GET", url: query })).json();
        seen.push(...page.items.map((item: { userId: string }) => item.userId));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(new Set(seen).size, sort).toBe(5);
      expect(seen, sort).toHaveLength(5);
    }
  });

  it("makes URL-safe, readable slugs", () => {
    expect(slugify("Luna Marisol")).toBe("luna-marisol");
    expect(slugify("Zoë  Ångström!")).toBe("zoe-angstrom");
    expect(slugify("李")).toMatch(/^reader/);
  });
});
