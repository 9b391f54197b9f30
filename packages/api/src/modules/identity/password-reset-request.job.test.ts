import { audit, users } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { sql } from "kysely";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { runDueJobs } from "../../core/jobs/run-jobs.ts";
import type { Services } from "../../core/services.ts";
import { permissiveLimiter, randomIp, signUp, uniqueEmail } from "../../testing/test-auth.ts";
import { createTestServices, testCaller } from "../../testing/test-context.ts";

const t = useTestDatabase();
const logger = pino({ level: "silent" });
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});
const deps = () => ({ db: t.db, services, logger });
const mailbox = (to: string) => testCaller(t.db, { services }).dev.mailbox({ to, limit: 50 });
const resetJobFor = async (email: string) =>
  t.db
    .selectFrom("jobs")
    .selectAll()
    .where("name", "=", "password_reset_request")
    .where(sql`payload->>'email'`, "=", email)
    .executeTakeFirstOrThrow();

describe("password_reset_request job", () => {
  it("the request only queues; the job mails the link and audits with the requester's ip and request id", async () => {
    const user = await signUp(t.db, services);
    const ip = randomIp();
    const caller = testCaller(t.db, { services, ip });
    expect(await caller.auth.requestPasswordReset({ email: user.email })).toEqual({ ok: true });
    expect((await mailbox(user.email)).map((m) => m.kind)).not.toContain("password_reset");

    expect((await runDueJobs(deps())).succeeded).toBeGreaterThanOrEqual(1);
    const mail = (await mailbox(user.email)).find((m) => m.kind === "password_reset");
    expect(mail?.text).toMatch(/\/reset-password\?token=[a-z2-7]{52}/);
    const job = await resetJobFor(user.email);
    expect(job).toMatchObject({ attempts: 1, last_error: null });
    expect(job.finished_at).toBeInstanceOf(Date);
    const [entry] = await audit.listAuditEvents(t.db, { subjectUserId: user.user.id, limit: 1 });
    expect(entry).toMatchObject({ event: "password_reset_requested", ip, request_id: caller.ctx.requestId });
  });

  it("mails nothing for an unknown or a disabled address, and still finishes the job", async () => {
    const ghost = uniqueEmail("ghost");
    const disabled = await signUp(t.db, services);
    await users.updateUser(t.db, disabled.user.id, { disabled_at: new Date() });
    for (const email of [ghost, disabled.email])
      await testCaller(t.db, { services, ip: randomIp() }).auth.requestPasswordReset({ email });
    await runDueJobs(deps());
    for (const email of [ghost, disabled.email]) {
      expect((await mailbox(email)).map((m) => m.kind)).not.toContain("password_reset");
      const job = await resetJobFor(email);
      expect(job.finished_at).toBeInstanceOf(Date);
      expect(job.last_error).toBeNull();
    }
  });
});
