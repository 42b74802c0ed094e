import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { TAROT_DECK } from "../server/src/demo/demo-reader-lines.js";
import { newContext, snap, type ViewportName } from "./support/browser.js";
import {
  DEMO_PASSWORD,
  journeySetup,
  settledAmount,
  signIn,
  withScreenshotsOnFailure,
} from "./support/journey.js";

// The demo as `npm start` gives it: history, portraits and the automatic readers. Portraits go to
// a folder of this journey's own rather than the checkout's .data/files.
const filesDir = mkdtempSync(path.join(os.tmpdir(), "soulseer-e2e-files-"));
after(() => rmSync(filesDir, { recursive: true, force: true }));
const journey = journeySetup({ DEMO_ACTIVITY: "true", FILES_DIR: filesDir });

const PAIRS: Record<ViewportName, { client: string; reader: string }> = {
  desktop: { client: "maya@soulseer.test", reader: "Nova (demo)" },
  phone: { client: "jordan@soulseer.test", reader: "Ember (demo)" },
};
const CARD = new RegExp(TAROT_DECK.map((card) => card.name).join("|"));

for (const viewport of ["desktop", "phone"] as ViewportName[]) {
  describe(`automatic demo reader on ${viewport}`, () => {
    it("a demo client with history starts a paid chat reading; the demo reader greets, answers and bills", async () => {
      const pair = PAIRS[viewport];
      const context = await newContext(journey.browser, journey.baseUrl, viewport);
      await withScreenshotsOnFailure(context, `${viewport}-demo-reader`, async () => {
        const page = await context.newPage();
        await signIn(page, pair.client, DEMO_PASSWORD, "/sign-in?next=/wallet");
        await page.waitForURL((url) => url.pathname === "/wallet");
        // Weeks of use: readings and top-ups, and money left for a reading.
        await page.getByText("Reserved", { exact: true }).first().waitFor();
        assert.notEqual(await page.getByTestId("wallet-balance").textContent(), "$0.00");
        await snap(page, `${viewport}-demo-01-wallet-history`);
        await page.getByLabel("Show").selectOption("top_up");
        await page.getByText("Top-up", { exact: true }).first().waitFor();
        await snap(page, `${viewport}-demo-01-wallet-top-ups`);

        await page.goto("/readers");
        await page.getByRole("link", { name: pair.reader }).waitFor();
        // Portraits drawn at seed time, served like any uploaded photo (all of them, for the picture).
        await page.getByRole("img", { name: pair.reader }).waitFor();
        await page.locator("img").evaluateAll((images) =>
          Promise.all(
            images.map((image) => {
              const element = image as unknown as { loading: string; decode(): Promise<void> };
              element.loading = "eager";
              return element.decode();
            }),
          ),
        );
        await snap(page, `${viewport}-demo-02-browse`);
        await page.getByRole("link", { name: pair.reader }).click();
        await page.getByLabel("Automatic demo reader").waitFor();
        await page.locator("[data-status=online]").first().waitFor({ timeout: 20_000 });
        await snap(page, `${viewport}-demo-03-reader-page`);

        await page.getByRole("button", { name: "Start chat reading" }).click();
        await page.waitForURL(/\/readings\//);
        await page.getByText("You are both connected.").waitFor({ timeout: 20_000 });
        const chat = page.getByRole("region", { name: "Chat" });
        await chat.getByText("an automatic demo reader").waitFor({ timeout: 15_000 });
        await page.getByLabel("Message", { exact: true }).fill("Will my new job work out?");
        await page.getByRole("button", { name: "Send" }).click();
        await chat.getByRole("listitem").filter({ hasText: CARD }).first().waitFor({ timeout: 20_000 });
        await snap(page, `${viewport}-demo-04-reading`);

        page.once("dialog", (dialog) => void dialog.accept());
        await page.getByRole("button", { name: "End reading" }).click();
        await page.getByRole("heading", { name: "Summary" }).waitFor();
        const paid = await settledAmount(page);
        assert.match(paid ?? "", /^\$\d+\.\d{2}$/);
        assert.notEqual(paid, "$0.00");
        await snap(page, `${viewport}-demo-05-summary`);
      });
    });
  });
}
