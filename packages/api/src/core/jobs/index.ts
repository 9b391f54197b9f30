export { type JobName, type JobRegistry, jobDefinitions } from "../../job-registry.ts";
export { defineJob, type JobDefinition, type JobDeps } from "./define-job.ts";
export { createJobQueue, type JobPayload, type JobQueue } from "./job-queue.ts";
export { jobRetryDelayMs, type RunJobsOptions, type RunJobsResult, runDueJobs } from "./run-jobs.ts";
