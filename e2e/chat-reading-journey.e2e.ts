import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, snap, type ViewportName } from "./support/browser.js";
import {
  clientOpensReader,
  journeySetup,
  readerGoesOnline,
  settledAmount,
  withScreenshotsOnFailure,
} from "./support/journey.js";

// A "minute" of billing lasts 6 s here, so the whole reading (warnings, running out, top-up) fits
// in well under a minute; the rates and the rules are the real ones.
const UNIT_MS = 6_000;
const journey = journeySetup({ SESSION_BILLING_UNIT_MS: String(UNIT_MS), SESSION_GRACE_MS: "60000" });

const CLIENTS: Record<ViewportName, string> = { phone: "maya@soulseer.test", desktop: "ivy@soulseer.test" };
// $10 buys 5 minutes of Luna's chat ($1.99) and 3 of Orion's ($2.99).
const READERS: Record<ViewportName, { email: string; name: string; minutes: number }> = {
  phone: { email: "orion@soulseer.test", name: "Orion Blackwood", minutes: 3 },
  desktop: { email: "luna@soulseer.test", name: "Luna Marisol", minutes: 5 },
};

for (const viewport of ["desktop", "phone"] as ViewportName[]) {
  describe(`chat reading on ${viewport}`, () => {
    it("requests, is accepted, chats, runs low, tops up without leaving, ends, reviews and gets a reply", async () => {
      const readerAccount = READERS[viewport];
      const readerContext = await newContext(journey.browser, journey.baseUrl, viewport);
      const clientContext = await newContext(journey.browser, journey.baseUrl, viewport);
      await withScreenshotsOnFailure(clientContext, `${viewport}-chat-client`, async () => {
        await withScreenshotsOnFailure(readerContext, `${viewport}-chat-reader`, async () => {
          // The reader goes online and waits on their dashboard.
          const reader = await readerContext.newPage();
          await readerGoesOnline(reader, readerAccount.email);

          // The client adds $10 (5 "minutes" of chat at $1.99) and starts a chat reading.
          const client = await clientContext.newPage();
          await clientOpensReader(client, CLIENTS[viewport], "$10.00", readerAccount.name);
          await client.getByText(`Your balance buys ${readerAccount.minutes} minutes`).waitFor();
          await snap(client, `${viewport}-chat-01-reader-page`);
          await client.getByRole("button", { name: "Start chat reading" }).click();
          await client.waitForURL(/\/readings\//);
          await client.getByText(`Calling ${readerAccount.name}`).waitFor();

          // The reader's phone rings wherever they are; they accept.
          const ring = reader.getByRole("alertdialog", { name: "Chat request" });
          await ring.waitFor();
          await snap(reader, `${viewport}-chat-02-ringing`);
          await ring.getByRole("button", { name: "Accept" }).click();
          await reader.waitForURL(/\/readings\//);

          // Both are in the room: the meter runs and they chat.
          await client.getByText("You are both connected.").waitFor();
          await reader.getByText("You are both connected.").waitFor();
          await client.getByLabel("Message", { exact: true }).fill("Hello, will my new job work out?");
          await client.getByRole("button", { name: "Send" }).click();
          await reader.getByText("will my new job work out?").waitFor();
          await reader
            .getByLabel("Message", { exact: true })
            .fill("The Ace of Pentacles says yes: a solid, practical start.");
          await reader.getByLabel("Message", { exact: true }).press("Enter");
          await client.getByText("a solid, practical start").waitFor();
          await client.getByText("✓✓").first().waitFor();

          // Words of crisis: calm support lines for the client (closed here), a note for the reader.
          await client.getByLabel("Message", { exact: true }).fill("Some nights I want to end my life.");
          await client.getByLabel("Message", { exact: true }).press("Enter");
          const support = client.getByRole("region", { name: "Support is available" });
          await support.waitFor();
          await reader.getByText("This client's message suggests").waitFor();
          await support.getByRole("button", { name: "Close support lines" }).click();
          await support.waitFor({ state: "detached" });

          // Low balance: a warning, then a pause (not billed) when the money runs out.
          await client
            .getByRole("alert")
            .filter({ hasText: /minutes? left/ })
            .first()
            .waitFor({ timeout: 20_000 });
          await snap(client, `${viewport}-chat-03-low-balance`);
          await client.getByText("Paused: your balance ran out").waitFor({ timeout: 45_000 });
          await snap(client, `${viewport}-chat-04-paused`);

          // One tap opens the sandbox checkout in another tab; the room stays open and resumes.
          const [checkout] = await Promise.all([
            clientContext.waitForEvent("page"),
            client.getByRole("button", { name: /^Add \$25\.00/ }).click(),
          ]);
          await checkout.getByRole("button", { name: "Pay $25.00" }).click();
          await checkout.getByText("Payment received").waitFor();
          await checkout.close();
          await client.getByText("You are both connected.").waitFor({ timeout: 20_000 });
          await snap(client, `${viewport}-chat-05-resumed`);

          // The client ends it; both see the summary.
          client.once("dialog", (dialog) => void dialog.accept());
          await client.getByRole("button", { name: "End reading" }).click();
          await client.getByRole("heading", { name: "Summary" }).waitFor();
          await reader.getByRole("heading", { name: "Summary" }).waitFor();
          const paid = await settledAmount(client);
          assert.match(paid ?? "", /^\$\d+\.\d{2}$/);
          assert.notEqual(paid, "$0.00");
          await reader.getByText("Your share").waitFor();
          await snap(reader, `${viewport}-chat-06-reader-summary`);

          // The client reviews; the reader replies once.
          // The fifth star (its label wraps the radio button).
          await client
            .locator("label")
            .filter({ has: client.getByRole("radio", { name: "5 stars" }) })
            .click();
          assert.equal(await client.getByRole("radio", { name: "5 stars" }).isChecked(), true);
          await client
            .getByLabel("What was it like? (optional)")
            .fill("Warm, clear and practical. Thank you!");
          await client.getByRole("button", { name: "Post review" }).click();
          await client.getByText("Warm, clear and practical.").first().waitFor();
          await snap(client, `${viewport}-chat-07-reviewed`);
          await reader.reload();
          await reader.getByText("Warm, clear and practical.").first().waitFor();
          // After a reload the reader still sees the note under the client's words; the client's
          // closed support lines stay closed in that tab, and a new tab shows them again.
          await reader.getByText("This client's message suggests").waitFor();
          await client.reload();
          await client.getByText("Some nights I want to end my life.").waitFor();
          assert.equal(await client.getByRole("region", { name: "Support is available" }).count(), 0);
          const again = await clientContext.newPage();
          await again.goto(client.url());
          await again.getByRole("region", { name: "Support is available" }).waitFor();
          await snap(again, `${viewport}-chat-07b-support-lines-again`);
          await again.close();
          await reader.getByRole("button", { name: "Reply to this review" }).click();
          await reader.getByLabel(/Your reply/).fill("Thank you for trusting me with this!");
          await reader.getByRole("button", { name: "Post reply" }).click();
          await reader.getByText("Thank you for trusting me with this!").first().waitFor();
          await snap(reader, `${viewport}-chat-08-replied`);

          // The reader's earnings show the share at once.
          await reader.goto("/reader/earnings");
          const today = reader.getByTestId("earnings-Today");
          await today.waitFor();
          assert.notEqual(await today.textContent(), "$0.00");
          await reader
            .getByRole("table")
            .getByText(/\$\d+\.\d{2}/)
            .first()
            .waitFor();
          await snap(reader, `${viewport}-chat-09-earnings`);
        });
      });
    });
  });
}
