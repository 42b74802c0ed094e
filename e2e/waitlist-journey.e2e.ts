import { describe, it } from "node:test";
import { newContext, snap, type ViewportName } from "./support/browser.js";
import {
  clientOpensReader,
  journeySetup,
  readerGoesOnline,
  withScreenshotsOnFailure,
} from "./support/journey.js";

// The ring lasts 6 s here (60 s in production) so a missed request does not hold the journey up.
const journey = journeySetup({ SESSION_RING_MS: "6000", SESSION_BILLING_UNIT_MS: "6000" });

const PAIRS: Record<ViewportName, { client: string; clientName: string; reader: string; name: string }> = {
  desktop: {
    client: "jordan@soulseer.test",
    clientName: "Jordan Ellis",
    reader: "celeste@soulseer.test",
    name: "Celeste Navarro",
  },
  phone: {
    client: "maya@soulseer.test",
    clientName: "Maya Chen",
    reader: "rowan@soulseer.test",
    name: "Rowan Ashby",
  },
};

for (const viewport of ["desktop", "phone"] as ViewportName[]) {
  describe(`waitlist on ${viewport}`, () => {
    it("a missed request puts the client in line; when the reader is back they are offered first and start", async () => {
      const pair = PAIRS[viewport];
      const readerContext = await newContext(journey.browser, journey.baseUrl, viewport);
      const clientContext = await newContext(journey.browser, journey.baseUrl, viewport);
      await withScreenshotsOnFailure(clientContext, `${viewport}-waitlist-client`, async () => {
        await withScreenshotsOnFailure(readerContext, `${viewport}-waitlist-reader`, async () => {
          const reader = await readerContext.newPage();
          await readerGoesOnline(reader, pair.reader);
          const client = await clientContext.newPage();
          await clientOpensReader(client, pair.client, "$10.00", pair.name);
          await client.getByRole("button", { name: "Start chat reading" }).click();
          await client.getByText(`Calling ${pair.name}`).waitFor();

          // The reader's phone rings, but nobody answers: missed, and the reader is set away.
          await reader.getByRole("alertdialog", { name: "Chat request" }).waitFor();
          await client.getByText("did not answer", { exact: false }).waitFor({ timeout: 20_000 });
          await reader.locator("[data-status=away]").first().waitFor();

          // The client asks to be called back and is first in line.
          await client.getByRole("button", { name: `Ask ${pair.name} to call you back (chat)` }).click();
          await client.getByText(`You are number 1 in ${pair.name}'s line`).waitFor();
          await snap(client, `${viewport}-waitlist-01-joined`);

          // The reader sees who is waiting, then comes back online.
          const line = reader.getByRole("heading", { name: "Callback line" }).locator("..");
          await line.getByText(pair.clientName).waitFor();
          await snap(reader, `${viewport}-waitlist-02-reader-line`);
          await reader.getByRole("button", { name: "online", exact: true }).click();

          // The client is told at once (a live notice) and has a short window to start.
          await client.getByText(`${pair.name} is ready for you`).first().waitFor();
          await client.goto(`/readers?q=${encodeURIComponent(pair.name)}`);
          await client.getByRole("link", { name: pair.name }).click();
          await client.getByText("to keep your place").waitFor();
          await snap(client, `${viewport}-waitlist-03-offered`);
          await client.getByRole("button", { name: "Start chat reading" }).click();
          await client.getByText(`Calling ${pair.name}`).waitFor();

          // This time the reader answers.
          const ring = reader.getByRole("alertdialog", { name: "Chat request" });
          await ring.getByText(pair.clientName, { exact: false }).waitFor();
          await ring.getByRole("button", { name: "Accept" }).click();
          await client.getByText("You are both connected.").waitFor();
          await reader.getByText("You are both connected.").waitFor();
          client.once("dialog", (dialog) => void dialog.accept());
          await client.getByRole("button", { name: "End reading" }).click();
          await client.getByRole("heading", { name: "Summary" }).waitFor();
          await reader.goto("/reader");
          await reader.getByText("Nobody is waiting for you.").waitFor();
        });
      });
    });
  });
}
