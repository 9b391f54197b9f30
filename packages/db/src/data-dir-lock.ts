import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * PGlite is one PostgreSQL backend inside one process: a second process on the same files (`pnpm db migrate`
 * while `pnpm dev` runs) would corrupt them. So whoever opens an embedded data directory holds a lock file in
 * it that names its pid. The file appears complete or not at all (written aside, then hard-linked into place,
 * which fails if it exists). A lock whose process is gone (kill -9, a crash) is taken over.
 */
const LOCK_FILE = "plinth.lock";

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid}; stop it first (PGlite allows one process at a time)`,
    );
    this.name = "DataDirLockedError";
  }
}

export interface DataDirLock {
  /** Removes the lock if it is still ours. */
  release(): void;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function holderOf(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  const pending = `${file}.${process.pid}`;
  writeFileSync(pending, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(pending, file);
        return {
          release: () => {
            if (holderOf(file) === process.pid) rmSync(file, { force: true });
          },
        };
      } catch (error) {
        if (code(error) !== "EEXIST") throw error;
      }
      const holder = holderOf(file);
      // Our own pid too: a second handle in this process would corrupt the files just the same.
      if (holder !== null && isRunning(holder)) throw new DataDirLockedError(dataDir, holder);
      try {
        unlinkSync(file);
      } catch (error) {
        if (code(error) !== "ENOENT") throw error;
      }
    }
    throw new Error(`Could not lock the embedded database in ${dataDir}: its lock file keeps changing`);
  } finally {
    rmSync(pending, { force: true });
  }
}
