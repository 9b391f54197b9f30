export { childServerEnv } from "./env.ts";
export { type ChildServer, freePorts, startChildServer, withTimeout } from "./processes.ts";
