#!/usr/bin/env node
// `pnpm new:module <name>`: writes the skeleton of an api module (router, service, policy, schemas, index and a
// test on both engines) and mounts it in root.ts, so a new module starts in the shape docs/adding-a-module.md
// describes instead of as a copy of whichever module the author opened first. What it writes passes lint,
// typecheck and its own test as it stands (tooling/new-module.test.mjs checks that).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const api = join(repo, "packages", "api", "src");
const rootFile = join(api, "root.ts");

/** Names that are folders or words of the api already, and would read as something they are not. */
const RESERVED = new Set(["core", "testing", "modules", "root", "index", "router", "app"]);

const fail = (message) => {
  console.error(`new:module: ${message}`);
  process.exit(1);
};

const name = process.argv[2];
if (!name || process.argv.length > 3)
  fail("usage: pnpm new:module <name>   (e.g. pnpm new:module time-entries)");
if (!/^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/.test(name) || name.length > 40) {
  fail(
    `"${name}" is not a module name: use lower-case letters and digits, words joined by - or _ (at most 40)`,
  );
}
// Files and folders are kebab-case like the rest of the repo; identifiers and the router key are camelCase.
const kebab = name.replaceAll("_", "-");
const camel = kebab.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = camel[0].toUpperCase() + camel.slice(1);
if (RESERVED.has(kebab)) fail(`"${name}" is reserved in packages/api/src`);

const dir = join(api, "modules", kebab);
const root = readFileSync(rootFile, "utf8");
if (existsSync(dir)) fail(`packages/api/src/modules/${kebab} exists already`);
if (new RegExp(`^\\s+${camel}:`, "m").test(root)) fail(`root.ts already mounts a router under "${camel}"`);
const mountAt = root.search(/\n\}\);\n\nexport type AppRouter/);
if (!root.includes("export const appRouter = router({") || mountAt < 0) {
  fail(
    "root.ts does not look as expected (`export const appRouter = router({ ... });`); mount the module by hand",
  );
}

const files = {
  [`${kebab}.policy.ts`]: `import { atLeast, type OrgActor } from "../../core/tenancy.ts";

/**
 * Who may do what in ${kebab}. Write the rule for each action here, as a pure function of the membership, so it
 * is tested without a database. Non-members never reach this: \`resolveOrgActor\` already answered NOT_FOUND.
 */
export type ${pascal}Action = "read" | "manage";

export function can(actor: OrgActor, action: ${pascal}Action): boolean {
  if (action === "read") return true;
  return atLeast(actor.role, "admin");
}
`,
  [`${kebab}.schemas.ts`]: `import { membershipRoles } from "@plinth/db";
import { z } from "zod";

// Inputs are strict objects built from core/inputs.ts (\`text()\`, \`nameInput\`, \`cursorInput\` ...): an unknown
// field is a BAD_REQUEST, not something silently dropped. Every input of a tenant procedure names its organization.
export const ${camel}OrgInput = z.strictObject({ organizationId: z.uuid() });

export type ${pascal}OrgInput = z.infer<typeof ${camel}OrgInput>;

// Outputs: every procedure declares one (\`.output(checked(schema))\`, core/output-check.ts); they are the OpenAPI
// document's response schemas. Strict, so a field the service returns by mistake fails the call instead of
// leaking; \`.meta({ id })\` names a shape the document shares between routes. Build answers with their fields in
// the schema's order: then the check answers the object itself instead of zod's copy.
export const ${camel}MembershipOutput = z
  .strictObject({
    organizationId: z.uuid(),
    role: z.enum(membershipRoles),
    canManage: z.boolean().describe("The caller may change ${kebab}"),
  })
  .describe("The caller's membership, as ${kebab} sees it");
`,
  [`${kebab}.service.ts`]: `import type { ServiceDeps } from "../../core/activity.ts";
import { AppError } from "../../core/errors.ts";
import { resolveOrgActor } from "../../core/tenancy.ts";
import { can, type ${pascal}Action } from "./${kebab}.policy.ts";
import type { ${pascal}OrgInput } from "./${kebab}.schemas.ts";

/** The signed-in caller before their membership is known. */
export interface Caller {
  userId: string;
}

/** Resolves the membership once per call (NOT_FOUND for non-members), then asks the policy. */
async function authorize(deps: ServiceDeps, caller: Caller, orgId: string, action: ${pascal}Action) {
  const actor = await resolveOrgActor(deps.db, caller.userId, orgId);
  if (!can(actor, action)) throw new AppError("FORBIDDEN", "Your role may not do that in ${kebab}");
  return actor;
}

/**
 * The generated starting point: proves the wiring (router, membership, policy) before any table exists. Replace
 * it with the module's first real procedure; a mutation writes its rows and \`recordActivity\` in one transaction.
 */
export async function whoAmI(deps: ServiceDeps, caller: Caller, input: ${pascal}OrgInput) {
  const actor = await authorize(deps, caller, input.organizationId, "read");
  return { organizationId: actor.organizationId, role: actor.role, canManage: can(actor, "manage") };
}
`,
  [`${kebab}.router.ts`]: `import type { TRPCRouterRecord } from "@trpc/server";
import { serviceDeps } from "../../core/activity.ts";
import { checked } from "../../core/output-check.ts";
import { verifiedProcedure } from "../../core/trpc.ts";
import { ${camel}MembershipOutput, ${camel}OrgInput } from "./${kebab}.schemas.ts";
import * as service from "./${kebab}.service.ts";

const caller = (ctx: { user: { id: string } }) => ({ userId: ctx.user.id });

/** ${pascal} of an organization; every input names the organization, and the caller must be a member of it. */
export const ${camel}Router = {
  whoAmI: verifiedProcedure
    .input(${camel}OrgInput)
    .output(checked(${camel}MembershipOutput))
    .query(({ ctx, input }) => service.whoAmI(serviceDeps(ctx), caller(ctx), input)),
} satisfies TRPCRouterRecord;
`,
  "index.ts": `export { can as canOn${pascal}, type ${pascal}Action } from "./${kebab}.policy.ts";
export { ${camel}Router } from "./${kebab}.router.ts";
`,
  [`${kebab}.router.test.ts`]: `import { randomUUID } from "node:crypto";
import { useTestDatabase } from "@plinth/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../core/services.ts";
import { orgWithCallers } from "../../testing/org-callers.ts";
import { permissiveLimiter } from "../../testing/test-auth.ts";
import { createTestServices } from "../../testing/test-context.ts";
import { can } from "./${kebab}.policy.ts";

const t = useTestDatabase();
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});

describe("${camel} procedures", () => {
  it("members reach the module with their role; the policy lets only admins and owners manage", async () => {
    const o = await orgWithCallers(t.db, services);
    const organizationId = o.org.id;
    expect(await o.member.${camel}.whoAmI({ organizationId })).toEqual({
      organizationId,
      role: "member",
      canManage: false,
    });
    expect(await o.admin.${camel}.whoAmI({ organizationId })).toMatchObject({ role: "admin", canManage: true });
    expect(await o.owner.${camel}.whoAmI({ organizationId })).toMatchObject({ role: "owner", canManage: true });
    expect(can({ userId: o.users.member.id, organizationId, role: "member" }, "read")).toBe(true);
  });

  it("non-members and unknown organizations get NOT_FOUND; unknown fields are refused", async () => {
    const o = await orgWithCallers(t.db, services);
    const other = await orgWithCallers(t.db, services);
    await expect(other.owner.${camel}.whoAmI({ organizationId: o.org.id })).rejects.toMatchObject({
      appCode: "NOT_FOUND",
    });
    await expect(o.owner.${camel}.whoAmI({ organizationId: randomUUID() })).rejects.toMatchObject({
      appCode: "NOT_FOUND",
    });
    await expect(
      o.owner.${camel}.whoAmI({ organizationId: o.org.id, extra: 1 } as never),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
`,
};

