// The import boundaries of ADR 014 are lint rules (biome.json, tooling/biome/*.grit). A rule with a typo in its
// pattern passes everything silently, so this writes one probe file per case where the rule applies, lints it,
// and checks that each violation is reported and each allowed import is not.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const biome = join(repo, "node_modules", ".bin", "biome");

/** Lints `source` as if it lived at `path` (relative to the repo); returns the rule names reported. */
function lint(path, source) {
  const file = join(repo, path);
  writeFileSync(file, source);
  try {
    const out = execFileSync(biome, ["lint", "--reporter=json", "--max-diagnostics=50", file], {
      cwd: repo,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(out).diagnostics.map((d) => d.category);
  } catch (error) {
    if (typeof error.stdout !== "string" || error.stdout === "") throw error;
    return JSON.parse(error.stdout).diagnostics.map((d) => d.category);
  } finally {
    rmSync(file, { force: true });
  }
}

const restricted = "lint/style/noRestrictedImports";
const probe = (dir, ext = "ts") => `${dir}/zz-boundary-probe-${process.pid}.${ext}`;
const use = (spec, name = "x") => `import { ${name} } from "${spec}";\n\nexport const y = ${name};\n`;

const cases = [
  // core never depends on a module; production code never on the test helpers.
  [probe("packages/api/src/core"), use("../modules/identity/index.ts", "authRouter"), restricted],
  [
    probe("packages/api/src/core/jobs"),
    use("../../modules/users/users.router.ts", "usersRouter"),
    restricted,
  ],
  [probe("packages/api/src/core"), use("../testing/index.ts", "testCaller"), restricted],
  [probe("packages/api/src/core"), use("./errors.ts", "AppError"), null],
  // A module reaches another only through its index.
  [probe("packages/api/src/modules/identity"), use("../users/users.router.ts", "usersRouter"), restricted],
  [
    probe("packages/api/src/modules/identity"),
    use("../../modules/admin/admin.router.ts", "adminRouter"),
    restricted,
  ],
  [probe("packages/api/src/modules/identity"), use("../users/index.ts", "usersRouter"), null],
  [probe("packages/api/src/modules/identity"), use("../../core/errors.ts", "AppError"), null],
  [probe("packages/api/src/modules/identity"), use("./identity.schemas.ts", "toMe"), null],
  [probe("packages/api/src/modules/identity"), use("../../testing/index.ts", "testCaller"), restricted],
  [probe("packages/api/src/modules/identity", "test.ts"), use("../../testing/index.ts", "testCaller"), null],
  // A service is plain functions: no tRPC, no response effects; the module rules still hold for it.
  [probe("packages/api/src/modules/identity", "service.ts"), use("@trpc/server", "TRPCError"), restricted],
  [
    probe("packages/api/src/modules/identity", "service.ts"),
    use("../../core/response-effects.ts", "declareEffect"),
    restricted,
  ],
  [probe("packages/api/src/modules/identity", "service.ts"), use("../../core/trpc.ts", "router"), restricted],
  [
    probe("packages/api/src/modules/identity", "service.ts"),
    use("../users/users.router.ts", "r"),
    restricted,
  ],
  [probe("packages/api/src/modules/identity", "service.ts"), use("../../core/errors.ts", "AppError"), null],
  [probe("packages/api/src/modules/identity", "router.ts"), use("../../core/trpc.ts", "router"), null],
  // Apps go through a package's `exports`, never into its source tree.
  [probe("apps/server/src"), use("@plinth/api/src/root.ts", "appRouter"), restricted],
  [probe("apps/server/src"), use("../../../packages/db/src/index.ts", "users"), restricted],
  [probe("apps/server/src", "test.ts"), use("@plinth/api/testing", "createTestServices"), null],
  // The web app names the API's types only.
  [probe("apps/web/src"), use("@plinth/api", "appRouter"), "plugin"],
  [probe("apps/web/src"), 'import "@plinth/api";\n', "plugin"],
  [probe("apps/web/src"), 'export { appRouter } from "@plinth/api";\n', "plugin"],
  [
    probe("apps/web/src"),
    'import type { AppRouter } from "@plinth/api";\n\nexport type R = AppRouter;\n',
    null,
  ],
];

for (const [path, source, expected] of cases) {
  const first = source.split("\n")[0];
  test(`${path.replace(/zz-boundary-probe-\d+/, "*")}: ${first} ${expected ? "is refused" : "passes"}`, () => {
    const reported = lint(path, source);
    if (expected)
      assert.ok(reported.includes(expected), `expected ${expected}, got ${JSON.stringify(reported)}`);
    else assert.deepEqual(reported, []);
  });
}
