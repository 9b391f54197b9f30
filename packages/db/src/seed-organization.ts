import { recordAuditEvent } from "./audit/audit-log.queries.ts";
import type { Database } from "./create-database.ts";
import { addMember } from "./memberships/membership.queries.ts";
import type { MembershipRole } from "./memberships/membership.table.ts";
import { createOrganization, findOrganizationBySlug } from "./organizations/organization.queries.ts";
import { createProject } from "./projects/project.queries.ts";
import { createTask } from "./tasks/task.queries.ts";
import { type TaskStatus, taskPriorities } from "./tasks/task.table.ts";
import { findUserByEmail } from "./users/user.queries.ts";

export const DEMO_ORGANIZATION = { name: "Acme", slug: "acme" };

/** Who is in Acme and as what: the first is its owner (createOrganization makes them so). */
export const demoMembers: { email: string; role: MembershipRole }[] = [
  { email: "ada@example.com", role: "owner" },
  { email: "grace@example.com", role: "admin" },
  { email: "edsger@example.com", role: "member" },
];

export const demoProjects = [
  { key: "WEB", name: "Website", description: "The marketing site and the sign-up flow." },
  { key: "API", name: "Public API", description: "REST endpoints, tokens and the OpenAPI document." },
];

export const DEMO_TASKS_PER_PROJECT = 100;

const verbs = [
  "Fix",
  "Design",
  "Review",
  "Document",
  "Test",
  "Speed up",
  "Refactor",
  "Ship",
  "Audit",
  "Plan",
];
const subjects: Record<string, string[]> = {
  WEB: [
    "the pricing page",
    "the sign-up form",
    "dark mode",
    "the footer links",
    "image loading",
    "the 404 page",
  ],
  API: [
    "rate-limit headers",
    "cursor pagination",
    "token rotation",
    "the webhook retries",
    "error codes",
    "CORS",
  ],
};
/** Weighted so a board looks lived in: most work open, a third done, a little canceled. */
const statusCycle: TaskStatus[] = [
  "todo",
  "todo",
  "in_progress",
  "done",
  "todo",
  "done",
  "in_progress",
  "canceled",
];

/** A date `days` from `today`, as the 'YYYY-MM-DD' the tasks table stores. */
function dayOffset(today: Date, days: number): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));
  return date.toISOString().slice(0, 10);
}

const HOUR_MS = 3_600_000;
/** How far back the demo's history reaches: the first task is this old, the last a few hours. */
export const DEMO_HISTORY_DAYS = 42;

/**
 * When the i-th task of the `projectIndex`-th project was created and last updated, counted back from `now`.
 * Creation follows the task numbers (WEB-1 is the oldest), about ten hours apart with a jitter of a few hours, the
 * two projects interleaved; a quarter of the tasks were never touched again, the rest up to two weeks later (never
 * in the future). So "newest" and "recently updated" give two different orders.
 */
export function demoTaskTimes(projectIndex: number, i: number, now: Date) {
  const step = (DEMO_HISTORY_DAYS * 24 * HOUR_MS) / DEMO_TASKS_PER_PROJECT;
  const start = now.getTime() - DEMO_HISTORY_DAYS * 24 * HOUR_MS;
  const jitter = (((i * 37 + projectIndex * 11) % 9) * step) / 20 + projectIndex * HOUR_MS;
  const createdAt = new Date(start + i * step + jitter);
  const later = i % 4 === 0 ? 0 : ((i * 29) % 337) * HOUR_MS;
  const updatedAt = new Date(Math.min(createdAt.getTime() + later, now.getTime()));
  return { createdAt, updatedAt };
}

/**
 * The i-th demo task of a project. Deterministic (the same demo on every machine) but spread over every status,
 * priority, assignee (a quarter unassigned) and due date (a third without; some overdue, most ahead), so filters
 * and sorts have something to show. Due dates count from the seeding day, so the demo never looks abandoned.
 */
function demoTask(key: string, i: number, memberIds: string[], today: Date) {
  const topics = subjects[key] ?? [];
  const assignees = [...memberIds, null];
  return {
    title: `${verbs[i % verbs.length]} ${topics[(i * 7) % topics.length]}`,
    description:
      i % 3 === 0 ? "" : `Part ${i + 1} of the ${key} roadmap. Acceptance criteria in the linked doc.`,
    status: statusCycle[i % statusCycle.length],
    priority: taskPriorities[(i * 3) % taskPriorities.length],
    assigneeId: assignees[(i * 5) % assignees.length] ?? null,
    dueDate: i % 3 === 2 ? null : dayOffset(today, ((i * 11) % 60) - 15),
  };
}

/**
 * The demo organization "Acme": ada (owner), grace (admin), edsger (member), projects WEB and API, and
 * DEMO_TASKS_PER_PROJECT tasks in each. All of it in one transaction, and only when no "acme" organization exists,
 * so a second run adds nothing and what people changed in the demo stays as they left it. Expects the demo users.
 *
 * @returns how many tasks were created (0 when the organization was already there).
 */
export async function seedDemoOrganization(db: Database, today = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (await findOrganizationBySlug(trx, DEMO_ORGANIZATION.slug)) return 0;
    const memberIds: string[] = [];
    for (const member of demoMembers) {
      const user = await findUserByEmail(trx, member.email);
      if (!user) throw new Error(`seed: demo user ${member.email} is missing`);
      memberIds.push(user.id);
    }
    const [ownerId, ...otherIds] = memberIds;
    if (!ownerId) throw new Error("seed: the demo organization needs an owner");
    const org = await createOrganization(trx, { ...DEMO_ORGANIZATION, ownerId });
    // The activity feed starts with how the demo came to be, marked as the seed's doing rather than a request's.
    const seeded = { actorUserId: ownerId, organizationId: org.id, details: { source: "seed" } };
    await recordAuditEvent(trx, {
      ...seeded,
      event: "organization_created",
      entityType: "organization",
      entityId: org.id,
      changes: { after: { name: org.name, slug: org.slug } },
    });
    for (const [index, userId] of otherIds.entries()) {
      const role = demoMembers[index + 1]?.role ?? "member";
      await addMember(trx, { orgId: org.id, userId, role });
    }
    let created = 0;
    for (const [projectIndex, project] of demoProjects.entries()) {
      const { id: projectId } = await createProject(trx, { orgId: org.id, ...project });
      await recordAuditEvent(trx, {
        ...seeded,
        event: "project_created",
        entityType: "project",
        entityId: projectId,
        changes: { after: { name: project.name, key: project.key } },
      });
      // One statement per task: createTask is what numbers tasks WEB-1, WEB-2… without gaps, and inside one
      // transaction on PGlite the 200 statements take well under a second.
      for (let i = 0; i < DEMO_TASKS_PER_PROJECT; i++) {
        const task = demoTask(project.key, i, memberIds, today);
        const times = demoTaskTimes(projectIndex, i, today);
        await createTask(trx, { orgId: org.id, projectId, createdBy: ownerId, ...task, ...times });
        created++;
      }
    }
    return created;
  });
}
