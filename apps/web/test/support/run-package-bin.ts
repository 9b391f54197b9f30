import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { childProcessEnv } from "./env.ts";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const require = createRequire(import.meta.url);

/**
 * Runs a package's own bin with this Node, resolved from apps/web's dependencies, so the tests use the exact
 * tsc and vite versions the scripts do, independent of PATH. Never rejects on a non-zero exit: callers assert on it.
 */
export function runPackageBin(pkg: string, args: string[], cwd: string): Promise<RunResult> {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    bin?: string | Record<string, string>;
  };
  const bin = typeof manifest.bin === "string" ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  if (!bin) throw new Error(`${pkg} declares no bin`);

  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(dirname(manifestPath), bin), ...args],
      { cwd, env: childProcessEnv(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
