// Reads the vitest JSON reports that `pnpm test` expects and says which ones prove a complete run.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

/** Which report each test script writes (its `--outputFile.json`). */
export const REPORTS = { test: "vitest.json", "test:e2e": "vitest-e2e.json" };

/** Every workspace package directory (relative to root) under apps/, packages/, tooling/ and tests/, plus bench/. */
export function workspacePackages(root) {
  return ["apps", "packages", "tooling", "tests", "bench"].flatMap((group) => {
    const dir = join(root, group);
    if (existsSync(join(dir, "package.json"))) return [group];
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map((name) => join(group, name))
      .filter((pkg) => existsSync(join(root, pkg, "package.json")));
  });
}

/** The reports a full run must produce: one per package test script. */
export function expectedReports(root) {
  return workspacePackages(root).flatMap((pkg) => {
    const scripts = JSON.parse(readFileSync(join(root, pkg, "package.json"), "utf8")).scripts ?? {};
    return Object.entries(REPORTS)
      .filter(([script]) => scripts[script])
      .map(([script, report]) => ({ pkg, script, file: join(root, pkg, "test-results", report) }));
  });
}

/** Reports of an earlier run must never stand in for this one. */
export function deleteReports(expected) {
  for (const { file } of expected) rmSync(file, { force: true });
}

/**
 * One verdict per expected report. A report is a pass only if it was written after `startedMs`, ran at least one
 * test file and one test, was not interrupted, and nothing in it failed.
 */
export function judgeReports(expected, startedMs) {
  return expected.map(({ pkg, script, file }) => {
    const label = `${pkg} (${script})`;
    // File times are coarser than Date.now(): allow two seconds of slack; an earlier run's report is far older.
    if (!existsSync(file) || statSync(file).mtimeMs < startedMs - 2_000) {
      return {
        label,
        ok: false,
        counts: null,
        notes: ["NO REPORT: the task did not finish (interrupted, crashed, or never started)"],
      };
    }
    const report = JSON.parse(readFileSync(file, "utf8"));
    const counts = {
      files: report.testResults?.length ?? 0,
      passed: report.numPassedTests ?? 0,
      failed: report.numFailedTests ?? 0,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    };
    const notes = [];
    if (counts.files === 0 || !(report.numTotalTests > 0)) notes.push("RAN NO TEST FILE");
    if (report.numFailedTestSuites > 0) notes.push(`${report.numFailedTestSuites} failed file(s)`);
    if (report.wasInterrupted) notes.push("INTERRUPTED");
    if (report.success !== true) notes.push("not successful");
    return { label, ok: notes.length === 0 && counts.failed === 0, counts, notes };
  });
}
