import { createHash, randomBytes } from "node:crypto";
import { createPasswordHasher } from "@plinth/auth";
import { createDatabase, encodeCursor, migrateToLatest } from "@plinth/db";
import pg from "pg";

export interface Fixtures {
  /** Users in the table after seeding. */
  userCount: number;
  /** Existing user ids for W1; both servers cycle through the same list. */
  ids: string[];
  /** Valid keyset cursors from the middle of the list for W2, in packages/db's format. */
  cursors: string[];
  postgresVersion: string;
  /** A bearer token of a fresh session of a seeded user: users.* are for signed-in callers. */
  sessionToken: string;
  /** W3: the bench organization, its project of `taskCount` tasks, and the members the filter rotates through. */
  organizationId: string;
  projectId: string;
  taskCount: number;
  assigneeIds: string[];
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/**
 * Makes `url` a database the benchmark can run on: created if missing, migrated with plinth's own migrator,
 * seeded to `users` rows, analysed so the planner uses the keyset index, and returns the ids and cursors the
 * workloads request.
 */
export async function prepareDatabase(url: string, users: number): Promise<Fixtures> {
  await ensureDatabase(url);

  const db = createDatabase({ connectionString: url, pool: { max: 1 } });
  try {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) log(`migrated: ${applied.join(", ")}`);
  } finally {
    await db.destroy();
  }

  const client = new pg.Client({ connectionString: url, application_name: "plinth-bench-setup" });
  await client.connect();
  try {
    await seedUsers(client, users);
    await seedOrganization(client);
    const project = await seedTasks(client, benchTasks);
    await prepareStormAccounts(client);
    return {
      ...(await pickFixtures(client)),
      ...project,
      sessionToken: await createBenchSession(client),
    };
  } finally {
    await client.end();
  }
}

