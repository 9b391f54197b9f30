export { type JobName, type JobRegistry, jobDefinitions } from "../../job-registry.ts";
export { defineJob, type JobDefinition, type JobDeps } from "./define-job.ts";
export { enqueueJob } from "./enqueue-job.ts";
export { jobRetryDelayMs, type RunJobsOptions, type RunJobsResult, runDueJobs } from "./run-jobs.ts";
