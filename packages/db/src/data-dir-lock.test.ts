import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, inject, it } from "vitest";
import { inheritedEnv } from "./testing/env.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const createDatabaseModule = fileURLToPath(new URL("./create-database.ts", import.meta.url));

interface Child {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: packageDir,
    // Never the test's own database settings: the data directory is the only database here.
    env: inheritedEnv({ DATABASE_URL: undefined, PGLITE_DATA_DIR: undefined, ...env }),
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
  return { process: child, output: () => out, exited };
}

/** A process that opens the embedded database, says "open", and keeps it open until killed: `pnpm dev`'s part. */
function holdOpen(dataDir: string): Child {
  const script = `
    import { createDatabase } from ${JSON.stringify(createDatabaseModule)};
    import { sql } from "kysely";
    const db = createDatabase({ dataDir: ${JSON.stringify(dataDir)} });
    await sql\`select 1\`.execute(db);
    console.log("open");
    process.once("SIGTERM", () => db.destroy().then(() => process.exit(0)));
    setInterval(() => {}, 1000);
  `;
  return run(["--input-type=module", "-e", script], {});
}

async function untilOpen(child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!child.output().includes("open")) {
    if (child.process.exitCode !== null || Date.now() > deadline)
      throw new Error(`the holder did not open the database:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const cli = (dataDir: string, ...command: string[]) =>
  run(["src/cli/main.ts", ...command], { PGLITE_DATA_DIR: dataDir });

const children: Child[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) c.process.kill("SIGKILL");
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

// Engine-independent (always PGlite files), so it runs in one project only.
describe.runIf(inject("plinthDatabase").driver === "pglite")(
  "one process per embedded data directory",
  () => {
    it("refuses a second process with one line naming the directory and the holder's pid, until the holder stops", async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "plinth-lock-"));
      dirs.push(dataDir);
      const holder = holdOpen(dataDir);
      children.push(holder);
      await untilOpen(holder);

      const second = cli(dataDir, "migrate", "status");
      expect(await second.exited).toBe(1);
      const lines = second.output().trim().split("\n");
      expect(lines.at(-1)).toBe(
        `The embedded database in ${dataDir} is in use by process ${holder.process.pid}; stop it first (PGlite allows one process at a time)`,
      );
      expect(second.output()).not.toMatch(/\n\s+at /);

      holder.process.kill("SIGTERM");
      expect(await holder.exited).toBe(0);
      expect(existsSync(join(dataDir, "plinth.lock"))).toBe(false);
      const third = cli(dataDir, "migrate", "latest");
      expect(await third.exited).toBe(0);
    });

    it("takes over the lock of a process that died without releasing it, and releases its own on close", async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "plinth-lock-"));
      dirs.push(dataDir);
      const holder = holdOpen(dataDir);
      children.push(holder);
      await untilOpen(holder);
      holder.process.kill("SIGKILL");
      await holder.exited;
      expect(readFileSync(join(dataDir, "plinth.lock"), "utf8").trim()).toBe(String(holder.process.pid));

      const next = cli(dataDir, "migrate", "latest");
      expect(await next.exited).toBe(0);
      expect(existsSync(join(dataDir, "plinth.lock"))).toBe(false);
    });
  },
);
