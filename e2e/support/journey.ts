import { after, before } from "node:test";
import pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { totpCode } from "../../server/test/totp.js";
import { launchBrowser, snap } from "./browser.js";
import { type RunningPlatform, startPlatform } from "./platform.js";

export const DEMO_PASSWORD = "SoulSeer-demo-2026";
/** The demo admin's published authenticator key (server/src/seed/demo-data.ts, README). */
export const DEMO_ADMIN_TOTP_SECRET = "SOULSEERDEMOADMINTOTPKEY234567AB";

/** Starts the platform and a browser once for a journey file, and stops both after it. */
export function journeySetup(env: Record<string, string> = {}, browserArgs: string[] = []) {
  const state: { platform?: RunningPlatform; browser?: Browser; closeBrowser?: () => Promise<void> } = {};
  before(async () => {
    state.platform = await startPlatform(env);
    const launched = await launchBrowser(browserArgs);
    state.browser = launched.browser;
    state.closeBrowser = launched.close;
  });
  after(async () => {
    await state.closeBrowser?.();
    await state.platform?.stop();
  });
  return {
    get baseUrl() {
      if (!state.platform) throw new Error("platform not started");
      return state.platform.baseUrl;
    },
    /** The running platform (to start a second node of it). */
    get platform() {
      if (!state.platform) throw new Error("platform not started");
      return state.platform;
    },
    get databaseUrl() {
      if (!state.platform) throw new Error("platform not started");
      return state.platform.databaseUrl;
    },
    get browser() {
      if (!state.browser) throw new Error("browser not started");
      return state.browser;
    },
  };
}

/** A user's id by email, read from the journey's database. */
export async function userIdOf(databaseUrl: string, email: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ id: string }>("select id from users where email = $1", [email]);
    const id = result.rows[0]?.id;
    if (!id) throw new Error(`no user ${email}`);
    return id;
  } finally {
    await client.end();
  }
}

/** Signs in through the sign-in form. */
export async function signIn(page: Page, email: string, password: string, path = "/sign-in") {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in as the demo admin: the password, then a code of the admin's authenticator key. */
export async function signInAsDemoAdmin(page: Page, path = "/sign-in") {
  await signIn(page, "admin@soulseer.test", DEMO_PASSWORD, path);
  await page.getByLabel("Authentication code").fill(totpCode(DEMO_ADMIN_TOTP_SECRET));
  await page.getByRole("button", { name: "Verify" }).click();
}

/** Runs a journey in a context and keeps a screenshot of every open page when it fails. */
export async function withScreenshotsOnFailure(
  context: BrowserContext,
  name: string,
  run: () => Promise<void>,
) {
  try {
    await run();
  } catch (error) {
    for (const [index, open] of context.pages().entries())
      await snap(open, `${name}-failure-${index}`).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

/** Adds funds from the wallet page through the sandbox checkout. */
/** What the summary says was paid, once the bill is settled (it shows "…" until then). */
export async function settledAmount(page: Page): Promise<string> {
  const amount = page.getByTestId("summary-amount").filter({ hasText: /^\$/ });
  await amount.waitFor({ timeout: 20_000 });
  return (await amount.textContent()) ?? "";
}

export async function topUpFromWallet(page: Page, dollars: string) {
  await page.goto("/wallet");
  await page.getByRole("button", { name: dollars, exact: true }).click();
  await page.getByRole("button", { name: `Top up ${dollars}` }).click();
  await page.waitForURL(/\/sandbox\/checkout\//);
  await page.getByRole("button", { name: `Pay ${dollars}` }).click();
  await page.getByText("Payment received").waitFor();
}

/** A reader signs in to their dashboard and goes online. */
export async function readerGoesOnline(page: Page, email: string) {
  await signIn(page, email, DEMO_PASSWORD, "/sign-in?next=/reader");
  await page.waitForURL((url) => url.pathname === "/reader");
  await page.getByRole("button", { name: "online", exact: true }).click();
  await page.locator("[data-status=online]").first().waitFor();
}

/** A client signs in, adds funds through the sandbox checkout and opens a reader's page from search. */
export async function clientOpensReader(page: Page, email: string, dollars: string, readerName: string) {
  await signIn(page, email, DEMO_PASSWORD, "/sign-in?next=/wallet");
  await page.waitForURL((url) => url.pathname === "/wallet");
  await topUpFromWallet(page, dollars);
  await page.goto(`/readers?q=${encodeURIComponent(readerName)}`);
  await page.getByRole("link", { name: readerName }).click();
}

/**
 * Resolves once a live socket of the page receives a JSON frame that `test` accepts. Call it
 * before the navigation that opens the socket.
 */
export function liveFrameReceived(
  page: Page,
  test: (message: Record<string, unknown>) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    page.on("websocket", (socket) => {
      socket.on("framereceived", (frame) => {
        let message: unknown;
        try {
          message = JSON.parse(String(frame.payload));
        } catch {
          return;
        }
        if (typeof message === "object" && message !== null && test(message as Record<string, unknown>))
          resolve();
      });
    });
  });
}

/**
 * Resolves once a live socket of the page has been granted a topic starting with `prefix` (the
 * server's `subscribed` answer). An event published before then does not reach the page, so a
 * journey that changes something right after loading a live page waits for this first. Call it
 * before the navigation that opens the socket.
 */
export const liveSubscribed = (page: Page, prefix: string) =>
  liveFrameReceived(
    page,
    (message) =>
      message.type === "subscribed" &&
      Array.isArray(message.topics) &&
      message.topics.some((topic) => String(topic).startsWith(prefix)),
  );
