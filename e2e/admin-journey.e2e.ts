import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, newContext, snap, type ViewportName } from "./support/browser.js";
import { type RunningPlatform, startPlatform } from "./support/platform.js";

const ADMIN = { email: "admin@soulseer.test", password: "SoulSeer-demo-2026" };
const TARGETS: Record<ViewportName, string> = {
  phone: "maya@soulseer.test",
  desktop: "jordan@soulseer.test",
};

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

for (const viewport of ["phone", "desktop"] as ViewportName[]) {
  describe(`admin on ${viewport}`, () => {
    it("changes a user's role and finds the change in the audit log", async () => {
      const context = await newContext(browser, platform.baseUrl, viewport);
      try {
        const page = await context.newPage();
        await page.goto("/sign-in?next=/admin/users");
        await page.getByLabel("Email").fill(ADMIN.email);
        await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL((url) => url.pathname === "/admin/users");

        const target = TARGETS[viewport];
        await page.getByLabel("Search").fill(target);
        const row = page.getByRole("listitem").filter({ hasText: target });
        await row.waitFor();
        await row.getByLabel("New role").selectOption("reader");
        await row.getByLabel("Reason").fill(`Vetted on ${viewport}`);
        await snap(page, `${viewport}-admin-01-users`);
        await row.getByRole("button", { name: "Change role" }).click();
        await row.getByText("Saved").waitFor();
        await row.locator("p").getByText("reader", { exact: true }).waitFor();

        await page.getByRole("link", { name: "Audit log" }).click();
        await page.getByLabel("Action").fill("user.role_changed");
        await page.getByRole("button", { name: "Apply filters" }).click();
        const entry = page.getByRole("listitem").filter({ hasText: "user.role_changed" }).first();
        await entry.waitFor();
        await entry.getByText("Details").click();
        await entry.getByText(`Vetted on ${viewport}`).waitFor();
        await snap(page, `${viewport}-admin-02-audit-log`);

        // Money: open the user's wallet, credit it with a reason, and see the books still balance.
        await page.getByRole("link", { name: "Users" }).click();
        await page.getByLabel("Search").fill(target);
        await page
          .getByRole("listitem")
          .filter({ hasText: target })
          .getByRole("link", { name: "Wallet" })
          .click();
        await page.getByText("The books balance.").waitFor();
        await page.getByLabel("Amount (USD)").fill("5");
        await page.getByLabel("Reason", { exact: true }).fill("Welcome credit");
        await page.getByRole("button", { name: "Book adjustment" }).click();
        await page.getByText("Adjustment booked.").waitFor();
        await page.getByText("$5.00").first().waitFor();
        await snap(page, `${viewport}-admin-03-money`);

        const log = await page.evaluate(async () =>
          (await fetch("/api/v1/admin/audit-log?action=user.role_changed")).json(),
        );
        assert.ok(
          log.items.some(
            (item: { details: { email: string; to: string } }) =>
              item.details.email === target && item.details.to === "reader",
          ),
        );
      } catch (error) {
        for (const [index, open] of context.pages().entries()) {
          await snap(open, `${viewport}-admin-failure-${index}`).catch(() => {});
        }
        throw error;
      } finally {
        await context.close();
      }
    });
  });
}
