// Toolchain check: turbo must never answer for a package from a cache that its dependencies have outdated, and
// must never replay a test run. Asserts, with turbo's own dry run:
//   1. every test task is uncached;
//   2. an edit in packages/db changes the typecheck and test hashes of every package that depends on it.
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";

const dryRun = () => {
  const out = execFileSync("pnpm", ["exec", "turbo", "run", "typecheck", "test", "test:e2e", "--dry=json"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out).tasks;
};

const failures = [];
const before = dryRun();
for (const task of before) {
  if (/#test(:e2e)?$/.test(task.taskId) && task.resolvedTaskDefinition?.cache !== false) {
    failures.push(`${task.taskId} is cached: a test run must never be replayed`);
  }
}

const probe = "packages/db/src/paths.ts";
const original = readFileSync(probe, "utf8");
let after;
try {
  appendFileSync(probe, "\n// turbo graph probe\n");
  after = dryRun();
} finally {
  writeFileSync(probe, original);
}

const hash = (tasks, id) => tasks.find((t) => t.taskId === id)?.hash;
const dependents = ["@plinth/auth", "@plinth/api", "@plinth/server", "@plinth/web"];
for (const pkg of dependents) {
  for (const task of ["typecheck", "test"]) {
    const id = `${pkg}#${task}`;
    const [h1, h2] = [hash(before, id), hash(after, id)];
    if (!h1) failures.push(`${id} is missing from the task graph`);
    else if (h1 === h2)
      failures.push(`${id} keeps its hash when packages/db changes: it would be replayed stale`);
  }
}

if (failures.length > 0) {
  console.error(`turbo graph check failed:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `turbo graph check: test tasks uncached; ${dependents.length * 2} dependent hashes follow packages/db`,
);
