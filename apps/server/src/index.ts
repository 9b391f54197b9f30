export { type AppOptions, createApp } from "./app.ts";
export { parseEnv, type ServerEnv } from "./env.ts";
export { createLogger, type Logger } from "./logger.ts";
export { type RunningServer, type ServerOptions, startServer } from "./server.ts";
