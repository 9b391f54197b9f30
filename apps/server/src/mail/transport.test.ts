import type { AddressInfo } from "node:net";
import type { OutboxEmail } from "@plinth/db";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devMailboxTransport, smtpTransport } from "./transport.ts";

const received: { from: string; to: string[]; raw: string }[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  // A real SMTP server on loopback, so the nodemailer transport is exercised over the wire.
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => {
        raw += c.toString();
      });
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const email: OutboxEmail = {
  id: "00000000-0000-4000-8000-000000000001",
  kind: "test",
  to_address: "ada@example.com",
  subject: "Hello over SMTP",
  text_body: "Body line",
  created_at: new Date(),
  available_at: new Date(),
  attempts: 1,
  last_error: null,
  sent_at: null,
};

describe("mail transports", () => {
  it("sends through SMTP with the configured sender", async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, "plinth <no-reply@plinth.test>");
    try {
      await transport.send(email);
    } finally {
      transport.close();
    }
    expect(received).toHaveLength(1);
    expect(received[0]?.from).toBe("no-reply@plinth.test");
    expect(received[0]?.to).toEqual(["ada@example.com"]);
    expect(received[0]?.raw).toContain("Subject: Hello over SMTP");
    expect(received[0]?.raw).toContain("Body line");
  });

  it("throws when the SMTP server is unreachable, so the worker retries", async () => {
    const transport = smtpTransport("smtp://127.0.0.1:1", "plinth <no-reply@plinth.test>");
    await expect(transport.send(email)).rejects.toThrow();
    transport.close();
  });

  it("keeps mail in the dev mailbox and logs no body", async () => {
    const lines: string[] = [];
    const transport = devMailboxTransport(pino({ level: "info" }, { write: (l: string) => lines.push(l) }));
    await transport.send({ ...email, text_body: "secret-link-token-abc123" });
    expect(lines.join()).toContain("Hello over SMTP");
    expect(lines.join()).not.toContain("secret-link-token-abc123");
  });
});
