import pino, { type Logger } from "pino";

export type { Logger };

/**
 * JSON lines in production (one object per line, for a log pipeline), pretty-printed in development. Anything
 * that could hold a credential is redacted by path, so a careless `logger.info({ req })` cannot leak it.
 */
export function createLogger(opts: { level: string; pretty: boolean }): Logger {
  return pino({
    level: opts.level,
    // The pid tells a cluster's workers apart (WEB_CONCURRENCY, ADR 022); pino drops it once `base` is given.
    base: { service: "plinth-server", pid: process.pid },
    redact: {
      paths: [
        "headers.authorization",
        "headers.cookie",
        'headers["set-cookie"]',
        "*.password",
        "*.token",
        "*.passwordHash",
        "*.password_hash",
      ],
      censor: "[redacted]",
    },
    ...(opts.pretty
      ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "HH:MM:ss.l" } } }
      : {}),
  });
}
