import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { newContext, snap, type ViewportName } from "./support/browser.js";
import {
  journeySetup,
  liveFrameReceived,
  signIn,
  signInAsDemoAdmin,
  withScreenshotsOnFailure,
} from "./support/journey.js";

const journey = journeySetup();

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
      const context = await newContext(journey.browser, journey.baseUrl, viewport);
      const adminContext = await newContext(journey.browser, journey.baseUrl, viewport);
      await withScreenshotsOnFailure(context, viewport, async () => {
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
        await signInAsDemoAdmin(adminPage);
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

        // A second tab of the same sign-in, its live socket open (the server's hello received).
        const secondTab = await context.newPage();
        const secondSocketOpen = liveFrameReceived(
          secondTab,
          (message) => message.type === "hello" && typeof message.userId === "string",
        );
        await secondTab.goto("/account");
        await secondTab.getByLabel(/display name/i).waitFor();
        await secondSocketOpen;

        await signOut(page, viewport);
        const afterSignOut = await page.evaluate(async () => (await fetch("/api/v1/me")).status);
        assert.equal(afterSignOut, 401);
        // The other tab hears the sign-in end on its socket and reloads the home page, signed out.
        await secondTab.waitForURL((url) => url.pathname === "/");
        await secondTab.getByRole("link", { name: "Create your free account" }).waitFor();
        await snap(secondTab, `${viewport}-08-second-tab-signed-out`);
        await secondTab.close();
        await page.goto("/account");
        await page.waitForURL(/\/sign-in/);
        await snap(page, `${viewport}-08-signed-out`);

        await signIn(page, email, password);
        await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
        const me = await page.evaluate(async () => (await fetch("/api/v1/me")).json());
        assert.equal(me.user.email, email);
        assert.equal(me.user.emailVerified, true);

        // Download my data: one JSON file with the profile in it.
        await page.goto("/account");
        const downloading = page.waitForEvent("download");
        await page.getByRole("button", { name: "Download my data" }).click();
        const download = await downloading;
        assert.match(download.suggestedFilename(), /^soulseer-data-\d{4}-\d{2}-\d{2}\.json$/);
        await page.getByText(/^Downloaded soulseer-data-/).waitFor();

        // Delete my account: the dialog explains, asks the password, then says to check the email.
        await page.getByRole("button", { name: "Delete my account…" }).click();
        const dialog = page.getByRole("dialog", { name: "Delete your account?" });
        await dialog.getByText(/cannot be undone/i).waitFor();
        await dialog.getByLabel("Your password").fill(password);
        await dialog.getByRole("button", { name: "Email me the confirmation link" }).click();
        await page.getByRole("heading", { name: "Check your email" }).waitFor();
        await snap(page, `${viewport}-09-check-your-email`);
        await page.getByRole("button", { name: "Close" }).click();

        await adminPage.goto("/admin/outbox");
        await adminPage
          .getByRole("button", { name: `Show the email to ${email}` })
          .first()
          .click();
        const deletionLink = adminPage
          .getByRole("link", { name: /account\/delete\/confirm\?token=/ })
          .first();
        await deletionLink.waitFor();
        const deletionHref = await deletionLink.getAttribute("href");
        assert.ok(deletionHref, "deletion link has an address");
        await page.goto(deletionHref);
        await page.getByRole("button", { name: "Delete my account permanently" }).click();
        await page.getByText("Your account is deleted and you are signed out everywhere.").waitFor();
        await snap(page, `${viewport}-10-account-deleted`);
        const afterDeletion = await page.evaluate(async () => (await fetch("/api/v1/me")).status);
        assert.equal(afterDeletion, 401);
      }).finally(() => adminContext.close());
    });
  });
}

async function openMenuOnPhone(page: Page, viewport: ViewportName) {
  if (viewport !== "phone") return;
  const toggle = page.getByRole("button", { name: "Menu" });
  await toggle.waitFor();
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await page.locator("#mobile-menu").waitFor();
}

async function signOut(page: Page, viewport: ViewportName) {
  await openMenuOnPhone(page, viewport);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByRole("link", { name: "Create your free account" }).waitFor();
  await openMenuOnPhone(page, viewport);
  await page.getByRole("link", { name: "Sign in" }).waitFor();
}
