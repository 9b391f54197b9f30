import { fileURLToPath } from "node:url";
import type { TestProjectInlineConfiguration } from "vitest/config";
import { readDbEnv } from "../env.ts";

const setupFile = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

/**
 * The vitest projects every database-backed package runs: `pglite` always, and `postgres` as well when
 * TEST_DATABASE_URL is set. The same test files run in each; only the global setup differs.
 */
export function databaseTestProjects(
  include: string[] = ["src/**/*.test.ts"],
): TestProjectInlineConfiguration[] {
  // Starting PGlite (WASM) and copying databases is slow on a loaded 2-core machine; hooks get room for that.
  const common = { include, hookTimeout: 120_000, testTimeout: 60_000 };
  const projects: TestProjectInlineConfiguration[] = [
    {
      extends: true,
      test: {
        ...common,
        name: "pglite",
        globalSetup: [setupFile("global-setup-pglite.ts")],
      },
    },
  ];
  if (readDbEnv().TEST_DATABASE_URL) {
    projects.push({
      extends: true,
      test: {
        ...common,
        name: "postgres",
        globalSetup: [setupFile("global-setup-postgres.ts")],
      },
    });
  }
  return projects;
}
