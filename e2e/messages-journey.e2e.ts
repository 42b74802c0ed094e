import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { newContext, snap, type ViewportName } from "./support/browser.js";
import {
  DEMO_PASSWORD,
  journeySetup,
  signIn,
  signInAsDemoAdmin,
  topUpFromWallet,
  withScreenshotsOnFailure,
} from "./support/journey.js";

const journey = journeySetup();

/** Each viewport has its own client and reader, so the two runs never share a conversation. */
const PAIRS: Record<
  ViewportName,
  { client: string; clientName: string; reader: string; readerName: string }
> = {
  desktop: {
    client: "ivy@soulseer.test",
    clientName: "Ivy",
    reader: "orion@soulseer.test",
    readerName: "Orion Blackwood",
  },
  phone: {
    client: "maya@soulseer.test",
    clientName: "Maya",
    reader: "amara@soulseer.test",
    readerName: "Amara Okafor",
  },
};
const LIVE_MS = 15_000;
const PRICE_CENTS = 250;
/** READER_SHARE_BASIS_POINTS' default: the reader gets 70 % of a paid reply. */
const READER_SHARE_CENTS = 175;

const thread = (page: Page) => page.getByRole("list", { name: /^Messages with/ });
const composer = (page: Page) => page.getByRole("textbox", { name: "Message" });
const walletCents = async (page: Page) =>
  ((await (await page.request.get("/api/v1/wallet")).json()) as { balanceCents: number }).balanceCents;
const earningsCents = async (page: Page) =>
  ((await (await page.request.get("/api/v1/readers/me/earnings")).json()) as { payableCents: number })
    .payableCents;

/** Waits (bounded) until `read` gives `expected`; returns what it last read. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = LIVE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

/** The header's envelope and bell say how many are unread (their accessible names). */
const messagesBadge = (page: Page, unread: number) =>
  page.getByRole("link", { name: unread > 0 ? `Messages, ${unread} unread` : "Messages", exact: true });
const bell = (page: Page, unread: number) =>
  page.getByRole("button", {
    name: unread > 0 ? `Notifications, ${unread} unread` : "Notifications",
    exact: true,
  });

