import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { newContext, snap, type ViewportName } from "./support/browser.js";
import { glassToGlassMs, installClockCamera } from "./support/clock-camera.js";
import {
  DEMO_PASSWORD,
  journeySetup,
  signIn,
  signInAsDemoAdmin,
  topUpFromWallet,
  withScreenshotsOnFailure,
} from "./support/journey.js";
import { type RunningPlatform, startSecondNode } from "./support/platform.js";

// Live streams in a real browser, on two app nodes of one deployment, inside `unshare -n` (see
// e2e/run.ts): the reader goes live from the studio with a camera that draws the time into its
// picture; viewers on node A and on node B see moving video through the app's own relay (B is fed
// from A over the internal relay socket), chat, send a gift and see its animation and the board
// change; a premium stream asks for the ticket first. The desktop run also measures a viewer who
// joins 60 s late through node B: moving video within 5 s, and the glass-to-glass delay.
const journey = journeySetup({}, [
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  "--autoplay-policy=no-user-gesture-required",
]);
let nodeB: Omit<RunningPlatform, "dataRoot"> | undefined;
/** Node B, started once the journey's platform (node A) is up. */
const secondNode = async () => {
  nodeB ??= await startSecondNode(journey.platform);
  return nodeB;
};
after(async () => {
  await nodeB?.stop();
});

const PEOPLE: Record<ViewportName, { reader: string; first: string; second: string }> = {
  desktop: { reader: "luna@soulseer.test", first: "maya@soulseer.test", second: "jordan@soulseer.test" },
  phone: { reader: "orion@soulseer.test", first: "ivy@soulseer.test", second: "jordan@soulseer.test" },
};
const LATE_JOIN_MS = 60_000;

/** Resolves once the page's stream video shows frames that move, within `timeoutMs`. */
async function movingVideo(page: Page, timeoutMs = 30_000) {
  const started = Date.now();
  await page.waitForFunction(
    () => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="stream-video"]');
      if (!video || video.videoWidth === 0 || video.readyState < 2) return false;
      const seen = Number(video.dataset.firstTime ?? Number.NaN);
      if (Number.isNaN(seen)) video.dataset.firstTime = String(video.currentTime);
      return !Number.isNaN(seen) && video.currentTime > seen + 0.5;
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
  return Date.now() - started;
}

async function goLive(reader: Page, viewport: ViewportName, title: string, premiumDollars?: string) {
  // From the dashboard the first time, as a reader finds it; straight to the studio list after.
  if (new URL(reader.url()).pathname === "/reader")
    await reader.getByRole("link", { name: "Your streams" }).click();
  else await reader.goto("/reader/streams");
  await reader.getByRole("heading", { name: "Your streams" }).waitFor();
  await reader.getByLabel("Title").fill(title);
  await reader.getByLabel("Topic").fill("Tarot");
  if (premiumDollars) {
    await reader.getByRole("radio", { name: "Premium" }).check();
    await reader.getByLabel("Ticket price ($)").fill(premiumDollars);
  }
  await snap(reader, `live-${viewport}-studio-form`);
  await reader.getByRole("button", { name: "Open the studio" }).click();
  await reader.waitForURL(/\/reader\/streams\/[0-9a-f-]{36}$/);
  await reader.getByRole("button", { name: "Go live" }).click();
  await reader.getByText("You are live").waitFor({ timeout: 20_000 });
  return reader.url().split("/").at(-1) as string;
}

/** The demo admin adds a gift to the catalog, then ends a stream on air from the admin page. */
async function adminEnds(streamId: string, title: string) {
  const context = await newContext(journey.browser, journey.baseUrl, "desktop");
  await withScreenshotsOnFailure(context, "live-admin", async () => {
    const admin = await context.newPage();
    await signInAsDemoAdmin(admin, "/sign-in?next=/admin/gifts");
    await admin.getByRole("button", { name: "Edit Diamond" }).waitFor();
    await admin.getByLabel("Name").fill("Comet");
    await admin.getByLabel("Price ($)").fill("3.00");
    await admin.getByLabel("Animation").selectOption("star");
    await admin.getByRole("button", { name: "Add gift" }).click();
    await admin.getByRole("button", { name: "Edit Comet" }).waitFor();
    await snap(admin, "live-admin-gifts");
    await admin.getByRole("link", { name: "Streams", exact: true }).click();
    const row = admin.getByRole("listitem").filter({ hasText: title });
    await row.getByRole("button", { name: /End stream/ }).click();
    await row.getByLabel("Reason (kept in the audit log)").fill("Ended by the journey's admin");
    await snap(admin, "live-admin-streams");
    await row.getByRole("button", { name: "End it now" }).click();
    await admin.getByText("No stream is on air.").waitFor();
    const stream = (await (await admin.request.get(`/api/v1/streams/${streamId}`)).json()) as {
      stream: { status: string; endReason: string };
    };
    assert.deepEqual([stream.stream.status, stream.stream.endReason], ["ended", "ended_by_admin"]);
  });
}

