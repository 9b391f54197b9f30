import type { MailTransport } from "@plinth/api";
import nodemailer from "nodemailer";
import type { Logger } from "pino";

export type { MailTransport };

/** SMTP through nodemailer (SMTP_URL, e.g. smtps://user:pass@smtp.example.com). */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    name: "smtp",
    async send(email) {
      await transporter.sendMail({
        from,
        to: email.to_address,
        subject: email.subject,
        text: email.text_body,
      });
    },
    close: () => transporter.close(),
  };
}

/**
 * Development: nothing leaves the machine. The outbox row itself is the mailbox (`dev.mailbox` reads it), and
 * the log gets a line without the body, since bodies carry single-use tokens.
 */
export function devMailboxTransport(logger: Logger): MailTransport {
  return {
    name: "dev-mailbox",
    async send(email) {
      logger.info(
        { emailId: email.id, kind: email.kind, to: email.to_address, subject: email.subject },
        "email kept in the dev mailbox",
      );
    },
    close: () => {},
  };
}
