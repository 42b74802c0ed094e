import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";

/** A minimal SMTP server on loopback that accepts every message and keeps it. */
function startFakeSmtp() {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current = { from: "", to: [] as string[], data: "" };
    socket.write("220 fake-smtp ready\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let index = buffer.indexOf("\r\n");
      while (index >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            messages.push(current);
            current = { from: "", to: [], data: "" };
            socket.write("250 queued\r\n");
          } else current.data += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write("250 fake-smtp\r\n");
        else if (/^MAIL FROM:/i.test(line)) {
          current.from = line.slice(10);
          socket.write("250 ok\r\n");
        } else if (/^RCPT TO:/i.test(line)) {
          current.to.push(line.slice(8));
          socket.write("250 ok\r\n");
        } else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (/^QUIT/i.test(line)) {
          socket.end("221 bye\r\n");
        } else socket.write("250 ok\r\n");
        index = buffer.indexOf("\r\n");
      }
    });
  });
  return new Promise<{ port: number; messages: typeof messages; close(): Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        messages,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

async function waitForStatus(t: TestApp, outboxId: string, status: string) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const result = await t.database.pool.query("select status from email_outbox where id = $1", [outboxId]);
    if (result.rows[0]?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`outbox ${outboxId} never reached ${status}`);
}

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
