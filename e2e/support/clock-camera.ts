import type { BrowserContext, Page } from "playwright-core";

/**
 * A camera that shows the time: in the contexts it is installed in, `getUserMedia` answers a
 * 640×360 canvas stream (30 frames/s) whose top band draws `Date.now()` as 44 black or white
 * blocks (bit 0 on the left), with a moving square below so the picture changes; audio, when
 * asked, still comes from Chromium's fake device. A viewer reads the band back from its video
 * (`glassToGlassMs`): the delay from the reader's "glass" to the viewer's, on one machine's clock.
 */
export async function installClockCamera(context: BrowserContext) {
  // A string, not a function: tsx would wrap the function's inner functions in a helper
  // (`__name`) that does not exist in the page.
  await context.addInitScript(CLOCK_CAMERA_SCRIPT);
}

const CLOCK_CAMERA_SCRIPT = `(() => {
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const real = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints) => {
    if (!constraints || !constraints.video) return real(constraints);
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 360;
    const context2d = canvas.getContext("2d");
    function draw() {
      const now = Date.now();
      context2d.fillStyle = "#1a1030";
      context2d.fillRect(0, 0, 640, 360);
      context2d.fillStyle = "#ff69b4";
      context2d.fillRect((now / 4) % 600, 160, 40, 40);
      for (let bit = 0; bit < 44; bit += 1) {
        context2d.fillStyle = Math.floor(now / 2 ** bit) % 2 === 1 ? "#ffffff" : "#000000";
        context2d.fillRect(bit * 14, 0, 14, 48);
      }
    }
    draw();
    setInterval(draw, 33);
    const stream = canvas.captureStream(30);
    if (constraints.audio) {
      const audio = await real({ audio: true }).catch(() => null);
      for (const track of audio ? audio.getAudioTracks() : []) stream.addTrack(track);
    }
    return stream;
  };
})();`;

/** The delay (ms) from the clock camera's picture to what `page`'s video shows now, or null. */
export function glassToGlassMs(page: Page, videoSelector = "video") {
  return page.evaluate((selector) => {
    const video = document.querySelector<HTMLVideoElement>(selector);
    if (!video || video.videoWidth === 0) return null;
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context2d = canvas.getContext("2d", { willReadFrequently: true });
    if (!context2d) return null;
    context2d.drawImage(video, 0, 0);
    const scale = video.videoWidth / 640;
    let shownAt = 0;
    for (let bit = 0; bit < 44; bit += 1) {
      const [red = 0] = context2d.getImageData(
        Math.round((bit * 14 + 7) * scale),
        Math.round(24 * scale),
        1,
        1,
      ).data;
      if (red > 128) shownAt += 2 ** bit;
    }
    const delay = Date.now() - shownAt;
    // A band that does not decode to a recent time is not the clock camera's picture.
    return delay >= 0 && delay < 60_000 ? delay : null;
  }, videoSelector);
}
