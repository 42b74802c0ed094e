import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { WebSocketServer } from "ws";
import { StreamRelay } from "../server/src/platform/media/stream-relay.js";
import { launchBrowser, newContext, snap } from "./support/browser.js";

// The relay core of live streams (decision 0022) with what a real browser records and plays: the
// publisher page records Chromium's fake camera with MediaRecorder and sends each chunk over a
// WebSocket; StreamRelay relays it; viewer pages play it with Media Source Extensions. The stream
// routes and pages of issue 18 are not built yet, so this serves two small pages of its own.

const PUBLISHER = `<!doctype html><meta charset="utf-8"><title>publisher</title><video id="v" muted playsinline></video>
<script>
(async () => {
  const media = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: false });
  document.getElementById("v").srcObject = media;
  const socket = new WebSocket(location.origin.replace("http", "ws") + "/publish");
  socket.binaryType = "arraybuffer";
  await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));
  const recorder = new MediaRecorder(media, {
    mimeType: "video/webm;codecs=vp8",
    videoBitsPerSecond: 1_000_000,
    videoKeyFrameIntervalDuration: 1000,
  });
  recorder.ondataavailable = async (event) => { if (event.data.size > 0) socket.send(await event.data.arrayBuffer()); };
  recorder.start(250);
  window.recording = true;
})().catch((error) => { window.failed = String(error); });
</script>`;

const VIEWER = `<!doctype html><meta charset="utf-8"><title>viewer</title><video id="v" muted playsinline autoplay></video>
<script>
(async () => {
  const video = document.getElementById("v");
  const Source = window.ManagedMediaSource || window.MediaSource;
  const source = new Source();
  video.disableRemotePlayback = true;
  video.src = URL.createObjectURL(source);
  await new Promise((resolve) => source.addEventListener("sourceopen", resolve, { once: true }));
  const buffer = source.addSourceBuffer('video/webm; codecs="vp8"');
  const queue = [];
  const next = () => {
    if (buffer.updating || queue.length === 0) return;
    buffer.appendBuffer(queue.shift());
  };
  buffer.addEventListener("updateend", () => {
    // Start (or after a skip, jump) to where the buffered media begins, then play.
    const ranges = buffer.buffered;
    if (ranges.length > 0 && video.currentTime < ranges.start(ranges.length - 1))
      video.currentTime = ranges.start(ranges.length - 1);
    if (video.paused) video.play().catch(() => {});
    next();
  });
  const socket = new WebSocket(location.origin.replace("http", "ws") + "/watch");
  socket.binaryType = "arraybuffer";
  socket.addEventListener("message", (event) => { window.received = (window.received || 0) + event.data.byteLength; queue.push(event.data); next(); });
})().catch((error) => { window.failed = String(error); });
</script>`;

let server: http.Server;
let baseUrl = "";
let relay: StreamRelay;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let publishedBytes = 0;

before(async () => {
  relay = new StreamRelay({ maxQueuedBytes: 512 * 1024 });
  server = http.createServer((request, response) => {
    const page = request.url === "/publisher" ? PUBLISHER : request.url === "/viewer" ? VIEWER : null;
    if (!page) return response.writeHead(404).end();
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
  });
  const sockets = new WebSocketServer({ server });
  sockets.on("connection", (socket, request) => {
    if (request.url === "/publish")
      socket.on("message", (data: Buffer) => {
        publishedBytes += data.length;
        relay.publish(data);
      });
    else {
      const viewer = {
        send: (bytes: Buffer) => socket.send(bytes),
        queuedBytes: () => socket.bufferedAmount,
      };
      relay.join(viewer);
      socket.on("close", () => relay.leave(viewer));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]);
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** The viewer's video has frames and its time moves on by at least `seconds`. */
async function playsFor(page: Page, seconds: number) {
  await page.waitForFunction(
    () => {
      const video = document.querySelector("video");
      return Boolean(video && video.readyState >= 2 && video.videoWidth > 0 && video.currentTime > 0);
    },
    undefined,
    { timeout: 20_000 },
  );
  const from = await page.evaluate(() => document.querySelector("video")?.currentTime ?? 0);
  await page.waitForFunction(
    ({ start, moved }) => (document.querySelector("video")?.currentTime ?? 0) > start + moved,
    { start: from, moved: seconds },
    { timeout: 20_000 },
  );
}

describe("live-stream media relay in Chromium", () => {
  it("plays a real MediaRecorder stream for a viewer from the start and one who joins late", async () => {
    const context = await newContext(browser.browser, baseUrl, "desktop");
    try {
      const early = await context.newPage();
      await early.goto("/viewer");
      const publisher = await context.newPage();
      await publisher.goto("/publisher");
      await publisher.waitForFunction(
        () => (window as { recording?: boolean }).recording === true,
        undefined,
        {
          timeout: 20_000,
        },
      );
      await playsFor(early, 2);
      // A viewer 4 s late starts at a later keyframe and plays too.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const late = await context.newPage();
      await late.goto("/viewer");
      await playsFor(late, 2);
      for (const page of [early, late])
        assert.equal(await page.evaluate(() => (window as { failed?: string }).failed ?? null), null);
      const width = await late.evaluate(() => document.querySelector("video")?.videoWidth ?? 0);
      assert.equal(width, 640);
      assert.ok(publishedBytes > 50_000, `published ${publishedBytes} bytes`);
      assert.equal(relay.skips, 0);
      await snap(late, "media-relay-late-viewer");
    } finally {
      await context.close();
    }
  });
});
