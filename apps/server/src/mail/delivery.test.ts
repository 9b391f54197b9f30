import { randomUUID } from "node:crypto";
import { type OutboxEmail, outbox } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import pino from "pino";
import { describe, expect, inject, it } from "vitest";
import { startOutboxWorker } from "./outbox-worker.ts";
import { startPgBossDelivery } from "./pg-boss-delivery.ts";
import type { MailTransport } from "./transport.ts";

const t = useTestDatabase();
const logger = pino({ level: "silent" });
const onPostgres = inject("plinthDatabase").driver === "postgres";

/** A transport that records what it sends and fails the first `failures` attempts, like a flaky SMTP server. */
function recordingTransport(failures = 0): MailTransport & { sent: OutboxEmail[]; attempts: number } {
  const sent: OutboxEmail[] = [];
  const transport = {
    name: "recording",
    sent,
    attempts: 0,
    async send(email: OutboxEmail) {
      transport.attempts++;
      if (transport.attempts <= failures) throw new Error("smtp unavailable");
      sent.push(email);
    },
    close() {},
  };
  return transport;
}

const mail = (tag: string) => ({
  kind: "test",
  to_address: `${tag}-${randomUUID()}@example.com`,
  subject: "S",
  text_body: "B",
});

describe("in-process outbox worker", () => {
  it("delivers queued email and marks it sent", async () => {
    const transport = recordingTransport();
    const queued = await outbox.enqueueEmail(t.db, mail("poll"));
    const worker = startOutboxWorker({ db: t.db, transport, logger, pollIntervalMs: 100 });
    try {
      await expect.poll(() => transport.sent.some((e) => e.id === queued.id), { timeout: 20_000 }).toBe(true);
      await expect
        .poll(async () => (await outbox.findOutboxEmail(t.db, queued.id))?.sent_at ?? null, {
          timeout: 20_000,
        })
        .toBeInstanceOf(Date);
    } finally {
      await worker.stop();
    }
  });

  it("records a failure and schedules a retry instead of losing the email", async () => {
    const transport = recordingTransport(1_000);
    const queued = await outbox.enqueueEmail(t.db, mail("fail"));
    const worker = startOutboxWorker({ db: t.db, transport, logger, pollIntervalMs: 100 });
    try {
      await expect
        .poll(async () => (await outbox.findOutboxEmail(t.db, queued.id))?.last_error ?? null, {
          timeout: 20_000,
        })
        .toBe("smtp unavailable");
      const row = await outbox.findOutboxEmail(t.db, queued.id);
      expect(row?.sent_at).toBeNull();
      expect(row?.attempts).toBeGreaterThanOrEqual(1);
      expect(row?.available_at.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await worker.stop();
    }
  });
});

describe.runIf(onPostgres)("pg-boss delivery (PostgreSQL)", () => {
  it("delivers jobs committed with their outbox row, never those rolled back, and retries failures", async () => {
    const transport = recordingTransport(1);
    const delivery = await startPgBossDelivery({
      connectionString: t.current.connectionString ?? "",
      db: t.db,
      transport,
      logger,
      retryDelaySec: 1,
      pollingIntervalSeconds: 0.5,
    });
    try {
      const rolledBack = await t.db
        .transaction()
        .execute(async (trx) => {
          const row = await outbox.enqueueEmail(trx, mail("rollback"));
          await delivery.onEmailQueued(trx, row.id);
          throw Object.assign(new Error("abort"), { rowId: row.id });
        })
        .catch((e: { rowId: string }) => e.rowId);
      const committed = await t.db.transaction().execute(async (trx) => {
        const row = await outbox.enqueueEmail(trx, mail("commit"));
        await delivery.onEmailQueued(trx, row.id);
        return row.id;
      });

      // The first attempt fails (flaky transport); pg-boss retries and the email goes out.
      await expect
        .poll(() => transport.sent.map((e) => e.id), { timeout: 60_000, interval: 250 })
        .toContain(committed);
      expect(transport.attempts).toBeGreaterThanOrEqual(2);
      await expect
        .poll(async () => (await outbox.findOutboxEmail(t.db, committed))?.sent_at ?? null, {
          timeout: 20_000,
        })
        .toBeInstanceOf(Date);
      // Nothing of the rolled-back transaction exists: neither the outbox row nor a job for it.
      expect(await outbox.findOutboxEmail(t.db, rolledBack)).toBeUndefined();
      expect(transport.sent.map((e) => e.id)).not.toContain(rolledBack);
    } finally {
      await delivery.stop();
    }
  });
});
