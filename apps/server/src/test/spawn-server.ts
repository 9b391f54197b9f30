import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { inheritedEnv } from "./env.ts";

const serverDir = fileURLToPath(new URL("../..", import.meta.url));

export interface SpawnedServer {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs src/main.ts in its own process, as `pnpm dev` would but without the watcher. */
export function spawnServer(env: Record<string, string | undefined>): SpawnedServer {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: inheritedEnv({ LOG_LEVEL: "info", NODE_ENV: "production", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Resolves once `ready` does; rejects with the server's output if the process exits first. */
export async function readyOrExited(server: SpawnedServer, ready: Promise<unknown>): Promise<void> {
  const exited = server.exited.then(
    (code) => new Error(`server exited with ${code} before it was ready:\n${server.output().slice(-3000)}`),
  );
  const outcome = await Promise.race([ready.then(() => undefined), exited]);
  if (outcome instanceof Error) throw outcome;
}
