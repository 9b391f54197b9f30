import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    // One `vitest run` runs both projects and writes one report; `--project e2e` runs the browser test alone.
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          // `pnpm typecheck` already fails on these; running them here too puts the type tests in the test report.
          // Vitest drives TS7's tsc fine (checked), though it calls the feature experimental and prints a notice.
          typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
          // The bundle and compile-error tests run `vite build` and `tsc` as child processes: slow on 2 cores.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          // The real API server, a Vite dev server and Chromium: each step and hook sets its own, longer timeout.
          include: ["e2e/**/*.test.ts"],
          // Each file starts its own API server, Vite and Chromium: one file at a time on two cores.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
