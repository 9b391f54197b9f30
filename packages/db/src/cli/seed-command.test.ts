import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../seed.ts";
import { inheritedEnv } from "../testing/env.ts";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

function seedCommand(
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "seed"], {
    cwd: packageDir,
    env: inheritedEnv({ DATABASE_URL: undefined, ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output += c.toString();
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

describe.runIf(inject("plinthDatabase").driver === "pglite")("pnpm db seed", () => {
  it("refuses outside NODE_ENV=development in one line, and in development prints the demo password and Acme's tasks", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "plinth-seed-"));
    try {
      for (const nodeEnv of [undefined, "production", "test"]) {
        const refused = await seedCommand({ PGLITE_DATA_DIR: dataDir, NODE_ENV: nodeEnv });
        expect(refused.code).toBe(1);
        expect(refused.output.trim()).toMatch(/^pnpm db seed: refused[^\n]+NODE_ENV=development[^\n]+$/);
      }
      const seeded = await seedCommand({ PGLITE_DATA_DIR: dataDir, NODE_ENV: "development" });
      expect(seeded.code).toBe(0);
      expect(seeded.output).toContain(`"${DEMO_PASSWORD}"`);
      expect(seeded.output).toContain('200 demo tasks in "Acme"');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    // Four CLI processes, each starting tsx and three of them PGlite: minutes on a loaded two-core machine.
  }, 300_000);
});
