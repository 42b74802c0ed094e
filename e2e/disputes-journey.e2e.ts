import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, snap } from "./support/browser.js";
import {
  DEMO_PASSWORD,
  journeySetup,
  signIn,
  signInAsDemoAdmin,
  topUpFromWallet,
  userIdOf,
  withScreenshotsOnFailure,
} from "./support/journey.js";

const journey = journeySetup();
const CLIENT = "maya@soulseer.test";

describe("card disputes", () => {
  it("a sandbox dispute freezes the client's wallet; the admin marks it lost and unfreezes the wallet", async () => {
    const clientContext = await newContext(journey.browser, journey.baseUrl, "phone");
    const adminContext = await newContext(journey.browser, journey.baseUrl, "desktop");
    await withScreenshotsOnFailure(adminContext, "disputes-admin", async () => {
      await withScreenshotsOnFailure(clientContext, "disputes-client", async () => {
        const client = await clientContext.newPage();
        await signIn(client, CLIENT, DEMO_PASSWORD, "/sign-in?next=/wallet");
        await client.waitForURL((url) => url.pathname === "/wallet");
        await topUpFromWallet(client, "$25.00");

        // The admin opens the client's wallet and has the sandbox's bank dispute the top-up.
        const admin = await adminContext.newPage();
        await signInAsDemoAdmin(admin, "/sign-in?next=/admin/disputes");
        await admin.waitForURL((url) => url.pathname === "/admin/disputes");
        await admin.getByText("No open disputes").waitFor();
        await snap(admin, "disputes-01-empty-queue");
        await admin.goto(`/admin/money?user=${await userIdOf(journey.databaseUrl, CLIENT)}`);
        await admin.getByRole("button", { name: "Sandbox: cardholder disputes" }).click();
        await admin.getByText("The sandbox opened a card dispute").waitFor();
        await admin.getByText("Frozen: a card dispute is open").waitFor();
        await admin.getByRole("link", { name: "disputes queue" }).click();
        await admin.waitForURL((url) => url.pathname === "/admin/disputes");
        const item = admin.getByRole("listitem").filter({ hasText: "Wallet frozen" });
        await item.getByText("$25.00").first().waitFor();
        await snap(admin, "disputes-02-open");

        // The client sees why nothing can be spent.
        await client.goto("/wallet");
        await client.getByText("Your wallet is frozen while a card dispute").waitFor();
        assert.equal(await client.getByTestId("wallet-balance").textContent(), "$0.00");
        assert.equal(
          await client.getByRole("button", { name: "Refund my balance to my card" }).isDisabled(),
          true,
        );
        await snap(client, "disputes-03-client-frozen");

        // The bank sided with the cardholder: lost, then the wallet is unfrozen after review.
        await item.getByRole("button", { name: /^Lost/ }).click();
        const lost = admin.getByRole("dialog", { name: /Mark lost/ });
        await lost.getByLabel("Reason (kept in the audit log)").fill("The bank sided with the cardholder");
        await snap(admin, "disputes-04-mark-lost");
        await lost.getByRole("button", { name: "Mark lost" }).click();
        await admin.getByText("No open disputes").waitFor();
        await admin.getByRole("button", { name: "Lost", exact: true }).click();
        const closed = admin.getByRole("listitem").filter({ hasText: "Platform loss" });
        await closed.getByText("Closed").first().waitFor();
        await closed.getByRole("button", { name: /Unfreeze wallet/ }).click();
        const unfreeze = admin.getByRole("dialog", { name: /Unfreeze the wallet/ });
        await unfreeze.getByLabel("Reason (kept in the audit log)").fill("Client called; card replaced");
        await unfreeze.getByRole("button", { name: "Unfreeze wallet" }).click();
        await closed.getByText("Wallet frozen").waitFor({ state: "detached" });
        await snap(admin, "disputes-05-lost-unfrozen");

        // The admin home: key figures by day, the dispute among them.
        await admin.getByRole("link", { name: "Admin", exact: true }).click();
        await admin.waitForURL((url) => url.pathname === "/admin/figures");
        await admin.getByRole("heading", { name: "Key figures" }).first().waitFor();
        await snap(admin, "disputes-06-admin-figures");
        await admin.getByRole("button", { name: "Month" }).click();
        await snap(admin, "disputes-07-admin-figures-month");

        await client.reload();
        await client.getByTestId("wallet-balance").waitFor();
        assert.equal(await client.getByText("Your wallet is frozen").count(), 0);
      });
    });

    // The same admin pages on a phone: nothing wider than the screen.
    const phoneContext = await newContext(journey.browser, journey.baseUrl, "phone");
    await withScreenshotsOnFailure(phoneContext, "disputes-phone", async () => {
      const phone = await phoneContext.newPage();
      await signInAsDemoAdmin(phone, "/sign-in?next=/admin/disputes%3Fstatus%3Dall");
      await phone.getByRole("heading", { name: "All disputes" }).waitFor();
      await snap(phone, "disputes-08-phone-queue");
      await phone.goto("/admin/figures");
      await phone.getByRole("heading", { name: "Money in" }).waitFor();
      await snap(phone, "disputes-09-phone-figures");
      for (const path of ["/admin/disputes?status=all", "/admin/figures"]) {
        await phone.goto(path);
        await phone.waitForLoadState("networkidle");
        const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the phone`);
      }
    });
  });
});
