// Adds up the vitest JSON report of every workspace package that has a test script, and prints one closing
// line CI can read. A package whose report is missing fails the run: a runner that exits 0 having run
// nothing must not pass for green.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
for (const group of ["apps", "packages"]) {
  for (const name of readdirSync(group)) {
    const manifest = join(group, name, "package.json");
    if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, "utf8")).scripts?.test) continue;
    const file = join(group, name, "test-results", "vitest.json");
    if (!existsSync(file)) {
      console.log(`${group}/${name}: no test report (did its tests run?)`);
      missing++;
      continue;
    }
    const report = JSON.parse(readFileSync(file, "utf8"));
    const pending = report.numPendingTests + (report.numTodoTests ?? 0);
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += pending;
    console.log(
      `${group}/${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${pending} skipped`,
    );
    if (report.numTotalTests === 0) missing++;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing > 0 ? 1 : 0);
