import { randomUUID } from "node:crypto";
import { comments, type Database, invitations, tasks } from "@plinth/db";
import { makeOrganization, makeProject, useTestDatabase } from "@plinth/db/testing";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Services } from "./core/services.ts";
import { appRouter } from "./root.ts";
import { callerFor, type DomainCaller } from "./testing/org-callers.ts";
import { permissiveLimiter } from "./testing/test-auth.ts";
import { createTestServices, testCaller } from "./testing/test-context.ts";

/**
 * The authorization sweep (issue 7): every procedure whose input names an organization, project, task, comment,
 * invitation or member is called with another organization's ids as (1) an anonymous caller, (2) the owner of
 * another organization, with the victim's ids and with their own organization id next to the victim's entity ids,
 * and (3) a plain member of the victim organization. Anything but NOT_FOUND, UNAUTHORIZED or FORBIDDEN from (1)
 * and (2), a victim's name in any error, or any change to the victim's rows, fails. The procedures come from the
 * router's own map, so a new procedure is swept without editing this file; an id field whose meaning the sweep
 * does not know fails the test until it is taught here.
 */

type Entity = "organization" | "project" | "task" | "comment" | "invitation" | "member";
/** What each id field name refers to. `id` alone is ambiguous: every kind of victim id is tried in it. */
const ID_FIELDS: Record<string, Entity | "any"> = {
  organizationId: "organization",
  orgId: "organization",
  projectId: "project",
  toProjectId: "project",
  fromProjectId: "project",
  taskId: "task",
  commentId: "comment",
  invitationId: "invitation",
  userId: "member",
  memberId: "member",
  memberUserId: "member",
  assigneeId: "member",
  id: "any",
};
const isIdField = (name: string) => name === "id" || name.endsWith("Id");
const ALLOWED = new Set(["NOT_FOUND", "UNAUTHORIZED", "FORBIDDEN"]);

/**
 * Findings of this sweep that another branch of issue 7 fixes. Each is swept with `it.fails`, so the entry must be
 * deleted as soon as the fix lands (the sweep then passes and `it.fails` reports it). Never add one to hide a leak.
 */
const KNOWN_OPEN: Record<string, string> = {};

interface Procedure {
  _def: { type: "query" | "mutation" | "subscription"; inputs: z.ZodType[] };
}
type Shape = Record<string, z.ZodType>;

/** Every procedure whose input has an id field, with that input's fields. */
function idProcedures(): { path: string; type: string; shape: Shape; idFields: string[] }[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, Procedure>;
  return Object.entries(procedures).flatMap(([path, p]) => {
    const input = p._def.inputs[0] as (z.ZodType & { shape?: Shape }) | undefined;
    const shape = input?.shape ?? {};
    const idFields = Object.keys(shape).filter(isIdField);
    return idFields.length > 0 ? [{ path, type: p._def.type, shape, idFields }] : [];
  });
}

const SAMPLES: unknown[] = ["Sweep", "SWP", 1, 0, true, false, "sweep@example.com", "2026-01-01", []];

/** A valid value for a non-id field (undefined when it may be left out), or an error if the sweep has none. */
function sample(path: string, name: string, field: z.ZodType): unknown {
  if (field.safeParse(undefined).success) return undefined;
  const options = (field as { options?: unknown[] }).options ?? [];
  const value = [...options, ...SAMPLES].find((c) => field.safeParse(c).success);
  if (value === undefined) throw new Error(`sweep: no sample value for ${path}.${name}; add one to SAMPLES`);
  return value;
}

let services: Services;
/** Tenant procedures a plain member was refused for their role, filled by the member leg of the sweep. */
const refusedForRole: string[] = [];
let outsider: { orgId: string; caller: DomainCaller };
const t = useTestDatabase();

