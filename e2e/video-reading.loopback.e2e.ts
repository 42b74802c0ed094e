import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { newContext, snap } from "./support/browser.js";
import {
  clientOpensReader,
  journeySetup,
  readerGoesOnline,
  withScreenshotsOnFailure,
} from "./support/journey.js";

// Runs inside `unshare -n` (see e2e/run.ts): loopback is the only network, and Chromium's fake
// camera and microphone stand in for real devices.
const journey = journeySetup({ SESSION_BILLING_UNIT_MS: "5000" }, [
  "--allow-loopback-in-peer-connection",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
]);

/** True once a <video> shows frames (the fake camera draws a moving pattern). */
async function playing(page: Page, testId: string) {
  await page.waitForFunction(
    (id) => {
      const video = document.querySelector<HTMLVideoElement>(`[data-testid="${id}"]`);
      return Boolean(video && video.readyState >= 2 && video.videoWidth > 0 && video.currentTime > 0);
    },
    testId,
    { timeout: 30_000 },
  );
}

describe("video reading on desktop", () => {
  it("connects both sides peer-to-peer over loopback, each seeing the other's camera", async () => {
    const readerContext = await newContext(journey.browser, journey.baseUrl, "desktop");
    const clientContext = await newContext(journey.browser, journey.baseUrl, "desktop");
    await withScreenshotsOnFailure(clientContext, "desktop-video-client", async () => {
      await withScreenshotsOnFailure(readerContext, "desktop-video-reader", async () => {
        const reader = await readerContext.newPage();
        await readerGoesOnline(reader, "luna@soulseer.test");
        const client = await clientContext.newPage();
        await clientOpensReader(client, "ivy@soulseer.test", "$25.00", "Luna Marisol");
        await client.getByRole("button", { name: "Start video reading" }).click();
        await reader
          .getByRole("alertdialog", { name: "Video request" })
          .getByRole("button", { name: "Accept" })
          .click();

        await client.getByText("You are both connected.").waitFor();
        await playing(client, "local-media");
        await playing(client, "remote-media");
        await playing(reader, "remote-media");
        await client.getByText("Call connected.").waitFor();
        await reader.getByText("Call connected.").waitFor();
        await snap(client, "desktop-video-01-client");
        await snap(reader, "desktop-video-02-reader");

        client.once("dialog", (dialog) => void dialog.accept());
        await client.getByRole("button", { name: "End reading" }).click();
        await client.getByRole("heading", { name: "Summary" }).waitFor();
        // The call stops with the reading.
        assert.equal(await client.getByTestId("remote-media").count(), 0);
        await snap(client, "desktop-video-03-summary");
      });
    });
  });
});
