import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import pg from "pg";
import type { Locator, Page } from "playwright-core";
import { newContext, snap, type ViewportName } from "./support/browser.js";
import {
  clientOpensReader,
  DEMO_PASSWORD,
  journeySetup,
  liveFrameReceived,
  settledAmount,
  signIn,
  withScreenshotsOnFailure,
} from "./support/journey.js";

const journey = journeySetup();

const READER_ZONE = "Europe/London";
const CLIENT_ZONE = "America/Los_Angeles";
/** The reader's hours, every day, in READER_ZONE. */
const OPENS_AT = "08:00";
const CLOSES_AT = "20:00";
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

// Each viewport has its own reader and booking client. Orion already works in London; Amara moves
// her hours from Berlin to London on the page. Only three demo clients exist, so the client who
// books a day ahead and cancels is Jordan on both (one after the other; each books and cancels).
const PAIRS: Record<
  ViewportName,
  { reader: string; readerName: string; client: string; clientName: string; canceller: string }
> = {
  desktop: {
    reader: "orion@soulseer.test",
    readerName: "Orion Blackwood",
    client: "ivy@soulseer.test",
    clientName: "Ivy Rivera",
    canceller: "jordan@soulseer.test",
  },
  phone: {
    reader: "amara@soulseer.test",
    readerName: "Amara Okafor",
    client: "maya@soulseer.test",
    clientName: "Maya Chen",
    canceller: "jordan@soulseer.test",
  },
};

/** How far `zone`'s wall clock is ahead of UTC at `instantMs`. */
function zoneOffsetMs(instantMs: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(instantMs))
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instantMs / 1000) * 1000;
}

