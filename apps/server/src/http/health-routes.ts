import type { ServerResponse } from "node:http";
import type { RateLimiter } from "@plinth/auth";
import { checkDatabase, type Database, databaseKind } from "@plinth/db";
import type { Logger } from "pino";
import { sendJson } from "./send-json.ts";

/** Liveness: the process is up and its event loop turns. Never touches the database, so a DB outage does not get the process restarted. */
export function liveness(res: ServerResponse): void {
  sendJson(res, 200, { status: "ok" });
}

const READINESS_TIMEOUT_MS = 3_000;

type Check = "ok" | "unreachable" | "migrations pending";

/** Resolves "timeout" instead of hanging when a dependency is frozen. */
async function within<T>(work: Promise<T>): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), READINESS_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function checkStore(limiter: RateLimiter, logger: Logger): Promise<Check> {
  const ping = limiter.ping;
  if (!ping) return "ok";
  const outcome = await within(ping().then(() => "ok" as const)).catch((error: unknown) => error);
  if (outcome === "ok") return "ok";
  logger.warn(
    { error: outcome === "timeout" ? "timed out" : String(outcome), store: limiter.storeKind },
    "readiness: rate-limit store unreachable",
  );
  return "unreachable";
}

async function checkDb(db: Database, logger: Logger): Promise<Check> {
  const health = await within(checkDatabase(db));
  if (health === "timeout" || !health.reachable) {
    logger.warn(
      { error: health === "timeout" ? "timed out" : health.error },
      "readiness: database unreachable",
    );
    return "unreachable";
  }
  if (health.pendingMigrations.length > 0) {
    logger.warn({ pending: health.pendingMigrations }, "readiness: migrations pending");
    return "migrations pending";
  }
  return "ok";
}

/**
 * Readiness: every dependency a call may need answers within a few seconds (the database, with its schema
 * current, and the rate-limit store when it is Redis or PostgreSQL). 503 otherwise, so a load balancer stops
 * sending traffic. `checks` names each dependency's state; the log has the detail (ADR 010).
 */
export async function readiness(
  res: ServerResponse,
  db: Database,
  logger: Logger,
  rateLimiter?: RateLimiter,
): Promise<void> {
  const [databaseCheck, storeCheck] = await Promise.all([
    checkDb(db, logger),
    rateLimiter?.storeKind ? checkStore(rateLimiter, logger) : undefined,
  ]);
  const checks = {
    database: databaseCheck,
    ...(storeCheck && rateLimiter?.storeKind ? { rateLimitStore: storeCheck } : {}),
  };
  const database = databaseKind(db);
  const reason =
    databaseCheck === "unreachable"
      ? "database unreachable"
      : databaseCheck === "migrations pending"
        ? "migrations pending"
        : storeCheck === "unreachable"
          ? "rate-limit store unreachable"
          : undefined;
  if (reason) sendJson(res, 503, { status: "unavailable", reason, database, checks });
  else sendJson(res, 200, { status: "ready", database, checks });
}
