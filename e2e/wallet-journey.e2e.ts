import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, newContext, snap, type ViewportName } from "./support/browser.js";
import { type RunningPlatform, startPlatform } from "./support/platform.js";

const DEMO_PASSWORD = "SoulSeer-demo-2026";
const CLIENTS: Record<ViewportName, string> = {
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
  describe(`wallet on ${viewport}`, () => {
    it("tops up $25 through the sandbox checkout and sees the money and the history", async () => {
      const context = await newContext(browser, platform.baseUrl, viewport);
      try {
        const page = await context.newPage();
        await page.goto("/sign-in?next=/wallet");
        await page.getByLabel("Email").fill(CLIENTS[viewport]);
        await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL((url) => url.pathname === "/wallet");
        await page.getByTestId("wallet-balance").waitFor();
        assert.equal(await page.getByTestId("wallet-balance").textContent(), "$0.00");
        await page.getByText("No transactions yet").waitFor();
        await snap(page, `${viewport}-wallet-01-empty`);

        await page.getByRole("button", { name: "$25.00", exact: true }).click();
        await page.getByRole("button", { name: "Top up $25.00" }).click();
        await page.waitForURL(/\/sandbox\/checkout\/cs_sandbox_/);
        await page.getByText("No real card is charged").waitFor();
        await snap(page, `${viewport}-wallet-02-sandbox-checkout`);
        await page.getByRole("button", { name: "Pay $25.00" }).click();

        await page.waitForURL(/\/wallet\/top-ups\//);
        await page.getByText("Payment received").waitFor();
        await snap(page, `${viewport}-wallet-03-receipt`);

        await page.getByRole("link", { name: "Back to your wallet" }).click();
        await page.getByTestId("wallet-balance").filter({ hasText: "$25.00" }).waitFor();
        await page.getByText("+$25.00").waitFor();
        await snap(page, `${viewport}-wallet-04-topped-up`);

        // A declined card adds nothing.
        await page.getByRole("button", { name: "$10.00", exact: true }).click();
        await page.getByRole("button", { name: "Top up $10.00" }).click();
        await page.waitForURL(/\/sandbox\/checkout\//);
        await page.getByRole("button", { name: "Decline the card" }).click();
        await page.getByText("did not go through").waitFor();
        const wallet = await page.evaluate(async () => (await fetch("/api/v1/wallet")).json());
        assert.equal(wallet.balanceCents, 2_500);
      } catch (error) {
        for (const [index, open] of context.pages().entries()) {
          await snap(open, `${viewport}-wallet-failure-${index}`).catch(() => {});
        }
        throw error;
      } finally {
        await context.close();
      }
    });
  });
}
