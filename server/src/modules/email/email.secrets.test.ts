import pino from "pino";
import { describe, expect, it } from "vitest";
import { startFakeSmtp } from "../../../test/fake-smtp.js";
import { createTestApp, TEST_ORIGIN, tokenFromEmail } from "../../../test/harness.js";
import { createLogMailer } from "../../platform/email/mailer.js";
import { redactSecrets } from "../../platform/redact.js";

function signUpBody(email: string) {
  return {
    email,
    password: "a-long-enough-password",
    displayName: "Nova Reyes",
    dateOfBirth: "1994-03-08",
    acceptTerms: true,
  };
}

async function waitUntil(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("tokens in mail stay out of logs", () => {
  it("redacts the token of every secret link parameter and nothing else", () => {
    expect(redactSecrets("Open http://x.test/verify-email?token=abc.DEF-1_2 now")).toBe(
      "Open http://x.test/verify-email?token=[redacted] now",
    );
    expect(redactSecrets("a?x=1&token=zz&y=2")).toBe("a?x=1&token=[redacted]&y=2");
    expect(redactSecrets("http://x.test/readers/nova")).toBe("http://x.test/readers/nova");
  });

  it("the log mailer writes the mail without its link's token", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    await createLogMailer(logger).deliver({
      to: "a@example.test",
      subject: "Reset",
      text: "Here: http://localhost:3000/reset-password?token=s3cr3t-token-value\nBye",
    });
    expect(lines.join("\n")).toContain("reset-password?token=[redacted]");
    expect(lines.join("\n")).not.toContain("s3cr3t-token-value");
  });

  it("signing up without SMTP logs the verification mail without its token; the outbox keeps the link", async () => {
    const logs: string[] = [];
    const t = await createTestApp({}, { logs, logLevel: "info" });
    try {
      const email = "log-check@example.test";
      const response = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-up",
        headers: { origin: TEST_ORIGIN },
        payload: signUpBody(email),
      });
      expect(response.statusCode).toBe(201);
      const mail = await t.latestEmail(email, "verify-email");
      const token = tokenFromEmail(mail?.text_body ?? "");
      await waitUntil(
        () => logs.some((line) => line.includes("verify-email?token=[redacted]")),
        "the mail log",
      );
      // Opening the link in the app logs the request without its token too.
      await t.app.inject({ method: "GET", url: `/verify-email?token=${encodeURIComponent(token)}` });
      await waitUntil(
        () => logs.some((line) => line.includes('"url":"/verify-email?token=[redacted]"')),
        "the request log",
      );
      expect(logs.join("\n")).not.toContain(token);
      expect(logs.join("\n")).not.toContain(encodeURIComponent(token));

      // No SMTP: the admin outbox is the mailbox, links included.
      const admin = await t.signedIn("admin");
      const outbox = await t.app.inject({
        method: "GET",
        url: "/api/v1/admin/outbox",
        headers: { cookie: admin.cookie },
      });
      const row = outbox.json().items.find((item: { to: string }) => item.to === email);
      expect(tokenFromEmail(row.textBody)).toBe(token);
    } finally {
      await t.close();
    }
  });

  it("with SMTP configured the admin outbox shows bodies with tokens redacted", async () => {
    const smtp = await startFakeSmtp();
    const t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    try {
      const email = "smtp-outbox@example.test";
      await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-up",
        headers: { origin: TEST_ORIGIN },
        payload: signUpBody(email),
      });
      const token = tokenFromEmail((await t.latestEmail(email, "verify-email"))?.text_body ?? "");
      const admin = await t.signedIn("admin");
      const outbox = await t.app.inject({
        method: "GET",
        url: "/api/v1/admin/outbox",
        headers: { cookie: admin.cookie },
      });
      expect(outbox.statusCode).toBe(200);
      const row = outbox.json().items.find((item: { to: string }) => item.to === email);
      expect(row.textBody).toContain("verify-email?token=[redacted]");
      expect(row.textBody).not.toContain(token);
      expect(row.textBody).toContain("Welcome to SoulSeer");
    } finally {
      await t.close();
      await smtp.close();
    }
  });
});