mkdirSync(dir, { recursive: true });
for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);

const importLine = `import { ${camel}Router } from "./modules/${kebab}/index.ts";\n`;
const lastImport = root.lastIndexOf("\nimport ");
const afterImports = root.indexOf("\n", lastImport + 1) + 1;
const mounted =
  root.slice(0, afterImports) +
  importLine +
  root.slice(afterImports, mountAt) +
  `\n  ${camel}: ${camel}Router,` +
  root.slice(mountAt);
writeFileSync(rootFile, mounted);
// Biome sorts root.ts's imports (the new line went last) and lays out lines whose length depends on the name;
// only formatting and import order are fixed here, so a lint error in a template still fails lint.
try {
  execFileSync(join(repo, "node_modules", ".bin", "biome"), ["check", "--write", rootFile, dir], {
    cwd: repo,
    stdio: "ignore",
  });
} catch {
  console.error("new:module: biome still reports problems in the generated files; see pnpm lint");
  process.exitCode = 1;
}

const rel = (p) => relative(repo, p);
console.log(`Created ${rel(dir)}/ (${Object.keys(files).join(", ")}) and mounted it as "${camel}" in ${rel(rootFile)}.

Next steps (docs/adding-a-module.md):
  1. The table: pnpm db migrate create create_${kebab.replaceAll("-", "_")}, then its table type and queries in
     packages/db/src/${kebab}/ (every query takes the organization id and puts it in the WHERE), exported from @plinth/db.
  2. Audit events and entity types for the activity feed in packages/db/src/audit/audit-log.table.ts.
  3. Replace whoAmI with real procedures: input and output schemas in ${kebab}.schemas.ts, rules in ${kebab}.service.ts,
     who-may-what in ${kebab}.policy.ts; give each list a query budget test (countQueries).
  4. The screens: apps/web/src/features/${kebab}/.
  5. Check: pnpm lint && pnpm --filter @plinth/api typecheck, and run ${rel(dir)}/${kebab}.router.test.ts.`);
