import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/index.ts";
import {
  claimDueEmails,
  enqueueEmail,
  listRecentEmails,
  markEmailFailed,
  markEmailSent,
} from "./email-outbox.queries.ts";

const t = useTestDatabase();

const email = (to: string) => ({ kind: "test", to_address: to, subject: "Hi", text_body: "Body" });

describe("email outbox", () => {
  it("claims due emails with a lease, and not again until it runs out", async () => {
    const to = `o-${randomUUID()}@example.com`;
    const queued = await enqueueEmail(t.db, email(to));
    const now = new Date(Date.now() + 1000);
    const claimed = await claimDueEmails(t.db, { limit: 100, now, leaseMs: 60_000, maxAttempts: 5 });
    expect(claimed.map((e) => e.id)).toContain(queued.id);
    expect(claimed.find((e) => e.id === queued.id)?.attempts).toBe(1);
    const again = await claimDueEmails(t.db, { limit: 100, now, leaseMs: 60_000, maxAttempts: 5 });
    expect(again.map((e) => e.id)).not.toContain(queued.id);
    const afterLease = await claimDueEmails(t.db, {
      limit: 100,
      now: new Date(now.getTime() + 61_000),
      leaseMs: 60_000,
      maxAttempts: 5,
    });
    expect(afterLease.find((e) => e.id === queued.id)?.attempts).toBe(2);
  });

  it("never hands one email to two concurrent claimers", async () => {
    const tag = randomUUID();
    for (let i = 0; i < 30; i++) await enqueueEmail(t.db, email(`c${i}-${tag}@example.com`));
    const now = new Date(Date.now() + 1000);
    const batches = await Promise.all(
      Array.from({ length: 5 }, () =>
        claimDueEmails(t.db, { limit: 10, now, leaseMs: 60_000, maxAttempts: 5 }),
      ),
    );
    const ids = batches
      .flat()
      .filter((e) => e.to_address.endsWith(`${tag}@example.com`))
      .map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(30);
  });

  it("records delivery, failure and retry time; gives up after maxAttempts", async () => {
    const to = `f-${randomUUID()}@example.com`;
    const queued = await enqueueEmail(t.db, email(to));
    const retryAt = new Date(Date.now() + 3_600_000);
    await markEmailFailed(t.db, queued.id, "smtp said no", retryAt);
    const [failed] = await listRecentEmails(t.db, { to, limit: 1 });
    expect(failed).toMatchObject({ last_error: "smtp said no", available_at: retryAt, sent_at: null });
    await markEmailSent(t.db, queued.id, new Date());
    const [sent] = await listRecentEmails(t.db, { to: to.toUpperCase(), limit: 1 });
    expect(sent?.sent_at).toBeInstanceOf(Date);
    expect(sent?.last_error).toBeNull();

    const stuck = await enqueueEmail(t.db, email(`s-${randomUUID()}@example.com`));
    const later = new Date(Date.now() + 10_000);
    const claimed = await claimDueEmails(t.db, { limit: 1000, now: later, leaseMs: 0, maxAttempts: 1 });
    expect(claimed.map((e) => e.id)).toContain(stuck.id);
    const none = await claimDueEmails(t.db, {
      limit: 1000,
      now: new Date(later.getTime() + 1),
      leaseMs: 0,
      maxAttempts: 1,
    });
    expect(none.map((e) => e.id)).not.toContain(stuck.id);
  });
});
