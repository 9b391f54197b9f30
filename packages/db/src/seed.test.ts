import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD_HASH, demoUsers, seed } from "./seed.ts";
import { DEMO_ORGANIZATION, DEMO_TASKS_PER_PROJECT, demoMembers, demoProjects } from "./seed-organization.ts";
import { taskStatuses } from "./tasks/task.table.ts";
import { useTestDatabase } from "./testing/index.ts";
import { findUserByEmail, insertUser } from "./users/user.queries.ts";

const t = useTestDatabase();

describe("demo seed", () => {
  it("gives every demo account, the admin included, the demo password, and mends password-less rows of older seeds", async () => {
    // What an earlier seed left behind: a demo admin without a password, claimable through a reset.
    await insertUser(t.db, { email: "ada@example.com", name: "Ada Lovelace", role: "admin" });
    const kept = await insertUser(t.db, {
      email: "grace@example.com",
      name: "Grace Hopper",
      password_hash: "$argon2id$someone-chose-their-own",
    });

    expect(await seed(t.db)).toEqual({
      accounts: demoUsers.length - 1,
      tasks: demoProjects.length * DEMO_TASKS_PER_PROJECT,
    });
    for (const demo of demoUsers) {
      const user = await findUserByEmail(t.db, demo.email);
      expect(user?.password_hash).toBe(demo.email === kept.email ? kept.password_hash : DEMO_PASSWORD_HASH);
    }
    const admins = await t.db
      .selectFrom("users")
      .select("password_hash")
      .where("role", "=", "admin")
      .execute();
    expect(admins.length).toBeGreaterThan(0);
    expect(admins.every((a) => a.password_hash !== null)).toBe(true);

    expect(await seed(t.db)).toEqual({ accounts: 0, tasks: 0 });
  });
});

describe("demo organization", () => {
  // Its own database: the test above has already seeded the file's one.
  const t = useTestDatabase();

  it("fills the demo organization Acme: three members, WEB and API, and tasks spread over every filter", async () => {
    const result = await seed(t.db);
    expect(result.tasks).toBe(demoProjects.length * DEMO_TASKS_PER_PROJECT);

    const org = await t.db
      .selectFrom("organizations")
      .selectAll()
      .where("slug", "=", DEMO_ORGANIZATION.slug)
      .executeTakeFirstOrThrow();
    expect(org.name).toBe("Acme");
    const members = await t.db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["users.email", "memberships.role"])
      .where("memberships.organization_id", "=", org.id)
      .orderBy("users.email")
      .execute();
    expect(members).toEqual(
      [...demoMembers].sort((a, b) => a.email.localeCompare(b.email)).map((m) => ({ ...m })),
    );
    expect(members.map((m) => m.role).sort()).toEqual(["admin", "member", "owner"]);

    const projects = await t.db
      .selectFrom("projects")
      .select(["id", "key", "next_task_number"])
      .where("organization_id", "=", org.id)
      .orderBy("key")
      .execute();
    expect(projects.map((p) => p.key)).toEqual(["API", "WEB"]);

    const tasks = await t.db
      .selectFrom("tasks")
      .select([
        "project_id",
        "number",
        "status",
        "priority",
        "assignee_id",
        "due_date",
        "created_at",
        "updated_at",
      ])
      .where("organization_id", "=", org.id)
      .execute();
    expect(tasks).toHaveLength(200);
    for (const project of projects) {
      // Numbered as createTask numbers them: 1..100 per project, and the counter agrees.
      const numbers = tasks.filter((task) => task.project_id === project.id).map((task) => task.number);
      expect(numbers.sort((a, b) => a - b)).toEqual(
        Array.from({ length: DEMO_TASKS_PER_PROJECT }, (_, i) => i + 1),
      );
      expect(project.next_task_number).toBe(DEMO_TASKS_PER_PROJECT + 1);
    }
    // Spread over past weeks, so sorting by created or updated means something: distinct creation times that
    // follow the task numbers, some tasks updated after creation, nothing in the future.
    const seededAt = Date.now();
    expect(new Set(tasks.map((task) => task.created_at.getTime())).size).toBe(tasks.length);
    const createdTimes = tasks.map((task) => task.created_at.getTime());
    expect(Math.max(...createdTimes) - Math.min(...createdTimes)).toBeGreaterThan(14 * 24 * 3_600_000);
    expect(tasks.every((task) => task.created_at.getTime() <= seededAt)).toBe(true);
    expect(tasks.every((task) => task.updated_at >= task.created_at)).toBe(true);
    expect(tasks.some((task) => task.updated_at > task.created_at)).toBe(true);
    expect(tasks.some((task) => task.updated_at.getTime() === task.created_at.getTime())).toBe(true);
    for (const project of projects) {
      const byNumber = tasks
        .filter((task) => task.project_id === project.id)
        .sort((a, b) => a.number - b.number)
        .map((task) => task.created_at.getTime());
      expect(byNumber).toEqual([...byNumber].sort((a, b) => a - b));
    }
    // Something for every filter to find: each status and priority, each member and nobody, due and not.
    expect(new Set(tasks.map((task) => task.status))).toEqual(new Set(taskStatuses));
    expect(new Set(tasks.map((task) => task.priority))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(new Set(tasks.map((task) => task.assignee_id)).size).toBe(demoMembers.length + 1);
    expect(tasks.some((task) => task.due_date === null)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect(tasks.some((task) => task.due_date !== null && task.due_date < today)).toBe(true);
    expect(tasks.some((task) => task.due_date !== null && task.due_date > today)).toBe(true);

    // The activity feed is not empty either: the organization and its projects, attributed to the owner.
    const activity = await t.db
      .selectFrom("audit_log")
      .select(["event", "actor_user_id"])
      .where("organization_id", "=", org.id)
      .execute();
    expect(activity.map((a) => a.event).sort()).toEqual([
      "organization_created",
      "project_created",
      "project_created",
    ]);
    expect(new Set(activity.map((a) => a.actor_user_id)).size).toBe(1);

    // A second run adds nothing: no second organization, no more tasks.
    expect(await seed(t.db)).toEqual({ accounts: 0, tasks: 0 });
    const counts = await t.db
      .selectFrom("tasks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(200);
    const orgs = await t.db.selectFrom("organizations").select("id").execute();
    expect(orgs).toHaveLength(1);
  });
});
