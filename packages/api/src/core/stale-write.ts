import { AppError } from "./errors.ts";

/**
 * An optimistic write based on a version that is no longer current (409, STALE_WRITE; REST's If-Match shows it
 * as 412). Nothing was written; the caller reloads and decides again.
 */
export const staleWrite = (what: string) =>
  new AppError("STALE_WRITE", `Someone else changed this ${what} since you loaded it; reload and try again`, {
    details: [{ path: "version", message: "Stale version" }],
  });
