import { useTestDatabase } from "@plinth/db/testing";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "./core/services.ts";
import { procedureSchemas } from "./openapi.ts";
import { appRouter } from "./root.ts";
import { orgWithCallers } from "./testing/org-callers.ts";
import { permissiveLimiter, signUp } from "./testing/test-auth.ts";
import { createTestServices, testCaller } from "./testing/test-context.ts";

// The seed of "the document is true": what real procedures answer, sent as REST sends it (plain JSON, dates as
// ISO-8601 strings), validates against the JSON Schema the OpenAPI document is built from.

const t = useTestDatabase();
let services: Services;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
});

const { procedures, components } = procedureSchemas(appRouter);
// Strict, so a malformed schema fails; `type: ["string", "null"]` is plain 2020-12 (and OpenAPI 3.1), hence allowed.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats.default(ajv);
// The components live where the document keeps them, so `#/components/schemas/<id>` resolves as it will there.
ajv.addKeyword({ keyword: "components" });
ajv.addSchema({ $id: "plinth-openapi", components: { schemas: components } });

/** Validates `value` as `path` answers it over REST: JSON, no superjson. */
function expectValidOutput(path: string, value: unknown) {
  const schema = procedures[path]?.outputJsonSchema;
  if (!schema) throw new Error(`${path} has no output JSON Schema`);
  const wire = JSON.parse(JSON.stringify(value));
  const check = ajv.compile(relativeTo(schema));
  const ok = check(wire);
  expect(ok, `${path}: ${ajv.errorsText(check.errors)}\n${JSON.stringify(wire, null, 2)}`).toBe(true);
  return wire;
}

/** Points `#/components/...` references at the registered components document. */
function relativeTo<T>(schema: T): T {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"plinth-openapi#/components/'));
}

describe("real outputs validate against the generated output JSON Schema", () => {
  it("tasks, projects, comments, organizations, members, invitations and activity", async () => {
    const o = await orgWithCallers(t.db, services);
    const org = { organizationId: o.org.id };
    const ids = { ...org, projectId: o.project.id };
    const a = await o.member.tasks.create({ ...ids, title: "First", assigneeId: o.users.member2.id });
    const b = await o.member.tasks.create({ ...ids, title: "Second", priority: 3, dueDate: "2026-12-01" });
    expectValidOutput("tasks.create", a);
    expectValidOutput(
      "tasks.update",
      await o.member.tasks.update({ ...org, taskId: b.id, version: b.version, status: "done" }),
    );
    expectValidOutput("tasks.get", await o.member.tasks.get({ ...org, taskId: a.id }));
    const comment = await o.member2.comments.add({ ...org, taskId: a.id, body: "Looks good" });
    expectValidOutput("comments.add", comment);
    expectValidOutput("comments.list", await o.member.comments.list({ ...org, taskId: a.id }));

    const page = expectValidOutput("tasks.list", await o.member.tasks.list({ ...ids, limit: 1 }));
    // The wire form really is ISO strings and a cursor: the schema was checked against the REST shape.
    expect(page.items[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(page.nextCursor).toEqual(expect.any(String));

    expectValidOutput("projects.list", await o.member.projects.list(org));
    expectValidOutput("projects.archive", await o.owner.projects.archive(ids));
    expectValidOutput("projects.get", await o.member.projects.get(ids));
    expectValidOutput("tasks.delete", await o.member.tasks.delete({ ...org, taskId: b.id }));

    expectValidOutput("organizations.byId", await o.member.organizations.byId(org));
    expectValidOutput("organizations.list", await o.member.organizations.list());
    expectValidOutput("organizations.members.list", await o.member.organizations.members.list(org));
    const invitation = await o.owner.organizations.invitations.create({ ...org, email: "new@example.com" });
    expectValidOutput("organizations.invitations.create", invitation);
    expectValidOutput(
      "organizations.invitations.listPending",
      await o.owner.organizations.invitations.listPending(org),
    );
    const activity = expectValidOutput("organizations.activity", await o.owner.organizations.activity(org));
    expect(activity.items.length).toBeGreaterThan(3);
  });

  it("auth: signup, me, login, logout", async () => {
    const signedUp = await signUp(t.db, services);
    expectValidOutput("auth.signup", { user: signedUp.user, expiresAt: signedUp.expiresAt });
    const caller = signedUp.caller;
    expectValidOutput("auth.me", await caller.auth.me());
    expectValidOutput("account.me", await caller.account.me());
    const anonymous = testCaller(t.db, { services });
    expectValidOutput("auth.me", await anonymous.auth.me());
    const bearer = await anonymous.auth.login({
      email: signedUp.email,
      password: signedUp.password,
      sessionTransport: "bearer",
    });
    const wire = expectValidOutput("auth.login", bearer);
    expect(wire.sessionToken).toEqual(expect.any(String));
    expectValidOutput("auth.logout", await caller.auth.logout());
  });

  it("a value the schema does not allow fails validation (the check can fail)", () => {
    const schema = relativeTo(procedures["organizations.byId"]?.outputJsonSchema);
    const check = ajv.compile(schema as object);
    const good = {
      id: crypto.randomUUID(),
      name: "A",
      slug: "a",
      role: "owner",
      version: 1,
      createdAt: new Date().toISOString(),
    };
    expect(check(good)).toBe(true);
    const { version: _version, ...unversioned } = good;
    expect(check(unversioned)).toBe(false);
    expect(check({ ...good, createdAt: "yesterday" })).toBe(false);
    expect(check({ ...good, role: "guest" })).toBe(false);
    expect(check({ ...good, email: "leak@example.com" })).toBe(false);
  });
});
