import type { ServerResponse } from "node:http";
import { checkDatabase, type Database, databaseKind } from "@plinth/db";
import type { Logger } from "pino";
import { sendJson } from "./send-json.ts";

/** Liveness: the process is up and its event loop turns. Never touches the database, so a DB outage does not get the process restarted. */
export function liveness(res: ServerResponse): void {
  sendJson(res, 200, { status: "ok" });
}

const READINESS_TIMEOUT_MS = 3_000;

/**
 * Readiness: the database answers within a few seconds and its schema is current. 503 otherwise, so a load
 * balancer stops sending traffic. The reason is coarse on purpose; the log has the detail.
 */
export async function readiness(res: ServerResponse, db: Database, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), READINESS_TIMEOUT_MS);
  });
  const health = await Promise.race([checkDatabase(db), timeout]).finally(() => clearTimeout(timer));
  const database = databaseKind(db);
  if (health === "timeout" || !health.reachable) {
    logger.warn(
      { error: health === "timeout" ? "timed out" : health.error },
      "readiness: database unreachable",
    );
    sendJson(res, 503, { status: "unavailable", reason: "database unreachable", database });
  } else if (health.pendingMigrations.length > 0) {
    logger.warn({ pending: health.pendingMigrations }, "readiness: migrations pending");
    sendJson(res, 503, { status: "unavailable", reason: "migrations pending", database });
  } else {
    sendJson(res, 200, { status: "ready", database });
  }
}
