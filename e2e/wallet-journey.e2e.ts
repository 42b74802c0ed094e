import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, snap, type ViewportName } from "./support/browser.js";
import { DEMO_PASSWORD, journeySetup, signIn, withScreenshotsOnFailure } from "./support/journey.js";

const CLIENTS: Record<ViewportName, string> = {
  phone: "maya@soulseer.test",
  desktop: "jordan@soulseer.test",
};

const journey = journeySetup();

for (const viewport of ["phone", "desktop"] as ViewportName[]) {
  describe(`wallet on ${viewport}`, () => {
    it("tops up $25 through the sandbox checkout and sees the money and the history", async () => {
      const context = await newContext(journey.browser, journey.baseUrl, viewport);
      await withScreenshotsOnFailure(context, `${viewport}-wallet`, async () => {
        const page = await context.newPage();
        await signIn(page, CLIENTS[viewport], DEMO_PASSWORD, "/sign-in?next=/wallet");
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
      });
    });
  });
}
