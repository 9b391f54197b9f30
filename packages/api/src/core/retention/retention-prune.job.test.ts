import { jobs, outbox } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import pino from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { jobDefinitions } from "../../job-registry.ts";
import { permissiveLimiter } from "../../testing/test-auth.ts";
import { createTestServices } from "../../testing/test-context.ts";
import { runDueJobs } from "../jobs/run-jobs.ts";
import type { Services } from "../services.ts";
import { RETENTION_MS, RETENTION_PRUNE_EVERY_MS, scheduleRetentionPrune } from "./retention-prune.job.ts";

const t = useTestDatabase();
const logger = pino({ level: "silent" });
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});

describe("retention prune job", () => {
  it("is registered, deletes each table's rows past their retention only, and queues its successor", async () => {
    expect(Object.keys(jobDefinitions)).toContain("retention_prune");
    // A clock a year ahead: the rows this test makes are then old, other tests' rows are not touched by what it
    // asserts (it counts its own rows).
    const now = new Date(Date.now() + 365 * 24 * 60 * 60_000);
    const clocked = { ...services, clock: { now: () => now } };
    const at = (msBeforeNow: number) => new Date(+now - msBeforeNow);

    const finished = async (ago: number) => {
      const job = await jobs.enqueueJob(t.db, { name: "retention_probe", payload: {} });
      await jobs.completeJob(t.db, job.id, at(ago));
      return job.id;
    };
    const sent = async (ago: number) => {
      const email = await outbox.enqueueEmail(t.db, {
        kind: "probe",
        to_address: "someone@example.com",
        subject: "s",
        text_body: "b",
      });
      await outbox.markEmailSent(t.db, email.id, at(ago));
      return email.id;
    };
    const staleJob = await finished(RETENTION_MS.jobs + 60_000);
    const keptJob = await finished(RETENTION_MS.jobs - 60_000);
    const staleEmail = await sent(RETENTION_MS.email_outbox + 60_000);
    const keptEmail = await sent(RETENTION_MS.email_outbox - 60_000);

    await scheduleRetentionPrune(t.db, now);
    expect(await runDueJobs({ db: t.db, services: clocked, logger }, { now })).toMatchObject({ failed: 0 });

    const jobIds = (
      await t.db.selectFrom("jobs").select("id").where("id", "in", [staleJob, keptJob]).execute()
    ).map((r) => r.id);
    expect(jobIds).toEqual([keptJob]);
    const emailIds = (
      await t.db.selectFrom("email_outbox").select("id").where("id", "in", [staleEmail, keptEmail]).execute()
    ).map((r) => r.id);
    expect(emailIds).toEqual([keptEmail]);

    const next = await t.db
      .selectFrom("jobs")
      .selectAll()
      .where("name", "=", "retention_prune")
      .where("finished_at", "is", null)
      .execute();
    expect(next.map((j) => j.run_at)).toEqual([new Date(+now + RETENTION_PRUNE_EVERY_MS)]);
  });
});