describe("messages between a client and a reader", () => {
  for (const viewport of ["desktop", "phone"] as const) {
    it(`writes, answers free and paid, unlocks once, and shows crisis lines (${viewport})`, async () => {
      const pair = PAIRS[viewport];
      const clientContext = await newContext(journey.browser, journey.baseUrl, viewport);
      const readerContext = await newContext(journey.browser, journey.baseUrl, viewport);
      await withScreenshotsOnFailure(readerContext, `messages-${viewport}-reader`, () =>
        withScreenshotsOnFailure(clientContext, `messages-${viewport}-client`, async () => {
          const client = await clientContext.newPage();
          const reader = await readerContext.newPage();
          const shot = (page: Page, name: string) => snap(page, `messages-${viewport}-${name}`);

          // The client funds the wallet, finds the reader and presses Message.
          await signIn(client, pair.client, DEMO_PASSWORD, "/sign-in?next=/wallet");
          await client.waitForURL((url) => url.pathname === "/wallet");
          await topUpFromWallet(client, "$100.00");
          await signIn(reader, pair.reader, DEMO_PASSWORD, "/sign-in?next=/messages");
          await reader.waitForURL((url) => url.pathname === "/messages");
          await messagesBadge(reader, 0).waitFor();

          await client.goto(`/readers?q=${encodeURIComponent(pair.readerName)}`);
          await client.getByRole("link", { name: pair.readerName }).click();
          await client.getByRole("button", { name: `Message ${pair.readerName}` }).click();
          await client.waitForURL(/\/messages\/[0-9a-f-]+$/);
          const conversationPath = new URL(client.url()).pathname;
          await composer(client).fill("Hello! Will the house move go well this spring?");
          await composer(client).press("Enter");
          await thread(client).getByText("Will the house move go well").waitFor();
          await shot(client, "01-client-wrote");

          // The reader's envelope and bell light up without a reload, and clear once it is read.
          await messagesBadge(reader, 1).waitFor({ timeout: LIVE_MS });
          await bell(reader, 1).waitFor({ timeout: LIVE_MS });
          await shot(reader, "02-reader-badges");
          await messagesBadge(reader, 1).click();
          await reader
            .getByRole("link", { name: new RegExp(pair.clientName) })
            .first()
            .click();
          await thread(reader).getByText("Will the house move go well").waitFor();
          await messagesBadge(reader, 0).waitFor({ timeout: LIVE_MS });
          await bell(reader, 0).waitFor({ timeout: LIVE_MS });
          await reader.reload();
          await thread(reader).getByText("Will the house move go well").waitFor();
          await messagesBadge(reader, 0).waitFor();
          // The client sees it was read.
          await thread(client).getByText("Seen").waitFor({ timeout: LIVE_MS });

          // A free answer reaches the client elsewhere on the site: badges appear, then clear.
          await client.goto("/wallet");
          await messagesBadge(client, 0).waitFor();
          await composer(reader).fill("Yes: the Six of Wands says the move brings a fresh start.");
          await reader.getByRole("button", { name: "Send", exact: true }).click();
          await messagesBadge(client, 1).waitFor({ timeout: LIVE_MS });
          await bell(client, 1).waitFor({ timeout: LIVE_MS });
          await shot(client, "03-client-badges");
          await messagesBadge(client, 1).click();
          await client
            .getByRole("link", { name: new RegExp(pair.readerName) })
            .first()
            .click();
          await thread(client).getByText("the move brings a fresh start").waitFor();
          await messagesBadge(client, 0).waitFor({ timeout: LIVE_MS });
          await bell(client, 0).waitFor({ timeout: LIVE_MS });

          // A paid reply: locked with its price and preview until the client pays, once.
          const walletBefore = await walletCents(client);
          const earningsBefore = await earningsCents(reader);
          await reader.getByText("Paid", { exact: true }).click();
          await reader.getByLabel("Price (USD)").fill("2.50");
          await reader.getByLabel("Preview (optional)").fill("A second card, about the new neighbours…");
          await composer(reader).fill(
            "A second card, about the new neighbours: the Three of Cups, friendship.",
          );
          await reader.getByRole("button", { name: "Send paid reply" }).click();
          await thread(reader)
            .getByText(/Paid · locked · \$2\.50/)
            .waitFor({ timeout: LIVE_MS });
          const unlock = client.getByRole("button", { name: "Unlock for $2.50" });
          await unlock.waitFor({ timeout: LIVE_MS });
          await thread(client).getByText("A second card, about the new neighbours…").waitFor();
          assert.equal(await thread(client).getByText("the Three of Cups, friendship").count(), 0);
          await shot(client, "04-client-locked");
          await unlock.click();
          await thread(client).getByText("the Three of Cups, friendship").waitFor({ timeout: LIVE_MS });
          await thread(reader)
            .getByText(/Paid · unlocked · \$2\.50/)
            .waitFor({ timeout: LIVE_MS });
          await shot(client, "05-client-unlocked");
          assert.equal(await walletCents(client), walletBefore - PRICE_CENTS);
          assert.equal(
            await eventually(() => earningsCents(reader), earningsBefore + READER_SHARE_CENTS),
            earningsBefore + READER_SHARE_CENTS,
          );

          // Words of crisis: the client sees calm support lines and can close them; the reader a note.
          await composer(client).fill("Some nights I want to end my life.");
          await composer(client).press("Enter");
          const panel = client.getByRole("region", { name: "Support is available" });
          await panel.waitFor({ timeout: LIVE_MS });
          await panel.getByRole("heading", { name: "You are not alone" }).waitFor();
          await shot(client, "06-client-crisis-panel");
          await thread(reader).getByText("This client's message suggests").waitFor({ timeout: LIVE_MS });
          await shot(reader, "07-reader-crisis-note");
          await panel.getByRole("button", { name: "Close support lines" }).click();
          await panel.waitFor({ state: "detached" });
          await client.goto(conversationPath);
          await thread(client).getByText("Some nights I want to end my life.").waitFor();
          assert.equal(await client.getByRole("region", { name: "Support is available" }).count(), 0);
          await shot(client, "08-client-crisis-closed");

          // The client reports the conversation; an admin opens the report by its address (the
          // summary, without reading the conversation) and reads the conversation on request.
          await client.getByRole("button", { name: /^More actions for the conversation with/ }).click();
          await client.getByRole("button", { name: "Report conversation" }).click();
          await client.getByLabel("What happened?").fill(`Asked me to pay outside (${viewport})`);
          await client.getByRole("button", { name: "Send report" }).click();
          await client.getByText("Thank you. Our team will read the conversation").waitFor();
          await client.getByRole("button", { name: "Done" }).click();
          await client.getByRole("dialog").waitFor({ state: "detached" });
          const adminContext = await newContext(journey.browser, journey.baseUrl, viewport);
          await withScreenshotsOnFailure(adminContext, `${viewport}-messages-admin`, async () => {
            const admin = await adminContext.newPage();
            await signInAsDemoAdmin(admin, "/sign-in?next=/admin/reports");
            await admin.getByText(`Asked me to pay outside (${viewport})`).waitFor();
            await admin
              .getByRole("listitem")
              .filter({ hasText: `Asked me to pay outside (${viewport})` })
              .getByRole("link", { name: /^Review/ })
              .click();
            await admin.waitForURL(/\/admin\/reports\/[0-9a-f-]+$/);
            await admin.reload();
            await admin.getByRole("heading", { name: "What was reported" }).waitFor();
            await admin.getByText(`Asked me to pay outside (${viewport})`).waitFor();
            await shot(admin, "09-admin-report");
          });
        }),
      );
    });
  }
});
