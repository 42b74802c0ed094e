import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, newContext, snap, type ViewportName } from "./support/browser.js";
import { type RunningPlatform, startPlatform } from "./support/platform.js";

const DEMO_ADMIN = { email: "admin@soulseer.test", password: "SoulSeer-demo-2026" };

let platform: RunningPlatform;
let browser: Browser;
let closeBrowser: () => Promise<void>;

before(async () => {
  platform = await startPlatform();
  const launched = await launchBrowser();
  browser = launched.browser;
  closeBrowser = launched.close;
});

after(async () => {
  await closeBrowser?.();
  await platform?.stop();
});

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: /^sign in$/i }).click();
}

/** The admin reads the newest email to `to` in the in-app outbox and returns its verification link. */
async function verificationLinkFromOutbox(adminPage: Page, to: string): Promise<string> {
  await adminPage.goto("/admin/outbox");
  await adminPage
    .getByRole("button", { name: `Show the email to ${to}` })
    .first()
    .click();
  const link = adminPage.getByRole("link", { name: /verify-email\?token=/ }).first();
  await link.waitFor();
  const href = await link.getAttribute("href");
  assert.ok(href, "verification link has an address");
  return href;
}

for (const viewport of ["phone", "desktop"] as ViewportName[]) {
  describe(`account journey on ${viewport}`, () => {
    it("signs up, verifies the email through the outbox, signs out and signs in again", async () => {
      const context = await newContext(browser, platform.baseUrl, viewport);
      const adminContext = await newContext(browser, platform.baseUrl, viewport);
      try {
        const page = await context.newPage();
        const email = `e2e-${viewport}-${Date.now()}@example.test`;
        const password = "a-very-good-password";

        await page.goto("/");
        await page.getByRole("heading", { level: 1 }).waitFor();
        await snap(page, `${viewport}-01-home`);

        await page.goto("/sign-up");
        await page.getByLabel("Email").fill(email);
        await page.getByLabel("Password", { exact: true }).fill(password);
        await page.getByLabel(/display name/i).fill("Ember Quinn");
        await page.getByLabel(/date of birth/i).fill("1993-07-14");
        await page.getByRole("checkbox", { name: /18 or older/i }).check();
        await snap(page, `${viewport}-02-sign-up-filled`);
        await page.getByRole("button", { name: /create account|sign up/i }).click();
        await page
          .getByText(/check your email/i)
          .first()
          .waitFor();
        await snap(page, `${viewport}-03-check-email`);

        // Signing in before verifying is refused with a clear message.
        await signIn(page, email, password);
        await page.getByRole("alert").filter({ hasText: /verif/i }).first().waitFor();
        await snap(page, `${viewport}-04-not-verified`);

        const adminPage = await adminContext.newPage();
        await signIn(adminPage, DEMO_ADMIN.email, DEMO_ADMIN.password);
        await adminPage.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
        const link = await verificationLinkFromOutbox(adminPage, email);
        await snap(adminPage, `${viewport}-05-admin-outbox`);

        await page.goto(link);
        await page
          .getByText(/email verified/i)
          .first()
          .waitFor();
        await snap(page, `${viewport}-06-verified`);

        await signIn(page, email, password);
        await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
        await page.goto("/account");
        await page.getByLabel(/display name/i).waitFor();
        assert.equal(await page.getByLabel(/display name/i).inputValue(), "Ember Quinn");
        await snap(page, `${viewport}-07-account`);

        await signOut(page, viewport);
        const afterSignOut = await page.evaluate(async () => (await fetch("/api/v1/me")).status);
        assert.equal(afterSignOut, 401);
        await page.goto("/account");
        await page.waitForURL(/\/sign-in/);
        await snap(page, `${viewport}-08-signed-out`);

        await signIn(page, email, password);
        await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
        const me = await page.evaluate(async () => (await fetch("/api/v1/me")).json());
        assert.equal(me.user.email, email);
        assert.equal(me.user.emailVerified, true);
      } catch (error) {
        for (const [index, open] of context.pages().entries())
          await snap(open, `${viewport}-failure-${index}`).catch(() => {});
        throw error;
      } finally {
        await context.close();
        await adminContext.close();
      }
    });
  });
}

async function openMenuOnPhone(page: Page, viewport: ViewportName) {
  if (viewport !== "phone") return;
  const toggle = page.getByRole("button", { name: "Menu" });
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
}

async function signOut(page: Page, viewport: ViewportName) {
  await openMenuOnPhone(page, viewport);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await openMenuOnPhone(page, viewport);
  await page.getByRole("link", { name: "Sign in" }).waitFor();
}
