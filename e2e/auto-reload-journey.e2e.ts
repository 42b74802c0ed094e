import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, snap } from "./support/browser.js";
import {
  clientOpensReader,
  journeySetup,
  readerGoesOnline,
  withScreenshotsOnFailure,
} from "./support/journey.js";

// A "minute" lasts 3 s, so a $10.00 balance at $1.99 runs low within seconds; the rules are the real ones.
const journey = journeySetup({ SESSION_BILLING_UNIT_MS: "3000", SESSION_GRACE_MS: "60000" });

const READER = { email: "luna@soulseer.test", name: "Luna Marisol" };
const CLIENT = "maya@soulseer.test";

describe("auto-reload", () => {
  it("a client with auto-reload on runs low in a reading and it tops up without a pause", async () => {
    const readerContext = await newContext(journey.browser, journey.baseUrl, "desktop");
    const clientContext = await newContext(journey.browser, journey.baseUrl, "phone");
    await withScreenshotsOnFailure(clientContext, "auto-reload-client", async () => {
      await withScreenshotsOnFailure(readerContext, "auto-reload-reader", async () => {
        const client = await clientContext.newPage();
        await clientOpensReader(client, CLIENT, "$10.00", READER.name);

        // The client saves a (sandbox) card and turns auto-reload on: $10.00 each time.
        await client.goto("/wallet");
        await client.getByRole("button", { name: "Save a card" }).click();
        await client.waitForURL(/\/sandbox\/save-card\/cs_sandbox_/);
        await client.getByText("No real card is saved or charged").waitFor();
        await snap(client, "auto-reload-01-sandbox-save-card");
        await client.getByRole("button", { name: "Save a card that pays" }).click();
        await client.waitForURL((url) => url.pathname === "/wallet");
        await client.getByTestId("saved-card").filter({ hasText: "4242" }).waitFor();
        await client.getByLabel("Turn on auto-reload").check();
        await client.getByLabel("Add each time").selectOption({ label: "$10.00" });
        // A floor that is not an amount is refused on the page, not sent as "no floor".
        const floor = client.getByLabel("Also outside readings, below (USD, optional)");
        await floor.fill("abc");
        await client.getByRole("button", { name: "Save auto-reload" }).click();
        await client.getByText("Enter an amount from $1.00 to $500.00").waitFor();
        await floor.fill("");
        await client.getByRole("button", { name: "Save auto-reload" }).click();
        await client.getByText("Auto-reload is on.").waitFor();
        await snap(client, "auto-reload-02-wallet-settings");

        // A chat reading at $1.99 a "minute": $10.00 lasts 5 of them without auto-reload.
        const reader = await readerContext.newPage();
        await readerGoesOnline(reader, READER.email);
        await client.goto(`/readers?q=${encodeURIComponent(READER.name)}`);
        await client.getByRole("link", { name: READER.name }).click();
        await client.getByRole("button", { name: "Start chat reading" }).click();
        await client.waitForURL(/\/readings\//);
        await reader
          .getByRole("alertdialog", { name: "Chat request" })
          .getByRole("button", { name: "Accept" })
          .click();
        await client.getByText("You are both connected.").waitFor();

        // For 8 "minutes" the reading never pauses: the card adds $10.00 when 2 minutes are left.
        const status = client.locator("[role=status][data-state]");
        const states = new Set<string>();
        const until = Date.now() + 24_000;
        while (Date.now() < until) {
          states.add((await status.getAttribute("data-state")) ?? "");
          await client.waitForTimeout(400);
        }
        assert.deepEqual([...states], ["active"]);
        await client.getByText("Auto-reload added $10.00 to your wallet.").waitFor();
        await snap(client, "auto-reload-03-reading-reloaded");
        const wallet = await client.evaluate(async () => (await fetch("/api/v1/wallet")).json());
        assert.ok(wallet.balanceCents > 0, `balance ${wallet.balanceCents}`);
        const reloads = await client.evaluate(async () => (await fetch("/api/v1/wallet/auto-reload")).json());
        assert.equal(reloads.last.status, "succeeded");

        client.once("dialog", (dialog) => void dialog.accept());
        await client.getByRole("button", { name: "End reading" }).click();
        await client.getByRole("heading", { name: "Summary" }).waitFor();
      });
    });
  });
});
