// `pnpm test`: every package's tests through turbo, then a check that each one really ran.
//
// Why a wrapper and not plain `turbo run test`: a test task that was interrupted (turbo stops the others with
// SIGINT when one fails, and vitest can exit 0 on it) or that found no test file can still look green, and a run
// replayed from a cache is not a run. So reports from an earlier run are deleted first, turbo runs every task to
// its end (`--continue=always`; test tasks are never cached, see turbo.json), and every package that has a test
// script must then have written a fresh vitest report with at least one test file, no failure and no
// interruption. The last line is the total, in the form CI reads.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { deleteReports, expectedReports, judgeReports } from "./test-reports.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const expected = expectedReports(root);
deleteReports(expected);

const started = Date.now();
const turbo = spawnSync("pnpm", ["exec", "turbo", "run", "test", "test:e2e", "--continue=always"], {
  cwd: root,
  stdio: "inherit",
});

console.log("\n--- test reports");
const totals = { passed: 0, failed: 0, skipped: 0 };
let problems = 0;
for (const verdict of judgeReports(expected, started)) {
  if (!verdict.ok) problems++;
  const c = verdict.counts;
  const summary = c ? `${c.files} files, ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : "";
  console.log(`${verdict.label}: ${[summary, ...verdict.notes].filter(Boolean).join(" — ")}`);
  if (c) for (const key of Object.keys(totals)) totals[key] += c[key];
}
if (turbo.status !== 0) console.log(`turbo exited with ${turbo.status ?? turbo.signal}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(turbo.status === 0 && problems === 0 ? 0 : 1);
