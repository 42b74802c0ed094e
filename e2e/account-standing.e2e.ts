import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { newContext, snap } from "./support/browser.js";
import {
  DEMO_PASSWORD,
  journeySetup,
  signIn,
  signInAsDemoAdmin,
  withScreenshotsOnFailure,
} from "./support/journey.js";

const journey = journeySetup();
const TARGET = "ivy@soulseer.test";

describe("account standing", () => {
  it("an admin suspends a client with a reason, the client sees why, and the admin restores them", async () => {
    const adminContext = await newContext(journey.browser, journey.baseUrl, "desktop");
    const clientContext = await newContext(journey.browser, journey.baseUrl, "phone");
    await withScreenshotsOnFailure(clientContext, "standing-client", async () => {
      await withScreenshotsOnFailure(adminContext, "standing-admin", async () => {
        const admin = await adminContext.newPage();
        await signInAsDemoAdmin(admin, "/sign-in?next=/admin/users");
        await admin.waitForURL((url) => url.pathname === "/admin/users");
        await admin.getByLabel("Search").fill("Ivy Rivera");
        const row = admin.getByRole("listitem").filter({ hasText: TARGET });
        await row.waitFor();
        await row.getByRole("button", { name: "Suspend Ivy Rivera" }).click();
        const dialog = admin.getByRole("dialog", { name: "Suspend Ivy Rivera?" });
        await dialog.waitFor();
        // The reason is required: the button waits for one.
        assert.equal(await dialog.getByRole("button", { name: "Suspend account" }).isDisabled(), true);
        await dialog.getByLabel(/Reason/).fill("Chargebacks under review");
        await snap(admin, "desktop-standing-01-suspend-dialog");
        await dialog.getByRole("button", { name: "Suspend account" }).click();
        await dialog.waitFor({ state: "hidden" });
        await row.getByText("suspended", { exact: true }).waitFor();
        await row.getByText("Reason: Chargebacks under review").waitFor();
        await snap(admin, "desktop-standing-02-users");

        const client = await clientContext.newPage();
        await signIn(client, TARGET, DEMO_PASSWORD);
        const banner = client.getByRole("alert").filter({ hasText: "Your account is suspended" });
        await banner.waitFor();
        await banner.getByText("Chargebacks under review").waitFor();
        await snap(client, "phone-standing-03-banner");
        const wallet = await client.evaluate(async () => (await fetch("/api/v1/wallet")).status);
        assert.equal(wallet, 200);

        await admin.getByLabel("Standing").selectOption("suspended");
        await row.getByRole("button", { name: "Restore Ivy Rivera" }).click();
        const restore = admin.getByRole("dialog", { name: "Restore Ivy Rivera?" });
        await restore.getByLabel(/Reason/).fill("Cleared by the payments team");
        await restore.getByRole("button", { name: "Restore account" }).click();
        await restore.waitFor({ state: "hidden" });
        await admin.getByText("No users match.").waitFor();

        // The standing changed: the client's live socket closes and the page reloads without the banner.
        await client.getByText("Your account is suspended").waitFor({ state: "detached" });
        await client.getByRole("link", { name: "SoulSeer home" }).waitFor();
        await snap(client, "phone-standing-04-restored");
      });
    });
  });
});
