import { randomUUID } from "node:crypto";

// Accept the caller's id (a proxy's, or a client's) only if it is short and plain, so it cannot inject log lines
// or bloat every log entry.
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

export function resolveRequestId(header: string | string[] | undefined): string {
  return typeof header === "string" && WELL_FORMED.test(header) ? header : randomUUID();
}
