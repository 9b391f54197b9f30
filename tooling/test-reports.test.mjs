// The checks behind `pnpm test`'s verdict (node's test runner; .ci/run runs it before the suites).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { deleteReports, expectedReports, judgeReports } from "./test-reports.mjs";

const root = mkdtempSync(join(tmpdir(), "plinth-reports-"));
after(() => rmSync(root, { recursive: true, force: true }));

function pkg(path, scripts) {
  mkdirSync(join(root, path, "test-results"), { recursive: true });
  writeFileSync(join(root, path, "package.json"), JSON.stringify({ name: path, scripts }));
}
function report(path, name, fields) {
  const file = join(root, path, "test-results", name);
  const base = {
    numTotalTests: 3,
    numPassedTests: 3,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    numFailedTestSuites: 0,
    success: true,
    testResults: [{}, {}],
  };
  writeFileSync(file, JSON.stringify({ ...base, ...fields }));
  return file;
}

pkg("packages/good", { test: "vitest run" });
pkg("packages/stale", { test: "vitest run" });
pkg("packages/missing", { test: "vitest run" });
pkg("packages/empty", { test: "vitest run" });
pkg("packages/failed", { test: "vitest run" });
pkg("packages/interrupted", { test: "vitest run" });
pkg("apps/web", { test: "vitest run", "test:e2e": "vitest run --project e2e" });
pkg("packages/untested", { lint: "biome check ." });

test("expects one report per test script, and none for packages without tests", () => {
  const labels = expectedReports(root)
    .map((e) => `${e.pkg}:${e.script}`)
    .sort();
  assert.deepEqual(labels, [
    "apps/web:test",
    "apps/web:test:e2e",
    "packages/empty:test",
    "packages/failed:test",
    "packages/good:test",
    "packages/interrupted:test",
    "packages/missing:test",
    "packages/stale:test",
  ]);
});

test("only a fresh, complete, green report with tests in it passes", () => {
  const expected = expectedReports(root);
  const stale = report("packages/stale", "vitest.json", {});
  deleteReports(expected.filter((e) => e.pkg === "packages/good"));
  const started = Date.now();
  const old = new Date(started - 60_000);
  utimesSync(stale, old, old);
  report("packages/good", "vitest.json", {});
  report("packages/empty", "vitest.json", { numTotalTests: 0, numPassedTests: 0, testResults: [] });
  report("packages/failed", "vitest.json", { numFailedTests: 1, numFailedTestSuites: 1, success: false });
  report("packages/interrupted", "vitest.json", { wasInterrupted: true, success: false });
  report("apps/web", "vitest.json", {});
  report("apps/web", "vitest-e2e.json", {});

  const verdicts = Object.fromEntries(judgeReports(expected, started).map((v) => [v.label, v]));
  assert.equal(verdicts["packages/good (test)"].ok, true);
  assert.equal(verdicts["apps/web (test)"].ok, true);
  assert.equal(verdicts["apps/web (test:e2e)"].ok, true);
  assert.equal(verdicts["packages/stale (test)"].ok, false, "a report from an earlier run is not a pass");
  assert.match(verdicts["packages/missing (test)"].notes[0], /NO REPORT/);
  assert.ok(verdicts["packages/empty (test)"].notes.includes("RAN NO TEST FILE"));
  assert.equal(verdicts["packages/failed (test)"].ok, false);
  assert.ok(verdicts["packages/interrupted (test)"].notes.includes("INTERRUPTED"));
});
