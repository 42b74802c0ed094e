import type { FastifyBaseLogger } from "fastify";
import nodemailer from "nodemailer";
import { redactSecrets } from "../redact.js";

/** A file sent with an email (a calendar invitation): text content, its MIME type and name. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: readonly MailAttachment[];
}

/** Delivers one message. `logged` means no SMTP is configured and the log is the mailbox. */
export interface Mailer {
  deliver(message: MailMessage): Promise<"sent" | "logged">;
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async deliver(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: (message.attachments ?? []).map((attachment) => ({ ...attachment })),
      });
      return "sent";
    },
  };
}

export function createLogMailer(logger: FastifyBaseLogger): Mailer {
  return {
    async deliver(message) {
      logger.info(
        { mail: { to: message.to, subject: message.subject } },
        // The links' tokens stay out of the log: the outbox (Admin → Outbox) shows them.
        `email (outbox) to ${message.to}: ${message.subject}\n${redactSecrets(message.text)}`,
      );
      return "logged";
    },
  };
}

/** SMTP when a server is configured, otherwise the log (the outbox table is then the mailbox). */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  logger: FastifyBaseLogger;
}): Mailer {
  return options.smtpUrl ? createSmtpMailer(options.smtpUrl, options.from) : createLogMailer(options.logger);
}
