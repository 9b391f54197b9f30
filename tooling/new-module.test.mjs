// `pnpm new:module` promises code that passes lint, typecheck and its own test as generated. A template drifts
// silently when core changes (a renamed helper, a new lint rule), so this generates a probe module into the real
// tree, checks all three, and removes it again, restoring root.ts byte for byte.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const apiDir = join(repo, "packages", "api");
const rootFile = join(apiDir, "src", "root.ts");
const script = join(repo, "tooling", "new-module.mjs");
const name = `zz_gen_probe_${process.pid}`;
const kebab = name.replaceAll("_", "-");
const moduleDir = join(apiDir, "src", "modules", kebab);

const generate = (arg) => spawnSync(process.execPath, [script, arg], { cwd: repo, encoding: "utf8" });
/** Runs a local binary and returns its output; on failure the assertion message carries it. */
function run(bin, args, cwd) {
  try {
    return execFileSync(bin, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    assert.fail(`${args.join(" ")} failed:\n${error.stdout}\n${error.stderr}`);
  }
}

let originalRoot;
before(() => {
  // A run killed before its `after` leaves its probe behind; clear any, so this run starts from the real tree.
  const modules = join(apiDir, "src", "modules");
  for (const dir of readdirSync(modules).filter((d) => d.startsWith("zz-gen-probe-"))) {
    rmSync(join(modules, dir), { recursive: true, force: true });
  }
  const lines = readFileSync(rootFile, "utf8").split("\n");
  originalRoot = lines.filter((line) => !/zzGenProbe\d+/.test(line)).join("\n");
  writeFileSync(rootFile, originalRoot);
});
after(() => {
  rmSync(moduleDir, { recursive: true, force: true });
  writeFileSync(rootFile, originalRoot);
});

test("refuses bad, reserved and existing names with one line, writing nothing", () => {
  const modules = readdirSync(join(apiDir, "src", "modules")).sort();
  for (const [arg, says] of [
    ["Bad!", "is not a module name"],
    ["-x", "is not a module name"],
    ["core", "reserved"],
    ["projects", "exists already"],
    // No folder of that name, but root.ts mounts identity's router under it.
    ["auth", "already mounts"],
  ]) {
    const r = generate(arg);
    assert.equal(r.status, 1, `${arg}: exit ${r.status}`);
    assert.match(r.stderr, new RegExp(says));
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
  assert.equal(readFileSync(rootFile, "utf8"), originalRoot);
  assert.deepEqual(readdirSync(join(apiDir, "src", "modules")).sort(), modules);
});

test("a generated module lints, typechecks and passes its own test", { timeout: 180_000 }, () => {
  const r = generate(name);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /pnpm db migrate create/);
  assert.deepEqual(readdirSync(moduleDir).sort(), [
    "index.ts",
    `${kebab}.policy.ts`,
    `${kebab}.router.test.ts`,
    `${kebab}.router.ts`,
    `${kebab}.schemas.ts`,
    `${kebab}.service.ts`,
  ]);
  const camel = kebab.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
  const root = readFileSync(rootFile, "utf8");
  assert.match(root, new RegExp(`import \\{ ${camel}Router \\} from "./modules/${kebab}/index.ts";`));
  assert.match(root, new RegExp(`\\n  ${camel}: ${camel}Router,\\n`));
  // Running it twice must not mount the router twice.
  assert.equal(generate(name).status, 1);

  run(join(repo, "node_modules", ".bin", "biome"), ["check", moduleDir, rootFile], repo);
  run(join(apiDir, "node_modules", ".bin", "tsc"), ["--noEmit"], apiDir);
  // One vitest run (on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set, as in .ci/run): the module's
  // own test, and the cases of the authorization sweep and of the OpenAPI schema walk for the new procedure, which
  // both find by walking the router without being edited. The name filter matches those tests and nothing else.
  const vitest = join(apiDir, "node_modules", ".bin", "vitest");
  const out = run(
    vitest,
    [
      "run",
      "--configLoader",
      "runner",
      "--reporter=verbose",
      "-t",
      camel,
      join("src", "modules", kebab, `${kebab}.router.test.ts`),
      join("src", "authorization.sweep.test.ts"),
      join("src", "openapi.schemas.test.ts"),
    ],
    apiDir,
  );
  assert.match(out, /members reach the module with their role/);
  assert.match(out, /non-members and unknown organizations get NOT_FOUND/);
  assert.match(out, new RegExp(`${camel}\\.whoAmI refuses anonymous callers`));
  assert.match(out, new RegExp(`${camel}\\.whoAmI as a plain member`));
  assert.match(out, new RegExp(`${camel}\\.whoAmI declares a zod output schema`));
  assert.match(out, new RegExp(`${camel}\\.whoAmI: input and output are typed all the way down`));
});
