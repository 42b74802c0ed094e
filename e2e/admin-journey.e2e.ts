import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, snap, type ViewportName } from "./support/browser.js";
import { journeySetup, signInAsDemoAdmin, withScreenshotsOnFailure } from "./support/journey.js";

const TARGETS: Record<ViewportName, string> = {
  phone: "maya@soulseer.test",
  desktop: "jordan@soulseer.test",
};

const journey = journeySetup();

for (const viewport of ["phone", "desktop"] as ViewportName[]) {
  describe(`admin on ${viewport}`, () => {
    it("changes a user's role and finds the change in the audit log", async () => {
      const context = await newContext(journey.browser, journey.baseUrl, viewport);
      await withScreenshotsOnFailure(context, `${viewport}-admin`, async () => {
        const page = await context.newPage();
        await signInAsDemoAdmin(page, "/sign-in?next=/admin/users");
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
      });
    });
  });
}
