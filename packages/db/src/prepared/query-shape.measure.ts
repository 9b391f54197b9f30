/**
 * What query shapes save (ADR 024), in CPU time, on the hot queries of the bench's W1-W3 and the session look-up
 * every signed-in call makes:
 *
 * 1. node: the db layer's CPU per call, building and compiling with Kysely on every call (the handle carries a
 *    no-op plugin, which sends a shape down that path) vs the cached shape. Kysely runs on its DummyDriver, so no
 *    I/O is counted: what is left is build, compile, Kysely's executor and the result mapping.
 * 2. PostgreSQL: the backend's CPU per query (utime + stime from /proc/<pid>/stat, so PostgreSQL must run on
 *    this machine), named vs unnamed, on one connection, against a scratch database seeded here and dropped after.
 *
 * Not a test (nothing runs it in `pnpm test`):
 *   pnpm --filter @plinth/db exec tsx src/prepared/query-shape.measure.ts postgres://postgres@127.0.0.1:5432/postgres [node-calls] [db-queries]
 * CPU time still moves by 10-20 % on a shared machine: compare within one run.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  DummyDriver,
  Kysely,
  type KyselyPlugin,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from "kysely";
import pg from "pg";
import * as apiKeys from "../api-keys/api-key.queries.ts";
import { createDatabase, type Database } from "../create-database.ts";
import type { Executor } from "../executor.ts";
import * as memberships from "../memberships/membership.queries.ts";
import { migrateToLatest } from "../migrator.ts";
import { createOrganization } from "../organizations/organization.queries.ts";
import { createProject } from "../projects/project.queries.ts";
import type { DB } from "../schema.ts";
import * as sessions from "../sessions/session.queries.ts";
import * as tasks from "../tasks/task.queries.ts";
import * as users from "../users/user.queries.ts";
import { insertUser } from "../users/user.queries.ts";

/** Results go to stdout (console is for debugging here: Biome's noConsole). */
const print = (line: string) => process.stdout.write(`${line}\n`);
const adminUrl = process.argv[2];
const nodeCalls = Number(process.argv[3] ?? 50_000);
const dbQueries = Number(process.argv[4] ?? 5_000);
if (!adminUrl)
  throw new Error("usage: query-shape.measure.ts <postgres admin url> [node-calls] [db-queries]");

interface Fixture {
  sessionId: string;
  keyHash: string;
  viewerId: string;
  memberIds: string[];
  orgId: string;
  projectId: string;
  after: { createdAt: Date; id: string };
}

/** The hot statements, as the procedures call them. */
const cases: Record<string, (db: Executor, f: Fixture, i: number) => Promise<unknown>> = {
  "session look-up (every signed-in call)": (db, f) => sessions.findSessionWithUser(db, f.sessionId),
  "API key look-up": (db, f) => apiKeys.findApiKeyWithUser(db, f.keyHash),
  "W1 users.byId (findUserVisibleTo)": (db, f, i) =>
    users.findUserVisibleTo(db, f.viewerId, f.memberIds[i % f.memberIds.length] as string),
  "W2 users.list page after a cursor": (db, f) =>
    users.listUsers(db, { limit: 21, after: f.after, visibleTo: f.viewerId }),
  "W3 membership + project check": (db, f) =>
    memberships.findMembershipWithProject(db, { orgId: f.orgId, userId: f.viewerId, projectId: f.projectId }),
  "W3 task list (2 statuses + assignee)": (db, f, i) =>
    tasks.listTasks(db, {
      orgId: f.orgId,
      projectId: f.projectId,
      sort: "created",
      limit: 20,
      filters: { statuses: ["todo", "in_progress"], assignee: f.memberIds[i % 5] },
    }),
};

const passThrough: KyselyPlugin = {
  transformQuery: ({ node }) => node,
  transformResult: async ({ result }) => result,
};

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function nodeSide(f: Fixture): Promise<void> {
  const dummy = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const compiling = dummy.withPlugin(passThrough);
  print(`\nnode: CPU µs per call of the db layer (no I/O), ${nodeCalls} calls each`);
  print("case | build+compile every call | compiled once | saved");
  for (const [name, run] of Object.entries(cases)) {
    const per = async (db: Executor) => {
      for (let i = 0; i < 2_000; i++) await run(db, f, i);
      const start = cpuMicros();
      for (let i = 0; i < nodeCalls; i++) await run(db, f, i);
      return (cpuMicros() - start) / nodeCalls;
    };
    const before = await per(compiling);
    const after = await per(dummy);
    print(`${name} | ${before.toFixed(2)} | ${after.toFixed(2)} | ${(before - after).toFixed(2)}`);
  }
  await dummy.destroy();
}

