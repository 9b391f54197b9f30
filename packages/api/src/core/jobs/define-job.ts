import type { Database } from "@plinth/db";
import type { Logger } from "pino";
import type { z } from "zod";
import type { Services } from "../services.ts";

/** What a job handler may use: plain collaborators, no request, no session. */
export interface JobDeps {
  db: Database;
  services: Services;
  logger: Logger;
}

export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  /** Checked when the job is queued and again when it runs: a row edited or left by an older version is refused. */
  payload: Schema;
  /** Attempts before the job is given up (default 5). */
  maxAttempts?: number;
  /**
   * Runs at least once per job: a retry after a crash or a failed completion runs it again, so side effects must
   * be harmless to repeat.
   */
  handler: (deps: JobDeps, payload: z.output<Schema>, job: { id: string; attempts: number }) => Promise<void>;
}

/** Declares a job; the identity function keeps the payload type tied to the handler's parameter. */
export const defineJob = <Schema extends z.ZodType>(definition: JobDefinition<Schema>) => definition;
