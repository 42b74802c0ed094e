import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, snap, type ViewportName } from "./support/browser.js";
import { journeySetup, signIn, withScreenshotsOnFailure } from "./support/journey.js";

// The embedded default: no SMTP server, the payment sandbox (what `npm start` gives a newcomer).
const journey = journeySetup();

for (const viewport of ["phone", "desktop"] as ViewportName[]) {
  describe(`sandbox sign-up on ${viewport}`, () => {
    it("shows the sandbox ribbon, then signs up, verifies and resets through the sandbox mailbox in one browser", async () => {
      const context = await newContext(journey.browser, journey.baseUrl, viewport);
      await withScreenshotsOnFailure(context, viewport, async () => {
        const page = await context.newPage();
        const email = `mailbox-${viewport}-${Date.now()}@example.test`;
        const password = "a-very-good-password";

        await page.goto("/");
        const ribbon = page.getByRole("note", { name: "Sandbox" });
        await ribbon.waitFor();
        assert.match((await ribbon.textContent()) ?? "", /Sandbox: no real money/);
        // In the page flow above the sticky header: it covers nothing.
        const ribbonBox = await ribbon.boundingBox();
        const headerBox = await page.locator("header").first().boundingBox();
        assert.ok(ribbonBox && headerBox && ribbonBox.y + ribbonBox.height <= headerBox.y + 1);
        await snap(page, `${viewport}-mailbox-01-ribbon`);

        await page.goto("/sign-up");
        await page.getByLabel("Email").fill(email);
        await page.getByLabel("Password", { exact: true }).fill(password);
        await page.getByLabel(/display name/i).fill("Ivy Marlowe");
        await page.getByLabel(/date of birth/i).fill("1991-02-03");
        await page.getByRole("checkbox", { name: /18 or older/i }).check();
        await page.getByRole("button", { name: /create account|sign up/i }).click();
        await page
          .getByText(/check your email/i)
          .first()
          .waitFor();
        await snap(page, `${viewport}-mailbox-02-check-email`);

        await page.getByRole("link", { name: "Open the sandbox mailbox" }).click();
        await page.getByRole("heading", { name: "Sandbox mailbox" }).waitFor();
        const verify = page.getByRole("link", { name: /verify-email\?token=/ }).first();
        await verify.waitFor();
        await snap(page, `${viewport}-mailbox-03-mailbox`);
        await verify.click();
        await page
          .getByText(/email verified/i)
          .first()
          .waitFor();

        await signIn(page, email, password);
        await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));

        // Forgot password from the same browser: the reset mail is in the mailbox too.
        await page.goto("/forgot-password");
        await page.getByLabel("Email").fill(email);
        await page.getByRole("button", { name: "Send reset link" }).click();
        await page.getByRole("link", { name: "Open the sandbox mailbox" }).click();
        const reset = page.getByRole("button", { name: /Reset your SoulSeer password/ }).first();
        await reset.waitFor();
        await snap(page, `${viewport}-mailbox-04-reset-mail`);
      });
      await context.close();
    });
  });
}