/** The instant of a wall-clock time ("08:00") on a day ("2026-03-12") in a zone. */
function wallClockInstant(day: string, time: string, zone: string): Date {
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  const asUtc = Date.UTC(year, month - 1, date, hours, minutes);
  const firstGuess = asUtc - zoneOffsetMs(asUtc, zone);
  return new Date(asUtc - zoneOffsetMs(firstGuess, zone));
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
const dayIn = (instant: Date, zone: string) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** "Thursday, March 12": how the calendar names a day (en-US, as the browser contexts are). */
const dayName = (day: string) =>
  new Intl.DateTimeFormat("en-US", {
    weekday: "long",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T12:00:00Z`));

/** "12:00 AM": a slot's time as the page shows it in a zone (whitespace normalized). */
const clockIn = (instant: Date, zone: string) =>
  normalized(
    new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: zone }).format(instant),
  );

/** ICU puts a narrow no-break space before AM/PM; compare text with plain spaces. */
const normalized = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

/** YYYYMMDDTHHMMSSZ, as a calendar file writes an instant. */
const icsUtc = (instant: Date) =>
  instant
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");

/** Dollars on the page ("$47.85") as cents. */
const centsOf = (text: string | null) => Math.round(Number((text ?? "").replace(/[^0-9.]/g, "")) * 100);

/** The reader's week: every day OPENS_AT–CLOSES_AT, through the page's own controls. */
async function setEveryDay(page: Page) {
  const setDay = async (day: string) => {
    const remove = page.getByRole("button", { name: new RegExp(`^Remove ${day}(,|$)`) });
    while ((await remove.count()) > 0) await remove.first().click();
    await page.getByRole("button", { name: `Add hours on ${day}` }).click();
    await page.getByLabel(`${day}: from`).fill(OPENS_AT);
    await page.getByLabel(`${day}: until`).fill(CLOSES_AT);
  };
  await setDay("Monday");
  // Monday's hours to Tuesday–Friday in one go.
  await page.getByRole("button", { name: /^Copy Monday's hours to Tuesday/ }).click();
  await setDay("Saturday");
  await setDay("Sunday");
  for (const day of WEEKDAYS) {
    assert.equal(await page.getByLabel(`${day}: from`).inputValue(), OPENS_AT, `${day} opens`);
    assert.equal(await page.getByLabel(`${day}: until`).inputValue(), CLOSES_AT, `${day} closes`);
  }
}

/** Step 1: the reader sets a London week, the offers and the rules, saves, and sees the preview. */
async function readerSetsHours(reader: Page, viewport: ViewportName, email: string) {
  await signIn(reader, email, DEMO_PASSWORD, "/sign-in?next=/reader/availability");
  await reader.waitForURL((url) => url.pathname === "/reader/availability");
  await reader.getByRole("heading", { name: "Weekly hours" }).waitFor();
  await reader.getByLabel("Your time zone").selectOption(READER_ZONE);
  await setEveryDay(reader);
  for (const [name, on] of [
    [/^15 minutes/, true],
    [/^30 minutes/, true],
    [/^45 minutes/, false],
    [/^60 minutes/, false],
    [/^Chat$/, true],
  ] as const)
    await reader.getByRole("checkbox", { name }).setChecked(on);
  await reader.getByLabel("Minimum notice (hours)").fill("1");
  await reader.getByText("Unsaved changes", { exact: true }).waitFor();
  await reader.getByRole("button", { name: "Save availability" }).click();
  await reader.getByText("Saved. Clients can book the times in the preview below.").waitFor();
  // The preview shows next week in London time: every day opens at 08:00 (8:00 AM) local.
  await reader.getByText(/^\d+ open times next week\.$/).waitFor();
  const mondayTimes = reader.getByRole("list", { name: /^Open times on Monday/ });
  // The preview is fetched again after the save; until then it shows the hours before it.
  const firstMonday = async () => normalized(await mondayTimes.getByRole("listitem").first().textContent());
  for (let tries = 0; tries < 50 && (await firstMonday()) !== "8:00 AM"; tries += 1)
    await reader.waitForTimeout(200);
  assert.equal(await firstMonday(), "8:00 AM");
  assert.equal(await reader.getByRole("list", { name: /^Open times on / }).count(), 7);
  await reader
    .getByText(/in London time/)
    .first()
    .waitFor();
  await snap(reader, `${viewport}-bookings-01-reader-availability`);
}

/**
 * On the reader's page, "Book a reading": chat, `length` minutes, the first time on `day` (a day
 * of the client's zone). Returns the chosen slot's button and the price on the page, in cents.
 */
async function chooseSlot(page: Page, length: 15 | 30, day: string, zone: string) {
  const panel = page.getByRole("region", { name: "Book a reading" });
  await panel.waitFor();
  await panel.getByRole("button", { name: "Chat", exact: true }).click();
  const lengthButton = panel.getByRole("button", { name: new RegExp(`^${length} min · `) });
  await lengthButton.click();
  assert.equal(await lengthButton.getAttribute("aria-pressed"), "true");
  const priceCents = centsOf(((await lengthButton.textContent()) ?? "").split("·")[1] ?? "");
  assert.ok(priceCents > 0, "the length shows its price");
  // The calendar opens on this month (in the client's zone); the day may be in the next one.
  if (day.slice(0, 7) !== dayIn(new Date(), zone).slice(0, 7))
    await panel.getByRole("button", { name: "Next month" }).click();
  await panel.getByRole("button", { name: new RegExp(`^${dayName(day)}: \\d+ open times?$`) }).click();
  const times = panel.getByRole("group", { name: new RegExp(`^Open times on ${dayName(day)} `) });
  await times.waitFor();
  return { panel, times, firstSlot: times.getByRole("button").first(), priceCents };
}

/** The wallet's balance in cents. */
async function walletBalance(page: Page) {
  await page.goto("/wallet");
  return centsOf(await page.getByTestId("wallet-balance").textContent());
}

/** The booking card (an article) on a bookings page, by the other side's name. */
const cardOf = (page: Page, name: string): Locator =>
  page.getByRole("article").filter({ has: page.getByRole("heading", { name }) });

/** Fails with `what` if `promise` has not settled within `ms`. */
async function within<Value>(promise: Promise<Value>, ms: number, what: string): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The test's time machine. A booking starts at least the minimum notice ahead (here two days and
 * more) and nobody waits days in a test, so this is the one way to reach its start: it moves the
 * booking to start `secondsAhead` from now, with its timed steps still to run (the on-demand
 * warning and clearing, the no-show check) due as they would be then. With `remindNow` the
 * 15-minute reminder is due at once and the 24-hour one counted as sent. The steps still run
 * through the server's own timer and pg-boss jobs. Returns the new start and the steps moved.
 */
async function moveBooking(
  databaseUrl: string,
  bookingId: string,
  secondsAhead: number,
  { remindNow }: { remindNow: boolean },
) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query("begin");
    const moved = await db.query<{ starts_at: Date }>(
      `update bookings
          set starts_at = now() + make_interval(secs => $2),
              ends_at = now() + make_interval(secs => $2) + make_interval(mins => length_minutes),
              blocked_until = now() + make_interval(secs => $2) + make_interval(mins => length_minutes + 10),
              updated_at = now()
        where id = $1 and status = 'confirmed' and reading_id is null
        returning starts_at`,
      [bookingId, secondsAhead],
    );
    const startsAt = moved.rows[0]?.starts_at;
    assert.ok(startsAt, "the booking to move exists, is confirmed and nobody has joined it");
    const steps = await db.query<{ step: string }>(
      `update booking_steps
          set due_at = case step
                when 'remind_15m' then now()
                when 'warn_on_demand' then $2::timestamptz - interval '10 minutes'
                when 'clear_on_demand' then $2::timestamptz - interval '5 minutes'
                when 'no_show' then $2::timestamptz + interval '10 minutes'
                else due_at end,
              done_at = case step when 'remind_24h' then now() else done_at end,
              queued_at = null
        where booking_id = $1 and done_at is null
          and ($3 or step not in ('remind_24h', 'remind_15m'))
        returning step`,
      [bookingId, startsAt, remindNow],
    );
    await db.query("commit");
    return { startsAt, steps: steps.rows.map((row) => row.step).sort() };
  } catch (error) {
    await db.query("rollback").catch(() => {});
    throw error;
  } finally {
    await db.end();
  }
}

for (const viewport of ["desktop", "phone"] as ViewportName[]) {
  describe(`booked readings on ${viewport}`, () => {
    it("a London reader sets hours; a Los Angeles client books, gets the .ics and the reminder, both join and have the reading; another client cancels a day ahead for a full refund", {
      timeout: 8 * 60_000,
    }, async () => {
      const pair = PAIRS[viewport];
      const readerContext = await newContext(journey.browser, journey.baseUrl, viewport, {
        timezoneId: READER_ZONE,
      });
      const clientContext = await newContext(journey.browser, journey.baseUrl, viewport, {
        timezoneId: CLIENT_ZONE,
      });
      const cancellerContext = await newContext(journey.browser, journey.baseUrl, viewport, {
        timezoneId: CLIENT_ZONE,
      });
      await withScreenshotsOnFailure(cancellerContext, `${viewport}-bookings-canceller`, async () => {
        await withScreenshotsOnFailure(clientContext, `${viewport}-bookings-client`, async () => {
          await withScreenshotsOnFailure(readerContext, `${viewport}-bookings-reader`, async () => {
            // 1. The reader opens Availability and sets a London week.
            const reader = await readerContext.newPage();
            await readerSetsHours(reader, viewport, pair.reader);

            // 2. A client in Los Angeles adds funds and opens the reader's page.
            const client = await clientContext.newPage();
            await clientOpensReader(client, pair.client, "$100.00", pair.readerName);
            const readerPageUrl = client.url();
            const balanceBefore = await walletBalance(client);
            await client.goto(readerPageUrl);
            // Three days ahead in Los Angeles (two days away at least, so no reminder is due yet); the
            // reader's 08:00 in London is that day's first time.
            const day = addDays(dayIn(new Date(), CLIENT_ZONE), 3);
            const bookedAt = wallClockInstant(day, OPENS_AT, READER_ZONE);
            const laTime = clockIn(bookedAt, CLIENT_ZONE);
            assert.notEqual(laTime, "8:00 AM", "Los Angeles is not on London time");
            const { panel, times, firstSlot, priceCents } = await chooseSlot(client, 15, day, CLIENT_ZONE);
            await panel.getByText(/^Times below are Los Angeles time \((PST|PDT)\)\.$/).waitFor();
            assert.match(
              normalized(await times.locator("legend").textContent()),
              /\(Los Angeles time \((PST|PDT)\)\)$/,
            );
            assert.equal(normalized(await firstSlot.textContent()), laTime);
            await firstSlot.click();
            assert.equal(await firstSlot.getAttribute("aria-pressed"), "true");
            await panel.getByText(`${dayName(day)} at `).waitFor();
            const question = "Is this the year to move abroad for work?";
            await panel.getByLabel("What would you like to focus on? (optional)").fill(question);
            await snap(client, `${viewport}-bookings-02-client-picks-slot`);
            await panel.getByRole("button", { name: /^Book for \$/ }).click();

            // Booked: on My bookings, in Los Angeles time, the London time for the reader beside it.
            await client.waitForURL((url) => url.pathname === "/bookings" && url.searchParams.has("booked"));
            const bookingId = new URL(client.url()).searchParams.get("booked") ?? "";
            assert.match(bookingId, /^[0-9a-f-]{36}$/);
            await client.getByText("Your reading is booked").waitFor();
            const card = cardOf(client, pair.readerName);
            await card.getByText("Confirmed").waitFor();
            assert.equal(
              Date.parse((await card.locator("time").getAttribute("datetime")) ?? ""),
              bookedAt.getTime(),
            );
            await card.getByText(question).waitFor();
            await card.getByText(new RegExp(`^For ${pair.readerName}: 8:00\\sAM London time`)).waitFor();
            await card.getByText(/^Starts in /).waitFor();
            assert.equal(await card.getByRole("button", { name: "Join the reading" }).isDisabled(), true);
            await snap(client, `${viewport}-bookings-03-client-booked`);
            assert.equal(await walletBalance(client), balanceBefore - priceCents, "the price is held");

            // 3. "Add to calendar": the .ics names the booking and its start in UTC.
            await client.goto("/bookings");
            const downloading = client.waitForEvent("download");
            await cardOf(client, pair.readerName)
              .getByRole("link", { name: /^Add to calendar/ })
              .click();
            const download = await downloading;
            assert.equal(download.suggestedFilename(), "soulseer-booking.ics");
            const ics = await readFile(await download.path(), "utf8");
            assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
            assert.match(ics, new RegExp(`\r\nUID:booking-${bookingId}@soulseer\r\n`));
            assert.match(ics, new RegExp(`\r\nDTSTART:${icsUtc(bookedAt)}\r\n`));
            assert.match(ics, /\r\nEND:VCALENDAR\r\n$/);

            // Both wait on their bookings pages, their live sockets open (the reminder comes live).
            const readerSocket = liveFrameReceived(reader, (message) => message.type === "hello");
            await reader.goto("/reader/bookings");
            const readerCard = cardOf(reader, pair.clientName);
            await readerCard.getByText(question).waitFor();
            await within(readerSocket, 30_000, "the reader's live socket");
            const clientSocket = liveFrameReceived(client, (message) => message.type === "hello");
            await client.goto("/bookings");
            const clientCard = cardOf(client, pair.readerName);
            await clientCard.getByText(/^Starts in /).waitFor();
            await within(clientSocket, 30_000, "the client's live socket");

            // 4. Time travel (moveBooking says why), first to 5 min 30 s ahead: the 15-minute
            // reminder is due now, and the room opens (5 minutes before the start) in 30 s.
            const soon = await moveBooking(journey.databaseUrl, bookingId, 5 * 60 + 30, { remindNow: true });
            assert.deepEqual(soon.steps, [
              "clear_on_demand",
              "no_show",
              "remind_15m",
              "remind_24h",
              "warn_on_demand",
            ]);
            await client.getByRole("button", { name: /^Notifications, \d+ unread$/ }).click();
            const notifications = client.getByRole("region", { name: "Notifications" });
            await notifications
              .getByText("Your booked reading starts in 15 minutes")
              .waitFor({ timeout: 20_000 });
            await snap(client, `${viewport}-bookings-04-client-reminder`);
            await client.getByRole("button", { name: /^Notifications/ }).click();

            // 5. The reminder brought both lists up to date; the Join buttons then open by the clock.
            const clientJoin = clientCard.getByRole("button", { name: "Join the reading" });
            const readerJoin = readerCard.getByRole("button", { name: "Join the reading" });
            for (const card of [clientCard, readerCard])
              await card
                .locator(`time[datetime="${soon.startsAt.toISOString()}"]`)
                .waitFor({ timeout: 20_000 });
            assert.equal(await clientJoin.isDisabled(), true, "the room is not open yet");
            await clientCard.getByText(/^The room opens 5 minutes before the start, at /).waitFor();
            await clientJoin.and(client.locator(":enabled")).waitFor({ timeout: 60_000 });
            await readerJoin.and(reader.locator(":enabled")).waitFor({ timeout: 10_000 });
            await snap(client, `${viewport}-bookings-05-client-join-open`);
            // Then to 75 s ahead, so the start comes without minutes of waiting; both join now.
            const start = await moveBooking(journey.databaseUrl, bookingId, 75, { remindNow: false });
            // (Clearing the reader's on-demand reading fell due as the room opened; it may have run.)
            assert.ok(start.steps.includes("no_show"), `steps moved: ${start.steps.join(", ")}`);
            assert.ok(start.steps.every((step) => ["clear_on_demand", "no_show"].includes(step)));
            await clientJoin.click();
            await client.waitForURL(/\/readings\//);
            await readerJoin.click();
            await reader.waitForURL(/\/readings\//);
            // Before the start both are told when it starts (in their own zones).
            await client.getByText(`Your booked reading with ${pair.readerName} starts at`).waitFor();
            await client
              .getByText(/Los Angeles time/)
              .first()
              .waitFor();
            await client.getByTestId("starts-in").waitFor();
            await reader.getByText(`Your booked reading with ${pair.clientName} starts at`).waitFor();
            await reader
              .getByText(/London time/)
              .first()
              .waitFor();
            await snap(client, `${viewport}-bookings-06-client-waiting-room`);

            // At the start the reading runs: both connected, the time left counting down.
            await client.getByText("You are both connected.").waitFor({ timeout: 120_000 });
            await reader.getByText("You are both connected.").waitFor({ timeout: 30_000 });
            const timeLeft = normalized(await client.getByTestId("slot-time-left").textContent());
            assert.match(timeLeft, /^1[0-5]:\d{2}$/, `time left ${timeLeft}`);
            await client
              .getByLabel("Message", { exact: true })
              .fill("Hello! I am here for our booked reading.");
            await client.getByRole("button", { name: "Send" }).click();
            await reader.getByText("I am here for our booked reading.").waitFor();
            await snap(client, `${viewport}-bookings-07-client-reading`);
            await snap(reader, `${viewport}-bookings-08-reader-reading`);

            // The client ends it early (a booked reading is then paid in full) and sees the summary.
            client.once("dialog", (dialog) => void dialog.accept());
            await client.getByRole("button", { name: "End reading" }).click();
            await client.getByRole("heading", { name: "Summary" }).waitFor();
            await reader.getByRole("heading", { name: "Summary" }).waitFor();
            assert.equal(centsOf(await settledAmount(client)), priceCents);
            await snap(client, `${viewport}-bookings-09-client-summary`);
            await client.goto("/bookings?tab=past");
            await cardOf(client, pair.readerName).getByText("Completed").waitFor();

            // 6. Another client books more than a day ahead, then cancels for everything back.
            const canceller = await cancellerContext.newPage();
            await clientOpensReader(canceller, pair.canceller, "$100.00", pair.readerName);
            const cancellerPageUrl = canceller.url();
            const balanceBeforeBooking = await walletBalance(canceller);
            await canceller.goto(cancellerPageUrl);
            const laterDay = addDays(dayIn(new Date(), CLIENT_ZONE), 5);
            const later = await chooseSlot(canceller, 30, laterDay, CLIENT_ZONE);
            await later.firstSlot.click();
            await later.panel.getByRole("button", { name: /^Book for \$/ }).click();
            await canceller.waitForURL(
              (url) => url.pathname === "/bookings" && url.searchParams.has("booked"),
            );
            const toCancel = cardOf(canceller, pair.readerName);
            await toCancel.getByText("Confirmed").waitFor();
            await toCancel
              .getByRole("button", { name: `Cancel the booking with ${pair.readerName}` })
              .click();
            const dialog = canceller.getByRole("dialog", { name: "Cancel this booking?" });
            await dialog.getByTestId("refund-amount").waitFor();
            assert.equal(centsOf(await dialog.getByTestId("refund-amount").textContent()), later.priceCents);
            await dialog
              .getByText("At least 24 hours before the start: the whole price comes back.")
              .waitFor();
            await snap(canceller, `${viewport}-bookings-10-cancel-dialog`);
            await dialog.getByRole("button", { name: "Cancel booking" }).click();
            await canceller.getByText(/^Booking cancelled\. \$[\d.,]+ is back in your wallet\.$/).waitFor();
            await canceller.getByRole("tab", { name: "Past" }).click();
            const cancelled = cardOf(canceller, pair.readerName);
            await cancelled.getByText("Cancelled by you").waitFor();
            assert.equal(
              centsOf(
                ((await cancelled.getByTestId("booking-outcome").textContent()) ?? "").replace(/^\D*/, ""),
              ),
              later.priceCents,
            );
            await snap(canceller, `${viewport}-bookings-11-cancelled`);
            assert.equal(
              await walletBalance(canceller),
              balanceBeforeBooking,
              "the wallet is back where it was",
            );
          });
        });
      });
    });
  });
}
