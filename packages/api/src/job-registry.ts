import type { JobDefinition } from "./core/jobs/define-job.ts";
// The job file itself, not the module's index: the index pulls in the routers, which enqueue through this
// registry, and that cycle would leave the entry undefined while the registry object is built.
import { passwordResetRequestJob } from "./modules/identity/password-reset-request.job.ts";

/** Every job this version can run, by the name stored in `jobs.name`. A name, once shipped, keeps its payload. */
export const jobDefinitions = {
  password_reset_request: passwordResetRequestJob,
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof jobDefinitions;
export type JobRegistry = Readonly<Record<string, JobDefinition>>;