describe("live streams", () => {
  for (const viewport of ["desktop", "phone"] as const) {
    it(`goes live, plays on both nodes, chats, gifts, and sells a premium ticket (${viewport})`, async () => {
      const people = PEOPLE[viewport];
      const readerContext = await newContext(journey.browser, journey.baseUrl, viewport);
      await installClockCamera(readerContext);
      const firstContext = await newContext(journey.browser, journey.baseUrl, viewport);
      const secondContext = await newContext(journey.browser, (await secondNode()).baseUrl, viewport);
      await withScreenshotsOnFailure(secondContext, `live-${viewport}-second`, () =>
        withScreenshotsOnFailure(firstContext, `live-${viewport}-first`, () =>
          withScreenshotsOnFailure(readerContext, `live-${viewport}-reader`, async () => {
            const reader = await readerContext.newPage();
            const first = await firstContext.newPage();
            const second = await secondContext.newPage();
            const shot = (page: Page, name: string) => snap(page, `live-${viewport}-${name}`);

            await signIn(reader, people.reader, DEMO_PASSWORD, "/sign-in?next=/reader");
            await reader.waitForURL((url) => url.pathname === "/reader");
            await signIn(first, people.first, DEMO_PASSWORD, "/sign-in?next=/wallet");
            await first.waitForURL((url) => url.pathname === "/wallet");
            await topUpFromWallet(first, "$100.00");

            const streamId = await goLive(reader, viewport, `Full moon tarot ${viewport}`);
            const liveAt = Date.now();
            await shot(reader, "studio-live");

            // A client finds it under Live and watches on node A.
            await first.goto("/live");
            await first.getByRole("link", { name: new RegExp(`Full moon tarot ${viewport}`) }).click();
            await first.waitForURL(`**/live/${streamId}`);
            await movingVideo(first);
            await shot(first, "viewer-playing");

            // Another viewer, signed in on node B, watches through the relay fed from node A.
            if (viewport === "desktop")
              await new Promise((resolve) =>
                setTimeout(resolve, Math.max(0, liveAt + LATE_JOIN_MS - Date.now())),
              );
            await signIn(second, people.second, DEMO_PASSWORD, `/sign-in?next=/live/${streamId}`);
            await second.waitForURL(`**/live/${streamId}`);
            const joinMs = await movingVideo(second, viewport === "desktop" ? 5_000 : 30_000);
            const glass: number[] = [];
            for (let sample = 0; sample < 10; sample += 1) {
              const delay = await glassToGlassMs(second, '[data-testid="stream-video"]');
              if (delay !== null) glass.push(delay);
              await new Promise((resolve) => setTimeout(resolve, 200));
            }
            glass.sort((a, b) => a - b);
            const medianGlassMs = glass[Math.floor(glass.length / 2)];
            console.log(
              `live-streams ${viewport}: viewer on node B ${viewport === "desktop" ? `joined ${Math.round((Date.now() - liveAt) / 1000)} s after the start, ` : ""}moving video in ${joinMs} ms; glass-to-glass ${glass.join(", ")} ms (median ${medianGlassMs})`,
            );
            assert.ok(medianGlassMs !== undefined, "the viewer's video shows the camera's clock");
            assert.ok(medianGlassMs < 3_000, `glass-to-glass ${medianGlassMs} ms is under 3 s`);
            await shot(second, "viewer-node-b");

            // Chat reaches everyone.
            await first.getByRole("textbox", { name: "Chat message" }).fill("Hello from the front row ✨");
            await first.getByRole("button", { name: "Send", exact: true }).click();
            for (const page of [reader, second])
              await page
                .getByRole("list", { name: "Live chat messages" })
                .getByText("Hello from the front row ✨")
                .waitFor();

            // A gift plays its animation for every viewer and the reader, and moves the board.
            await first.getByRole("button", { name: /send a Rose for \$1\.00/ }).click();
            await first.getByText(/Sent\. Your wallet: \$99\.00/).waitFor();
            for (const page of [second, reader]) {
              await page.getByTestId("gift-animation").first().waitFor();
              await page.getByRole("list", { name: "Top supporters" }).getByText("$1.00").waitFor();
            }
            await shot(second, "gift-node-b");
            await shot(reader, "studio-gift");

            // The reader ends it: viewers are told, the reader sees the summary.
            await reader.getByRole("button", { name: "End stream" }).click();
            await reader.getByRole("button", { name: "Yes, end it" }).click();
            await reader.getByRole("heading", { name: "Stream summary" }).waitFor();
            await reader.getByText("$0.70").waitFor();
            await shot(reader, "summary");
            for (const page of [first, second])
              await page.getByRole("heading", { name: "This stream has ended" }).waitFor();
            await shot(first, "ended");

            // A premium stream asks for the ticket first; the ticket opens the video.
            const premiumId = await goLive(reader, viewport, `Premium oracle ${viewport}`, "2");
            await first.goto(`/live/${premiumId}`);
            await first.getByRole("button", { name: "Buy ticket for $2.00" }).waitFor();
            await shot(first, "ticket");
            await first.getByRole("button", { name: "Buy ticket for $2.00" }).click();
            await movingVideo(first);
            await shot(first, "premium-playing");
            const wallet = (await (await first.request.get("/api/v1/wallet")).json()) as {
              balanceCents: number;
            };
            assert.equal(wallet.balanceCents, 9_700);
            if (viewport === "desktop") await adminEnds(premiumId, `Premium oracle ${viewport}`);
            else {
              await reader.getByRole("button", { name: "End stream" }).click();
              await reader.getByRole("button", { name: "Yes, end it" }).click();
            }
            await reader.getByRole("heading", { name: "Stream summary" }).waitFor();
            // Ended within 5 minutes of its start: the ticket came back in full.
            const refunded = (await (await first.request.get("/api/v1/wallet")).json()) as {
              balanceCents: number;
            };
            assert.equal(refunded.balanceCents, 9_900);
          }),
        ),
      );
    });
  }
});
