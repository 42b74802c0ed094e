import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSmtp } from "../../../test/fake-smtp.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { waitForStatus } from "../../../test/outbox.js";

describe("email delivery", () => {
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  let withSmtp: TestApp;
  let withoutSmtp: TestApp;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    withSmtp = await createTestApp({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: "SoulSeer <hello@soulseer.test>",
    });
    withoutSmtp = await createTestApp();
  });
  afterAll(async () => {
    await withSmtp.close();
    await withoutSmtp.close();
    await smtp.close();
  });

  it("writes every email to the outbox, and without SMTP the job marks it logged", async () => {
    const id = await withoutSmtp.services.email.send({
      to: "someone@example.test",
      subject: "Hello",
      text: "Body",
      kind: "test",
    });
    await waitForStatus(withoutSmtp, id, "logged");
  });

  it("delivers through SMTP when configured and marks the outbox row sent", async () => {
    const id = await withSmtp.services.email.send({
      to: "reader@example.test",
      subject: "Your reading summary",
      text: "Thank you for your session.",
      kind: "test",
    });
    await waitForStatus(withSmtp, id, "sent");
    const message = smtp.messages.find((item) => item.to.some((to) => to.includes("reader@example.test")));
    expect(message?.from).toContain("hello@soulseer.test");
    expect(message?.data).toContain("Subject: Your reading summary");
    expect(message?.data).toContain("Thank you for your session.");
  });
});