/** `create database` cannot run inside the target database, so this connects to `postgres` to do it. */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) throw new Error(`BENCH_DATABASE_URL has no database name: ${url}`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({
    connectionString: admin.toString(),
    application_name: "plinth-bench-setup",
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${admin.host}. Start it (pg_ctlcluster <version> main start) or set BENCH_DATABASE_URL.`,
      { cause: error },
    );
  }
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(name)}`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Inserts users until there are at least `target`, in one `insert ... select generate_series` (1,000,000 rows take
 * well under a minute). created_at values are one minute apart, so the keyset order is not decided by ties on
 * created_at alone (a single `now()` for every row would be). Emails are derived from the row number and inserts
 * skip existing ones, so reruns are idempotent and a database seeded once is reused.
 */
async function seedUsers(client: pg.Client, target: number): Promise<void> {
  const before = await countUsers(client);
  if (before >= target) return;
  const started = Date.now();
  await client.query(
    `insert into users (email, name, role, created_at, updated_at)
     select 'bench-user-' || i || '@example.com',
            'Bench User ' || i,
            case when i % 100 = 0 then 'admin' else 'user' end,
            now() - i * interval '1 minute',
            now() - i * interval '1 minute'
     from generate_series(1, $1::int) as i
     on conflict (email) do nothing`,
    [target],
  );
  await client.query("analyze users");
  log(`seeded users: ${before} -> ${await countUsers(client)} in ${Date.now() - started} ms`);
}

/**
 * The directory shows only people who share an organization with the caller, so every seeded user joins one
 * bench organization (owned by bench-user-1, whose session the workloads use) and W1/W2 see them all.
 */
async function seedOrganization(client: pg.Client): Promise<void> {
  await client.query(
    `insert into organizations (name, slug) values ('Bench', 'bench') on conflict (slug) do nothing`,
  );
  await client.query(
    `insert into memberships (organization_id, user_id, role)
     select o.id, u.id, case when u.email = 'bench-user-1@example.com' then 'owner' else 'member' end
     from organizations o cross join users u
     where o.slug = 'bench'
     on conflict (organization_id, user_id) do nothing`,
  );
  await client.query("analyze memberships");
}

/**
 * The accounts `--login-storm` signs in to, in turn, all with one password. Twenty of them, so that no account
 * has more than one sign-in in flight: sign-in spends a rate-limit point per account before argon2 and returns it
 * on success (ADR 008), so a burst on one account would be refused as a burst of guesses would.
 */
export const stormAccounts = {
  emails: Array.from({ length: 20 }, (_, i) => `bench-user-${i + 2}@example.com`),
  password: "bench login storm passphrase",
};

/**
 * Gives the storm accounts the password (one argon2id hash made by packages/auth, so plinth verifies it as any
 * other; the same PHC string serves every account), once, and removes the sessions and known devices of earlier
 * storms. Their public data does not change.
 */
async function prepareStormAccounts(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ password_hash: string | null }>(
    "select password_hash from users where email = $1",
    [stormAccounts.emails[0]],
  );
  const current = rows[0]?.password_hash;
  const passwords = createPasswordHasher();
  const hash =
    current && (await passwords.verify(current, stormAccounts.password))
      ? current
      : await passwords.hash(stormAccounts.password);
  const { rowCount } = await client.query("update users set password_hash = $1 where email = any($2)", [
    hash,
    stormAccounts.emails,
  ]);
  if (rowCount !== stormAccounts.emails.length)
    throw new Error("the login-storm accounts are missing after seeding");
  const ids = "select id from users where email = any($1)";
  await client.query(`delete from sessions where user_id in (${ids})`, [stormAccounts.emails]);
  await client.query(`delete from known_devices where user_id in (${ids})`, [stormAccounts.emails]);
}

/** W3's project size: the task list must stay fast on a project this big (issue 7). */
const benchTasks = 100_000;
/** Tasks are spread over this many assignees (bench-user-2 …), and every tenth task is unassigned. */
const benchAssignees = 47;

/**
 * One project ("BENCH") in the bench organization with `target` tasks, inserted by generate_series in one
 * statement. Task i gets status i % 4 and assignee i % 47 (coprime, so every assignee has tasks in every
 * status), created_at one second apart so the default order is not decided by ties, and every third task
 * one comment, so comment counts are not all zero. Numbers are the key, so a rerun adds only what is missing.
 */
async function seedTasks(
  client: pg.Client,
  target: number,
): Promise<{ organizationId: string; projectId: string; taskCount: number; assigneeIds: string[] }> {
  const { rows } = await client.query<{ org: string; owner: string }>(
    `select o.id as org, u.id as owner from organizations o, users u
     where o.slug = 'bench' and u.email = 'bench-user-1@example.com'`,
  );
  const ids = rows[0];
  if (!ids) throw new Error("the bench organization or bench-user-1 is missing after seeding");
  await client.query(
    `insert into projects (organization_id, name, key, next_task_number) values ($1, 'Bench', 'BENCH', $2)
     on conflict (organization_id, key) do nothing`,
    [ids.org, target + 1],
  );
  const projectId = (
    await client.query<{ id: string }>(
      "select id from projects where organization_id = $1 and key = 'BENCH'",
      [ids.org],
    )
  ).rows[0]?.id;
  if (!projectId) throw new Error("the BENCH project is missing after seeding");
  const assigneeIds = (
    await client.query<{ id: string }>(
      `select u.id from generate_series(2, $1::int + 1) as k
       join users u on u.email = 'bench-user-' || k || '@example.com' order by k`,
      [benchAssignees],
    )
  ).rows.map((r) => r.id);
  if (assigneeIds.length !== benchAssignees) throw new Error("W3 needs at least 48 seeded users");

  const before = await countTasks(client, projectId);
  if (before < target) {
    await client.query(
      `insert into tasks (organization_id, project_id, number, title, description, status, priority,
                          assignee_id, due_date, created_by, created_at, updated_at)
       select $1, $2, i, 'Bench task ' || i, 'Seeded for the task list benchmark, row ' || i,
              (array['todo', 'in_progress', 'done', 'canceled'])[i % 4 + 1],
              i % 5,
              case when i % 10 = 0 then null else ($4::uuid[])[i % $5::int + 1] end,
              case when i % 3 = 0 then null else date '2027-01-01' + (i % 365) end,
              $3,
              now() - i * interval '1 second',
              now() - i * interval '1 second'
       from generate_series(1, $6::int) as i
       on conflict (project_id, number) do nothing`,
      [ids.org, projectId, ids.owner, assigneeIds, benchAssignees, target],
    );
    await client.query(
      `insert into comments (organization_id, task_id, author_id, body, created_at)
       select t.organization_id, t.id, $2, 'Bench comment on task ' || t.number, t.created_at
       from tasks t
       where t.project_id = $1 and t.number % 3 = 0
         and not exists (select 1 from comments c where c.task_id = t.id)`,
      [projectId, ids.owner],
    );
    await client.query("analyze tasks");
    await client.query("analyze comments");
    log(`seeded tasks: ${before} -> ${await countTasks(client, projectId)}`);
  }
  return { organizationId: ids.org, projectId, taskCount: await countTasks(client, projectId), assigneeIds };
}

async function countTasks(client: pg.Client, projectId: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    "select count(*)::int as n from tasks where project_id = $1",
    [projectId],
  );
  return rows[0]?.n ?? 0;
}

async function countUsers(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>("select count(*)::int as n from users");
  return rows[0]?.n ?? 0;
}

const base32 = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * A session row as packages/auth's createSession writes it: a 32-character base32 token, stored only as its hex
 * SHA-256, 30 days sliding and 90 days absolute, so neither server refreshes it during a run. Sessions of runs
 * older than a day are removed first.
 */
async function createBenchSession(client: pg.Client): Promise<string> {
  const token = [...randomBytes(32)].map((b) => base32[b % 32]).join("");
  const id = createHash("sha256").update(token, "utf8").digest("hex");
  const { rows } = await client.query<{ id: string }>(
    "select id from users where email = 'bench-user-1@example.com'",
  );
  const userId = rows[0]?.id;
  if (!userId) throw new Error("bench-user-1@example.com is missing after seeding");
  // tasks.* are for verified callers; W1/W2's answers do not show the flag.
  await client.query(
    "update users set email_verified_at = now() where id = $1 and email_verified_at is null",
    [userId],
  );
  // Another bench may be running on this database right now: its session must survive ours, so only sessions
  // older than a day (long finished runs) are cleared.
  await client.query("delete from sessions where user_id = $1 and created_at < now() - interval '1 day'", [
    userId,
  ]);
  await client.query(
    `insert into sessions (id, user_id, expires_at, absolute_expires_at, last_seen_at)
     values ($1, $2, now() + interval '30 days', now() + interval '90 days', now())`,
    [id, userId],
  );
  return token;
}

async function pickFixtures(
  client: pg.Client,
): Promise<Pick<Fixtures, "userCount" | "ids" | "cursors" | "postgresVersion">> {
  const userCount = await countUsers(client);
  // Random UUIDs sorted by value are a spread of the whole table, and the same set on every run.
  const ids = (await client.query<{ id: string }>("select id from users order by id limit 200")).rows.map(
    (r) => r.id,
  );
  // 50 positions between a quarter and three quarters down the newest-first list: real mid-list cursors.
  const { rows } = await client.query<{ id: string; created_at: Date }>(
    `select id, created_at from (
       select id, created_at, row_number() over (order by created_at desc, id desc) as n from users
     ) ranked
     where n between $1 and $2 and n % $3 = 0
     order by n
     limit 50`,
    [Math.floor(userCount / 4), Math.ceil((userCount * 3) / 4), Math.max(1, Math.floor(userCount / 100))],
  );
  const cursors = rows.map((r) => encodeCursor({ createdAt: r.created_at, id: r.id }));
  const version =
    (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ??
    "unknown";
  if (ids.length === 0 || cursors.length === 0) throw new Error("The users table is empty after seeding");
  return { userCount, ids, cursors, postgresVersion: version };
}
