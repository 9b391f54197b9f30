import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/index.ts";
import { enqueueEmail, listRecentEmails, markEmailFailed, markEmailSent } from "./email-outbox.queries.ts";

const t = useTestDatabase();

const email = (to: string) => ({ kind: "test", to_address: to, subject: "Hi", text_body: "Body" });

describe("email outbox", () => {
  it("records a failed send and then the delivery", async () => {
    const to = `f-${randomUUID()}@example.com`;
    const queued = await enqueueEmail(t.db, email(to));
    await markEmailFailed(t.db, queued.id, "smtp said no");
    const [failed] = await listRecentEmails(t.db, { to, limit: 1 });
    expect(failed).toMatchObject({ last_error: "smtp said no", attempts: 1, sent_at: null });
    await markEmailSent(t.db, queued.id, new Date());
    const [sent] = await listRecentEmails(t.db, { to: to.toUpperCase(), limit: 1 });
    expect(sent?.sent_at).toBeInstanceOf(Date);
    expect(sent?.last_error).toBeNull();
  });
});
