import { type OutboxEmail, outbox } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { sql } from "kysely";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { permissiveLimiter } from "../../testing/test-auth.ts";
import { createTestServices } from "../../testing/test-context.ts";
import { jobRetryDelayMs, runDueJobs } from "../jobs/run-jobs.ts";
import type { Services } from "../services.ts";
import type { MailTransport } from "./mail-transport.ts";
import { queueEmail } from "./queue-email.ts";

const t = useTestDatabase();
const logger = pino({ level: "silent" });

/** A transport that records what it sends and fails the first `failures` attempts, like a flaky SMTP server. */
function flakyTransport(failures: number): MailTransport & { sent: OutboxEmail[]; attempts: number } {
  const transport = {
    name: "flaky",
    sent: [] as OutboxEmail[],
    attempts: 0,
    async send(email: OutboxEmail) {
      transport.attempts++;
      if (transport.attempts <= failures) throw new Error("smtp unavailable");
      transport.sent.push(email);
    },
    close() {},
  };
  return transport;
}

let services: Services;
const transport = flakyTransport(1);
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter(), mailer: transport });
});

const message = (tag: string) => ({
  kind: "test",
  to: `${tag}-${crypto.randomUUID()}@example.com`,
  subject: "S",
  text: "B",
});
const deliveryJobs = (outboxId: string) =>
  t.db
    .selectFrom("jobs")
    .selectAll()
    .where("name", "=", "email_delivery")
    .where(sql`payload->>'outboxId'`, "=", outboxId)
    .execute();

describe("email delivery is a job of the one queue", () => {
  it("sends mail committed with its change, never mail rolled back, and retries a failing transport", async () => {
    const rolledBack = await t.db
      .transaction()
      .execute(async (trx) => {
        const doomed = message("rollback");
        await queueEmail({ services }, trx, doomed);
        const [row] = await outbox.listRecentEmails(trx, { to: doomed.to, limit: 1 });
        throw Object.assign(new Error("abort"), { rowId: row?.id ?? "" });
      })
      .catch((e: { rowId: string }) => e.rowId);
    const sent = message("commit");
    await t.db.transaction().execute((trx) => queueEmail({ services }, trx, sent));
    const [row] = await outbox.listRecentEmails(t.db, { to: sent.to, limit: 1 });
    if (!row) throw new Error("test: the committed email is not in the outbox");

    // The first attempt fails: the job and the outbox row say why, and the job waits for its backoff.
    let now = new Date(Date.now() + 1_000);
    await runDueJobs({ db: t.db, services, logger }, { now });
    expect(transport.sent).toEqual([]);
    expect(await outbox.findOutboxEmail(t.db, row.id)).toMatchObject({
      sent_at: null,
      last_error: "smtp unavailable",
    });
    const [failed] = await deliveryJobs(row.id);
    expect(failed).toMatchObject({ attempts: 1, last_error: "smtp unavailable", finished_at: null });

    now = new Date(now.getTime() + jobRetryDelayMs(1));
    await runDueJobs({ db: t.db, services, logger }, { now });
    expect(transport.sent.map((e) => e.id)).toEqual([row.id]);
    expect((await outbox.findOutboxEmail(t.db, row.id))?.sent_at).toBeInstanceOf(Date);
    const [done] = await deliveryJobs(row.id);
    expect(done?.finished_at).toBeInstanceOf(Date);

    // Nothing of the rolled-back transaction exists: neither the outbox row nor a job for it.
    expect(rolledBack).not.toBe("");
    expect(await outbox.findOutboxEmail(t.db, rolledBack)).toBeUndefined();
    expect(await deliveryJobs(rolledBack)).toEqual([]);
  });

  it("does not send an email again that is already marked sent (a repeated job)", async () => {
    const again = message("again");
    await t.db.transaction().execute((trx) => queueEmail({ services }, trx, again));
    const [row] = await outbox.listRecentEmails(t.db, { to: again.to, limit: 1 });
    if (!row) throw new Error("test: the email is not in the outbox");
    await outbox.markEmailSent(t.db, row.id, new Date());
    const before = transport.attempts;
    await runDueJobs({ db: t.db, services, logger }, { now: new Date(Date.now() + 1_000) });
    expect(transport.attempts).toBe(before);
    const [job] = await deliveryJobs(row.id);
    expect(job?.finished_at).toBeInstanceOf(Date);
  });
});
