import { type Executor, jobs as jobQueries } from "@plinth/db";
import type { z } from "zod";
import { type JobName, jobDefinitions } from "../../job-registry.ts";

export type JobPayload<Name extends JobName> = z.input<(typeof jobDefinitions)[Name]["payload"]>;

/** The one way to defer work (`services.jobs`): mail is one job name among the others. */
export interface JobQueue {
  /**
   * Queues a job, its payload checked against the job's schema first. Given a transaction, the job exists if and
   * only if it commits; the worker then finds it on its next poll, since a nudge now would come before the commit.
   */
  enqueue<Name extends JobName>(db: Executor, name: Name, payload: JobPayload<Name>): Promise<string>;
}

/** `onQueued` runs after a job was queued outside a transaction, so an in-process worker starts it at once. */
export function createJobQueue(opts: { onQueued?: () => void } = {}): JobQueue {
  return {
    async enqueue(db, name, payload) {
      const checked = jobDefinitions[name].payload.parse(payload) as Record<string, unknown>;
      const job = await jobQueries.enqueueJob(db, { name, payload: checked });
      if (!db.isTransaction) opts.onQueued?.();
      return job.id;
    },
  };
}
