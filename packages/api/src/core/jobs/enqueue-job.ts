import { type Executor, jobs as jobQueries } from "@plinth/db";
import type { z } from "zod";
import { type JobName, jobDefinitions } from "../../job-registry.ts";
import type { Context } from "../context.ts";

/**
 * Queues a job for the worker, its payload checked against the job's schema first. Given a transaction, the job
 * exists if and only if it commits; the worker is then left to find it on its next poll, since a nudge now
 * would come before the commit.
 */
export async function enqueueJob<Name extends JobName>(
  ctx: Pick<Context, "services">,
  db: Executor,
  name: Name,
  payload: z.input<(typeof jobDefinitions)[Name]["payload"]>,
): Promise<string> {
  const checked = jobDefinitions[name].payload.parse(payload) as Record<string, unknown>;
  const job = await jobQueries.enqueueJob(db, { name, payload: checked });
  if (!db.isTransaction) ctx.services.onJobQueued?.();
  return job.id;
}
