import assert from "node:assert/strict";
import { describe, it } from "node:test";
import PgBoss from "pg-boss";
import { newContext, snap } from "./support/browser.js";
import {
  clientOpensReader,
  DEMO_PASSWORD,
  journeySetup,
  readerGoesOnline,
  signIn,
  signInAsDemoAdmin,
  userIdOf,
  withScreenshotsOnFailure,
} from "./support/journey.js";

// A "minute" lasts 3 s, earnings are available at once and a payout needs $1.00, so a short
// reading is paid out in the same journey; the rules are the real ones.
const journey = journeySetup({
  SESSION_BILLING_UNIT_MS: "3000",
  SESSION_GRACE_MS: "60000",
  PAYOUT_PENDING_HOURS: "0",
  PAYOUT_MIN_CENTS: "100",
});

const READER = { email: "luna@soulseer.test", name: "Luna Marisol" };
const CLIENT = "ivy@soulseer.test";

/** What the scheduler does at the payout hour: queue the day's payout job (pg-boss, the app's own queue). */
async function triggerDailyPayoutJob() {
  const boss = new PgBoss({
    connectionString: journey.databaseUrl,
    schema: "pgboss",
    supervise: false,
    schedule: false,
  });
  await boss.start();
  try {
    await boss.send("payouts.daily", { day: new Date().toISOString().slice(0, 10) });
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

describe("payouts and refunds", () => {
  it("a reading is refunded in part, the client withdraws to the card, the reader is paid by the daily job", async () => {
    const readerContext = await newContext(journey.browser, journey.baseUrl, "desktop");
    const clientContext = await newContext(journey.browser, journey.baseUrl, "phone");
    const adminContext = await newContext(journey.browser, journey.baseUrl, "desktop");
    await withScreenshotsOnFailure(adminContext, "payouts-admin", async () => {
      await withScreenshotsOnFailure(clientContext, "payouts-client", async () => {
        await withScreenshotsOnFailure(readerContext, "payouts-reader", async () => {
          // A short chat reading: a few 3-second "minutes" at $1.99.
          const reader = await readerContext.newPage();
          await readerGoesOnline(reader, READER.email);
          const client = await clientContext.newPage();
          await clientOpensReader(client, CLIENT, "$10.00", READER.name);
          await client.getByRole("button", { name: "Start chat reading" }).click();
          await client.waitForURL(/\/readings\//);
          await reader
            .getByRole("alertdialog", { name: "Chat request" })
            .getByRole("button", { name: "Accept" })
            .click();
          await client.getByText("You are both connected.").waitFor();
          await client.waitForTimeout(7_000);
          client.once("dialog", (dialog) => void dialog.accept());
          await client.getByRole("button", { name: "End reading" }).click();
          await client.getByRole("heading", { name: "Summary" }).waitFor();
          await reader.getByRole("heading", { name: "Summary" }).waitFor();

          // The admin refunds $1.00 of it from the client's wallet history.
          const admin = await adminContext.newPage();
          await signInAsDemoAdmin(
            admin,
            `/sign-in?next=${encodeURIComponent(`/admin/money?user=${await userIdOf(journey.databaseUrl, CLIENT)}`)}`,
          );
          await admin.waitForURL((url) => url.pathname === "/admin/money");
          await admin.getByRole("button", { name: "Refund" }).first().click();
          await admin.getByLabel("Refund of the reading (USD)").fill("1.00");
          await admin.getByLabel("Reason").last().fill("The chat stalled for a minute");
          await snap(admin, "payouts-01-admin-refund");
          await admin.getByRole("button", { name: "Refund reading to wallet" }).click();
          await admin.getByText("refund", { exact: true }).first().waitFor();

          // The client sees the refund in their wallet.
          await client.goto("/wallet");
          await client.getByText("Refund", { exact: true }).first().waitFor();
          await snap(client, "payouts-02-client-wallet-refund");
          // The client takes the rest of the balance back to their card.
          await client.getByRole("button", { name: "Refund my balance to my card" }).click();
          await client.getByRole("button", { name: "Yes, refund to my card" }).click();
          await client.getByText(/is on its way back to your card/).waitFor();
          await client.getByTestId("wallet-balance").filter({ hasText: "$0.00" }).waitFor();
          await snap(client, "payouts-02b-client-refund-to-card");

          // The reader connects a payout account through the sandbox's onboarding page.
          await reader.goto("/reader/payouts");
          await reader.getByRole("heading", { name: "Payout account" }).waitFor();
          const available = await reader.getByTestId("payouts-Available").textContent();
          assert.notEqual(available, "$0.00");
          await snap(reader, "payouts-03-reader-before");
          await reader.getByRole("button", { name: "Connect payout account" }).click();
          await reader.waitForURL(/\/sandbox\/connect\//);
          await reader.getByText("No real bank account is connected").waitFor();
          await snap(reader, "payouts-04-sandbox-onboarding");
          await reader.getByRole("button", { name: "Finish onboarding" }).click();
          await reader.waitForURL(/\/reader\/payouts\?onboarding=done/);
          await reader.getByText(/^Ready/).waitFor();

          // The daily job runs: the reader's available earnings are paid out once.
          await triggerDailyPayoutJob();
          const paidRow = reader
            .getByRole("row")
            .filter({ hasText: "Paid" })
            .filter({ hasText: available ?? "" });
          for (let attempt = 0; attempt < 30 && (await paidRow.count()) === 0; attempt += 1) {
            await reader.waitForTimeout(1_000);
            await reader.reload();
          }
          await paidRow.first().waitFor();
          assert.equal(await reader.getByTestId("payouts-Paid out").textContent(), available);
          assert.equal(await reader.getByTestId("payouts-Available").textContent(), "$0.00");
          await snap(reader, "payouts-05-reader-paid");

          // The reader's yearly statement: the month's earnings and payout, as a page, a print and a CSV.
          await reader.goto("/reader/earnings");
          await reader.getByRole("link", { name: "Yearly statement" }).click();
          await reader.waitForURL((url) => url.pathname === "/reader/earnings/statement");
          const year = new Date().getUTCFullYear();
          await reader.getByRole("heading", { name: `Earnings statement ${year}` }).waitFor();
          const total = reader.getByRole("row", { name: new RegExp(`^Total ${year}`) });
          await total.waitFor();
          const totalText = (await total.textContent()) ?? "";
          assert.ok(totalText.includes(available ?? "?"), totalText);
          await snap(reader, "payouts-07-reader-statement");
          await reader.emulateMedia({ media: "print" });
          await snap(reader, "payouts-08-reader-statement-print");
          await reader.emulateMedia({ media: "screen" });
          const csv = await reader.evaluate(
            async (url) => (await fetch(url)).text(),
            `/api/v1/readers/me/earnings/statements/${year}/csv`,
          );
          assert.match(csv, new RegExp(`^Total ${year},`, "m"));

          // The admin sees it in the payouts list.
          await admin.goto("/admin/payouts");
          await admin.getByRole("row").filter({ hasText: READER.name }).first().waitFor();
          await snap(admin, "payouts-06-admin-payouts");

          // The same page on a phone.
          const phone = await newContext(journey.browser, journey.baseUrl, "phone");
          const readerPhone = await phone.newPage();
          await signIn(readerPhone, READER.email, DEMO_PASSWORD, "/sign-in?next=/reader/payouts");
          await readerPhone.getByRole("heading", { name: "Payout history" }).waitFor();
          await snap(readerPhone, "payouts-07-reader-phone");
          // A threshold that is not an amount is refused on the page; a real one is saved.
          const threshold = readerPhone.getByLabel("Pay me once at least (USD)");
          await threshold.fill("abc");
          await readerPhone.getByRole("button", { name: "Save threshold" }).click();
          await readerPhone.getByText("Type an amount in dollars").waitFor();
          await threshold.fill("$2.50");
          await readerPhone.getByRole("button", { name: "Save threshold" }).click();
          await readerPhone.getByText("Threshold saved.").waitFor();
          await readerPhone.getByRole("button", { name: "By month" }).click();
          await snap(readerPhone, "payouts-08-reader-phone-months");
          await phone.close();
        });
      });
    });
  });
});
