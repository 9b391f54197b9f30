/**
 * Micro-benchmark of output serialisation (docs/decisions/020-fast-superjson-outputs.md): ns per call, for the
 * whole response body a tRPC answer carries, of
 *   - superjson:  JSON.stringify(superjson.serialize(value))   (what the adapter did before)
 *   - plinth:     stringifyOutput(value)                        (the same bytes, checked below)
 *   - plinth obj: JSON.stringify(serializeOutput(value))        (the object path tRPC's own code takes)
 *   - JSON:       JSON.stringify(value)                         (Dates written by their toJSON)
 *   - JSON, no Dates: JSON.stringify of the value with its Dates already ISO strings (what is left to shave)
 * on a W2-like page (20 public users) and a W3-like page (20 task list items with three Dates each).
 * Not a test (nothing runs it in `pnpm test`): `pnpm --filter @plinth/bench bench:serialize [seconds-per-case]`
 * runs it with the bench package's tsx.
 * Figures are CPU time; on a shared machine they still move by 10-20 %: compare ratios within one run.
 */
import { isDeepStrictEqual } from "node:util";
import superjson from "superjson";
import { serializeOutput, stringifyOutput } from "./transformer-output.ts";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 3_600_000);

/** users.list: what W2 returns. */
const usersPage = {
  items: Array.from({ length: 20 }, (_, i) => ({ id: uuid(i), name: `User number ${i}`, createdAt: at(i) })),
  nextCursor: "eyJjIjoiMjAyNi0wMS0wMVQwMDowMDowMC4wMDBaIiwiaSI6IjAwMDAwMDAwIn0",
};

/** tasks.list: what W3 returns (taskListItemOutput). */
const tasksPage = {
  items: Array.from({ length: 20 }, (_, i) => ({
    id: uuid(i),
    projectId: uuid(1000),
    number: 100 + i,
    title: `Task ${i}: make the dashboard load faster`,
    description: i % 3 === 0 ? "" : "A longer description of what needs doing, with a bit of detail.",
    status: i % 2 ? "todo" : "in_progress",
    priority: i % 5,
    assigneeId: i % 4 ? uuid(2000 + (i % 3)) : null,
    dueDate: i % 2 ? "2026-02-01" : null,
    createdBy: uuid(3000),
    version: 1 + (i % 3),
    createdAt: at(i),
    updatedAt: at(i + 1),
    completedAt: i % 7 === 0 ? at(i + 2) : null,
    assignee: i % 4 ? { id: uuid(2000 + (i % 3)), name: "Ada" } : null,
    commentCount: i % 6,
  })),
  nextCursor: null,
};

const cases = { "W2 users page": usersPage, "W3 tasks page": tasksPage };
const methods: Record<string, (value: unknown) => string> = {
  superjson: (value) => JSON.stringify(superjson.serialize(value)),
  "plinth (string)": stringifyOutput,
  "plinth (object)": (value) => JSON.stringify(serializeOutput(value)),
  "JSON.stringify": (value) => JSON.stringify(value),
};
/** The same value with its Dates already strings (JSON.parse of its JSON), for the last row. */
const withoutDates = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Results go to stdout (console is for debugging here: Biome's noConsole). */
const print = (line: string) => process.stdout.write(`${line}\n`);
const seconds = Number(process.argv[2] ?? 1);
let sink = 0;

/**
 * The process's CPU time (user + system, all threads, so garbage collection counts) per call: much steadier than
 * wall time when other work shares the cores.
 */
function nsPerCall(fn: (value: unknown) => string, value: unknown): number {
  // Warm up so that every function is optimised before it is timed.
  for (let i = 0; i < 2000; i++) sink += fn(value).length;
  let calls = 0;
  const start = process.cpuUsage();
  const budget = seconds * 1e6;
  let used = 0;
  while (used < budget) {
    for (let i = 0; i < 200; i++) sink += fn(value).length;
    calls += 200;
    const { user, system } = process.cpuUsage(start);
    used = user + system;
  }
  return (used * 1000) / calls;
}

for (const [name, value] of Object.entries(cases)) {
  const expected = methods.superjson?.(value);
  for (const method of ["plinth (string)", "plinth (object)"]) {
    if (methods[method]?.(value) !== expected) throw new Error(`${method} differs from superjson on ${name}`);
  }
  if (!isDeepStrictEqual(superjson.parse(expected as string), value))
    throw new Error(`${name} does not round-trip`);
  print(`\n${name} (${(expected as string).length} bytes as superjson)`);
  const floor = nsPerCall(methods["JSON.stringify"] as (value: unknown) => string, value);
  for (const [method, fn] of Object.entries(methods)) {
    const ns = method === "JSON.stringify" ? floor : nsPerCall(fn, value);
    print(
      `  ${method.padEnd(16)} ${ns.toFixed(0).padStart(7)} ns CPU/call  ${(ns / floor).toFixed(2)}× JSON`,
    );
  }
  const plainCopy = withoutDates(value);
  const ns = nsPerCall((copy) => JSON.stringify(copy), plainCopy);
  print(
    `  ${"JSON, no Dates".padEnd(16)} ${ns.toFixed(0).padStart(7)} ns CPU/call  ${(ns / floor).toFixed(2)}× JSON`,
  );
}
if (sink === 0) print("(nothing was serialised)");
