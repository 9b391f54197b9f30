import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Where the embedded database lives unless PGLITE_DATA_DIR says otherwise: `.data/pglite` at the workspace
 * root, so the server (run from apps/server) and the CLI (run from packages/db) open the same files.
 */
export function defaultPgliteDataDir(from: string = process.cwd()): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(from, ".data/pglite");
    dir = parent;
  }
  return join(dir, ".data/pglite");
}
