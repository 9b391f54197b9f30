import { defineConfig } from "vitest/config";
import { testDatabaseUrl } from "./src/env.ts";

const project = (engine: "pglite" | "postgres", env: Record<string, string>) => ({
  extends: true as const,
  test: {
    name: engine,
    env: { CONTRACT_ENGINE: engine, ...env },
    globalSetup: ["./src/support/global-setup.ts"],
  },
});

// The whole contract, once on the embedded database and once on PostgreSQL when TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    projects: [
      project("pglite", {}),
      ...(testDatabaseUrl ? [project("postgres", { CONTRACT_POSTGRES_URL: testDatabaseUrl })] : []),
    ],
  },
});