/** A fresh victim organization with one of everything, its names, and a snapshot of its rows. */
async function victim(db: Database) {
  const { org, owner, members } = await makeOrganization(db, ["member"]);
  const member = members[0];
  if (!member) throw new Error("no member");
  const project = await makeProject(db, org.id);
  const task = await tasks.createTask(db, {
    orgId: org.id,
    projectId: project.id,
    title: `secret-task-${randomUUID()}`,
    createdBy: owner.id,
  });
  if (!task) throw new Error("no task");
  const comment = await comments.addComment(db, {
    orgId: org.id,
    taskId: task.id,
    authorId: owner.id,
    body: `secret-comment-${randomUUID()}`,
  });
  const invitation = await invitations.createInvitation(db, {
    orgId: org.id,
    email: `invitee-${randomUUID()}@example.com`,
    role: "member",
    tokenHash: randomUUID(),
    invitedBy: owner.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const ids: Record<Entity, string> = {
    organization: org.id,
    project: project.id,
    task: task.id,
    comment: comment.id,
    invitation: invitation.id,
    member: member.id,
  };
  const secrets = [org.name, project.name, task.title, comment.body, invitation.email];
  return { ids, secrets, owner, member, snapshot: () => snapshot(db, org.id) };
}

async function snapshot(db: Database, orgId: string) {
  const rows = await Promise.all(
    (["organizations", "memberships", "projects", "tasks", "comments", "invitations"] as const).map((table) =>
      db
        .selectFrom(table)
        .selectAll()
        .where(table === "organizations" ? "id" : "organization_id", "=", orgId)
        .execute()
        .then((r) => JSON.stringify(r.map((x) => Object.entries(x).sort()).sort())),
    ),
  );
  return rows;
}

function buildInput(
  proc: { path: string; shape: Shape },
  ids: Record<Entity, string>,
  anyAs: Entity,
  ownOrgId?: string,
) {
  const input: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(proc.shape)) {
    const entity = isIdField(name) ? ID_FIELDS[name] : undefined;
    if (isIdField(name) && entity === undefined) {
      throw new Error(`sweep: ${proc.path} takes "${name}", an id the sweep does not know; teach ID_FIELDS`);
    }
    const value =
      entity === undefined
        ? sample(proc.path, name, field)
        : entity === "organization" && ownOrgId
          ? ownOrgId
          : ids[entity === "any" ? anyAs : entity];
    if (value !== undefined) input[name] = value;
  }
  return input;
}

async function call(caller: unknown, path: string, input: unknown) {
  const [ns, name] = path.split(".") as [string, string];
  const fn = (caller as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[ns]?.[name];
  if (!fn) throw new Error(`sweep: cannot reach ${path}`);
  try {
    return { ok: true as const, value: await fn(input) };
  } catch (error) {
    return { ok: false as const, error };
  }
}

function expectRefused(
  outcome: Awaited<ReturnType<typeof call>>,
  what: string,
  secrets: string[],
  allowed = ALLOWED,
) {
  if (outcome.ok) throw new Error(`${what}: succeeded and returned ${JSON.stringify(outcome.value)}`);
  expect(outcome.error, what).toBeInstanceOf(TRPCError);
  const error = outcome.error as TRPCError & { details?: unknown };
  expect(allowed.has(error.code), `${what}: ${error.code} ${error.message}`).toBe(true);
  const said = JSON.stringify({ message: error.message, details: error.details });
  for (const secret of secrets) expect(said, `${what} leaked ${secret}`).not.toContain(secret);
}

beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
  const other = await makeOrganization(t.db);
  outsider = { orgId: other.org.id, caller: await callerFor(t.db, services, other.owner) };
});

describe("authorization sweep", () => {
  const procedures = idProcedures();

  it("finds the tenant procedures in the router (a broken walk must not pass vacuously)", () => {
    const paths = procedures.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["projects.update", "tasks.list", "comments.delete"]));
    for (const p of procedures)
      for (const f of p.idFields) expect(ID_FIELDS[f], `${p.path}.${f}`).toBeDefined();
  });

  const sweepCase = async (proc: (typeof procedures)[number]) => {
    const v = await victim(t.db);
    const before = await v.snapshot();
    const tries: Entity[] = proc.idFields.includes("id")
      ? ["organization", "project", "task", "comment", "invitation", "member"]
      : ["organization"];
    const anon = testCaller(t.db, { services });
    for (const anyAs of tries) {
      const input = buildInput(proc, v.ids, anyAs);
      expectRefused(await call(anon, proc.path, input), `${proc.path} anonymous`, v.secrets);
      expectRefused(await call(outsider.caller, proc.path, input), `${proc.path} as another org`, v.secrets);
      if (proc.idFields.some((f) => ID_FIELDS[f] === "organization")) {
        // Their own organization (where they are owner) with the victim's project/task/comment ids.
        const mixed = buildInput(proc, v.ids, anyAs, outsider.orgId);
        const onlyOrg = proc.idFields.every((f) => ID_FIELDS[f] === "organization");
        if (!onlyOrg) {
          expectRefused(
            await call(outsider.caller, proc.path, mixed),
            `${proc.path} as another org, own org id`,
            v.secrets,
          );
        }
      }
    }
    expect(await v.snapshot(), `${proc.path} changed the victim's rows`).toEqual(before);
  };
  for (const proc of procedures) {
    const title = `${proc.path} refuses anonymous callers and other organizations, and leaks nothing`;
    if (KNOWN_OPEN[proc.path])
      it.fails(`${title} (KNOWN OPEN: ${KNOWN_OPEN[proc.path]})`, () => sweepCase(proc));
    else it(title, () => sweepCase(proc));
  }

  it.each(procedures.map((p) => [p.path, p] as const))(
    "%s as a plain member either works or is FORBIDDEN; a refusal changes nothing",
    async (_path, proc) => {
      const v = await victim(t.db);
      const member = await callerFor(t.db, services, v.member);
      const before = await v.snapshot();
      const input = buildInput(proc, v.ids, "organization");
      const outcome = await call(member, proc.path, input);
      if (outcome.ok) return;
      expectRefused(outcome, `${proc.path} as member`, [], new Set(["FORBIDDEN", "NOT_FOUND"]));
      expect(await v.snapshot(), `${proc.path} refused but changed rows`).toEqual(before);
      const tenant = proc.idFields.some((f) => ID_FIELDS[f] === "organization");
      if (tenant && (outcome.error as TRPCError).code === "FORBIDDEN") {
        // The refusal is about the role: the organization's owner (who also made every victim row) gets through.
        refusedForRole.push(proc.path);
        const asOwner = await call(await callerFor(t.db, services, v.owner), proc.path, input);
        expect(asOwner.ok, `${proc.path} refused the member and the owner alike`).toBe(true);
      }
    },
  );

  it("found procedures that a member's role is too low for (the role leg is not vacuous)", () => {
    expect(refusedForRole.length).toBeGreaterThan(0);
  });
});
