import { mkdirSync } from "node:fs";
import path from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";

export const ARTIFACTS_DIR = path.resolve("e2e/artifacts");
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * Debian's Chromium, headless, with the flags these machines need (no background networking).
 * Playwright gives every launch a fresh, temporary user-data-dir of its own.
 */
export async function launchBrowser(
  extraArgs: string[] = [],
): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/**
 * A context as a person on a phone or a desktop has it: en-US, UTC unless `options.timezoneId`
 * names the zone the browser runs in (e.g. a client in America/Los_Angeles).
 */
export async function newContext(
  browser: Browser,
  baseURL: string,
  viewport: ViewportName,
  options: Pick<BrowserContextOptions, "timezoneId"> = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    isMobile: viewport === "phone",
    hasTouch: viewport === "phone",
    timezoneId: options.timezoneId ?? "UTC",
    locale: "en-US",
  });
}

/** Saves a full-page screenshot as a test artifact. */
export async function snap(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
