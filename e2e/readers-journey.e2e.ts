import { describe, it } from "node:test";
import { newContext, snap, type ViewportName } from "./support/browser.js";
import {
  DEMO_PASSWORD,
  journeySetup,
  liveSubscribed,
  signIn,
  signInAsDemoAdmin,
  withScreenshotsOnFailure,
} from "./support/journey.js";

const journey = journeySetup();
const APPLICANTS: Record<ViewportName, { email: string; name: string }> = {
  phone: { email: "maya@soulseer.test", name: "Maya Starling" },
  desktop: { email: "jordan@soulseer.test", name: "Jordan Moonwell" },
};
// A client who stays a client in both runs (the applicants become readers).
const CLIENT_EMAIL = "ivy@soulseer.test";

for (const viewport of ["phone", "desktop"] as ViewportName[]) {
  describe(`readers on ${viewport}`, () => {
    it("applies, is approved, sets rates, goes online live in a client's list, and is starred", async () => {
      const applicant = APPLICANTS[viewport];
      const readerContext = await newContext(journey.browser, journey.baseUrl, viewport);
      const adminContext = await newContext(journey.browser, journey.baseUrl, viewport);
      const clientContext = await newContext(journey.browser, journey.baseUrl, viewport);
      await withScreenshotsOnFailure(readerContext, `${viewport}-readers`, async () => {
        const page = await readerContext.newPage();
        await signIn(page, applicant.email, DEMO_PASSWORD, "/sign-in?next=/become-a-reader");
        await page.waitForURL((url) => url.pathname === "/become-a-reader");
        await page.getByLabel("Reader name").fill(applicant.name);
        await page.getByLabel("Headline").fill("Intuitive tarot for clarity and calm");
        await page
          .getByLabel("About your practice")
          .fill(
            "I have read tarot for friends and clients for eight years and love helping people find their next step.",
          );
        await page.getByLabel("Tarot", { exact: true }).check();
        await page.getByLabel("Dreams", { exact: true }).check();
        await page
          .getByLabel(/Sample answer/)
          .fill(
            "The Eight of Pentacles says your steady work is about to pay off, and the Chariot asks you to move with intent: send the applications you have been holding back before spring.",
          );
        await snap(page, `${viewport}-readers-01-apply`);
        await page.getByRole("button", { name: "Send application" }).click();
        await page.getByText("pending").first().waitFor();

        const admin = await adminContext.newPage();
        await signInAsDemoAdmin(admin, "/sign-in?next=/admin/applications");
        await admin.waitForURL((url) => url.pathname === "/admin/applications");
        const item = admin.getByRole("listitem").filter({ hasText: applicant.name });
        await item.waitFor();
        await snap(admin, `${viewport}-readers-02-queue`);
        await item.getByRole("button", { name: "Approve" }).click();
        await admin.getByText("No applications waiting.").waitFor();
        await adminContext.close();

        // Roles are read per request: the applicant is a reader on their next page.
        await page.goto("/reader");
        await page.getByRole("heading", { name: "Reader dashboard" }).waitFor();
        await page.getByLabel("Chat (USD/min)").fill("2.49");
        await page.getByLabel("Video (USD/min)").fill("3.99");
        await page.getByRole("button", { name: "Save rates" }).click();
        await page.getByText("Rates saved.").waitFor();

        // The client watches the list while the reader is still offline.
        const client = await clientContext.newPage();
        await signIn(
          client,
          CLIENT_EMAIL,
          DEMO_PASSWORD,
          `/sign-in?next=${encodeURIComponent(`/readers?q=${applicant.name}`)}`,
        );
        await client.waitForURL((url) => url.pathname === "/readers");
        const card = client.getByRole("listitem").filter({ hasText: applicant.name });
        await card.locator("[data-status=offline]").waitFor();

        // The reader goes online; the client's list changes without a reload.
        await page.getByRole("button", { name: "online", exact: true }).click();
        await page.locator("[data-status=online]").first().waitFor();
        await snap(page, `${viewport}-readers-03-dashboard`);
        const navigations: string[] = [];
        client.on("framenavigated", (frame) => {
          if (frame === client.mainFrame()) navigations.push(frame.url());
        });
        await card.locator("[data-status=online]").waitFor();
        if (navigations.length > 0) throw new Error(`the list reloaded: ${navigations.join(", ")}`);
        await snap(client, `${viewport}-readers-04-browse-live`);

        // The client opens the reader, sees the rate, and stars them with a notice when online.
        await card.getByRole("link", { name: applicant.name }).click();
        await client.getByText("$2.49/min").waitFor();
        // With an empty wallet the start button is a way to add funds instead.
        await client.getByRole("link", { name: "Add funds to start a chat reading" }).waitFor();
        await client.getByRole("button", { name: "☆ Add to favorites" }).click();
        await client.getByRole("button", { name: `★ ${applicant.name} is a favorite` }).waitFor();
        await client
          .getByLabel(`Tell me when ${applicant.name} comes online (in the app and by email)`)
          .check();
        await snap(client, `${viewport}-readers-05-profile`);

        // The reader steps away: the favorites page shows it live.
        const favoriteWatched = liveSubscribed(client, "reader:");
        await client.goto("/favorites");
        const favorite = client.getByRole("listitem").filter({ hasText: applicant.name });
        await favorite.locator("[data-status=online]").waitFor();
        await favoriteWatched;
        await page.getByRole("button", { name: "away", exact: true }).click();
        await favorite.locator("[data-status=away]").waitFor();
        await snap(client, `${viewport}-readers-06-favorites`);

        // Back online: the client asked to be told, so the bell lights up without a reload.
        await page.getByRole("button", { name: "online", exact: true }).click();
        await favorite.locator("[data-status=online]").waitFor();
        const bell = client.getByRole("button", { name: "Notifications, 1 unread" });
        await bell.click();
        await client
          .getByRole("region", { name: "Notifications" })
          .getByRole("link", { name: `${applicant.name} is online` })
          .waitFor();
        await snap(client, `${viewport}-readers-07-notified`);
        await client.getByRole("button", { name: "Mark all read" }).click();
        await client.getByRole("button", { name: "Notifications", exact: true }).waitFor();
      });
      await clientContext.close();
    });
  });
}