/** utime + stime of a process, in µs (clock ticks are 10 ms on Linux). */
function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // After "pid (comm) ": state is field 3, utime 14, stime 15 (1-based) → indexes 11 and 12 here.
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function backendSide(url: string, f: Fixture): Promise<void> {
  print(`\nPostgreSQL: backend CPU µs per query on one connection, ${dbQueries} queries each`);
  print("case | unnamed | named | saved | node µs/query unnamed | named");
  for (const [name, run] of Object.entries(cases)) {
    const results: { backend: number; node: number }[] = [];
    for (const named of [false, true]) {
      const db = createDatabase({ connectionString: url, pool: { max: 1 }, namedStatements: named });
      try {
        const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;
        if (!pid) throw new Error("no backend pid");
        for (let i = 0; i < 500; i++) await run(db, f, i);
        const backend0 = processCpu(pid);
        const node0 = cpuMicros();
        for (let i = 0; i < dbQueries; i++) await run(db, f, i);
        results.push({
          backend: (processCpu(pid) - backend0) / dbQueries,
          node: (cpuMicros() - node0) / dbQueries,
        });
      } finally {
        await db.destroy();
      }
    }
    const [unnamed, named] = results as [
      { backend: number; node: number },
      { backend: number; node: number },
    ];
    print(
      `${name} | ${unnamed.backend.toFixed(1)} | ${named.backend.toFixed(1)} | ${(unnamed.backend - named.backend).toFixed(1)} | ${unnamed.node.toFixed(1)} | ${named.node.toFixed(1)}`,
    );
  }
}

/** An organization of 50 people, a project of 2 000 tasks, a session and an API key of its owner. */
async function seedFixture(db: Database): Promise<Fixture> {
  const owner = await insertUser(db, { email: "owner@measure.test", name: "Owner" });
  const org = await createOrganization(db, { name: "Measure", slug: "measure", ownerId: owner.id });
  const memberIds: string[] = [owner.id];
  for (let i = 0; i < 49; i++) {
    const user = await insertUser(db, { email: `m${i}@measure.test`, name: `Member ${i}` });
    await memberships.addMember(db, { orgId: org.id, userId: user.id, role: "member" });
    memberIds.push(user.id);
  }
  const project = await createProject(db, { orgId: org.id, name: "Measure", key: "MEA" });
  const statuses = ["todo", "in_progress", "done", "canceled"] as const;
  for (let i = 0; i < 2_000; i++) {
    await tasks.createTask(db, {
      orgId: org.id,
      projectId: project.id,
      title: `Task ${i}`,
      status: statuses[i % 4],
      priority: i % 5,
      assigneeId: memberIds[i % 10] ?? null,
      createdBy: owner.id,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    });
  }
  const sessionId = randomBytes(32).toString("hex");
  const now = Date.now();
  await sessions.insertSession(db, {
    id: sessionId,
    user_id: owner.id,
    expires_at: new Date(now + 86_400_000),
    absolute_expires_at: new Date(now + 86_400_000),
  });
  const keyHash = randomBytes(32).toString("hex");
  await apiKeys.insertApiKey(db, {
    user_id: owner.id,
    public_id: "measure12345",
    secret_hash: keyHash,
    name: "measure",
    scopes: ["read"],
  });
  await sql`analyze`.execute(db);
  const page = await users.listUsers(db, { limit: 20, visibleTo: owner.id });
  const last = page.at(-1);
  if (!last) throw new Error("no users");
  return {
    sessionId,
    keyHash,
    viewerId: owner.id,
    memberIds,
    orgId: org.id,
    projectId: project.id,
    after: { createdAt: last.created_at, id: last.id },
  };
}

const name = `plinth_measure_${randomBytes(4).toString("hex")}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${name}`);
try {
  const db = createDatabase({ connectionString: url.toString() });
  let fixture: Fixture;
  try {
    await migrateToLatest(db);
    fixture = await seedFixture(db);
  } finally {
    await db.destroy();
  }
  await nodeSide(fixture);
  await backendSide(url.toString(), fixture);
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
