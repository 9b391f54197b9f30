import { emailDeliveryJob } from "./core/email/email-delivery.job.ts";
import { idempotencyPruneJob } from "./core/idempotency/idempotency-prune.job.ts";
import type { JobDefinition } from "./core/jobs/define-job.ts";
import { retentionPruneJob } from "./core/retention/retention-prune.job.ts";
// The job file itself, not the module's index: a job is composition, not part of the module's public surface.
import { passwordResetRequestJob } from "./modules/identity/password-reset-request.job.ts";

/** Every job this version can run, by the name stored in `jobs.name`. A name, once shipped, keeps its payload. */
export const jobDefinitions = {
  email_delivery: emailDeliveryJob,
  password_reset_request: passwordResetRequestJob,
  idempotency_prune: idempotencyPruneJob,
  retention_prune: retentionPruneJob,
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof jobDefinitions;
export type JobRegistry = Readonly<Record<string, JobDefinition>>;
