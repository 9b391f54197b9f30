import type { JobDefinition } from "./define-job.ts";
import { passwordResetRequestJob } from "./password-reset-request.ts";

/** Every job this version can run, by the name stored in `jobs.name`. A name, once shipped, keeps its payload. */
export const jobDefinitions = {
  password_reset_request: passwordResetRequestJob,
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof jobDefinitions;
export type JobRegistry = Readonly<Record<string, JobDefinition>>;
