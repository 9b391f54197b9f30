/**
 * The raw baseline: the same four endpoints as plinth's benchmark workloads, written directly on `node:http` and
 * `pg` with no framework. It does the same work plinth must do and nothing plinth could not: the same SQL with the
 * same parameters, through a pool of the same size and settings, the same input checks (a UUID, a cursor that
 * decodes), the same session lookup for the users endpoints (bearer token, its SHA-256 as the key, one joined
 * query, the expiry checks, last_seen_at written at most once a minute), the same output shape, serialised with
 * plain JSON.stringify. What is left is the cost of plinth's
 * layers (tRPC, zod, superjson, Kysely, its HTTP adapter), which is what the ratio is meant to show.
 *
 * With BASELINE_PREPARED=true every statement is a named prepared statement (see `query` below): the same SQL,
 * the real single-process limit of node:http + pg.
 *
 * `run.ts` starts this file as a child process, as it does plinth's server, so both are measured the same way.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import { listTasks, parseListRequest, type Query, type TaskTemplates } from "./baseline-tasks.ts";
import { readBaselineEnv } from "./env.ts";

const env = readBaselineEnv();
const taskListTemplates = JSON.parse(env.taskTemplates) as TaskTemplates;

// Same settings as packages/db's createPgPool. None of them costs anything per query, but a fair baseline has
// no knob plinth lacks. node-postgres' default parsers turn timestamptz into Date, as plinth's do; int8 (count)
// and date are parsed as packages/db's type-parsers.ts does (a number, a 'YYYY-MM-DD' string).
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === 20) return (value: string) => Number(value);
    if (oid === 1082) return (value: string) => value;
    return pg.types.getTypeParser(oid, format === "binary" ? "binary" : "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};
const pool = new pg.Pool({
  connectionString: env.databaseUrl,
  max: env.poolMax,
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 30_000,
  application_name: "plinth-bench-baseline",
  types,
});
// As in plinth: an idle connection that dies must not crash the process; the pool replaces it.
pool.on("error", (error) => console.error("baseline: idle connection error", error));

/**
 * Every statement goes through here, with a name. With BASELINE_PREPARED=true (the raw-prepared baseline, run.ts'
 * `rawp`) the name makes it a named prepared statement: PostgreSQL parses and plans it once per connection, and
 * each later call sends only Bind/Execute. Without it, the name is ignored and each call is parsed and planned
 * again, as plinth's were before ADR 024 (plinth now names its hot statements, so `rawp` is its like).
 */
const query: Query = env.prepared
  ? (name, text, values) => pool.query({ name, text, values })
  : (_name, text, values) => pool.query(text, values);

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  email_verified_at: Date | null;
  role: string;
  created_at: Date;
  updated_at: Date;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pageSize = 20;

/** The same public projection as packages/api's toPublicUser: no email, no password hash, no role. */
function toPublicUser(u: UserRow) {
  return { id: u.id, name: u.name, createdAt: u.created_at };
}

interface SessionRow {
  s_id: string;
  s_user_id: string;
  s_expires_at: Date;
  s_absolute_expires_at: Date;
  s_last_seen_at: Date;
  email_verified_at: Date | null;
  disabled_at: Date | null;
}

interface Caller {
  userId: string;
  emailVerified: boolean;
}

const bearer = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const sessionTokenShape = /^[a-z2-7]{32}$/;
// The statement Kysely builds for packages/db's findSessionWithUser: the same columns, so the same row is read.
const sessionQuery = `select "s"."id" as "s_id", "s"."user_id" as "s_user_id", "s"."expires_at" as "s_expires_at",
  "s"."absolute_expires_at" as "s_absolute_expires_at", "s"."last_seen_at" as "s_last_seen_at",
  "s"."user_agent" as "s_user_agent", "s"."ip" as "s_ip", "s"."created_at" as "s_created_at", "u"."id",
  "u"."email", "u"."name", "u"."password_hash", "u"."email_verified_at", "u"."role", "u"."disabled_at",
  "u"."created_at", "u"."updated_at"
  from "sessions" as "s" inner join "users" as "u" on "u"."id" = "s"."user_id" where "s"."id" = $1`;

/**
 * packages/auth's validateSessionToken for a bearer token, minus the refresh a fresh bench session never needs.
 * Returns the signed-in user (the directory is scoped to them; tasks need a verified email), or null.
 */
async function signedIn(req: IncomingMessage): Promise<Caller | null> {
  const token = bearer.exec(req.headers.authorization ?? "")?.[1];
  if (!token || !sessionTokenShape.test(token)) return null;
  const id = createHash("sha256").update(token, "utf8").digest("hex");
  const { rows } = await query<SessionRow>("session", sessionQuery, [id]);
  const session = rows[0];
  if (!session) return null;
  const now = Date.now();
  if (
    session.s_expires_at.getTime() <= now ||
    session.s_absolute_expires_at.getTime() <= now ||
    session.disabled_at !== null
  ) {
    await query("session_delete", 'delete from "sessions" where "id" = $1', [id]);
    return null;
  }
  if (now - session.s_last_seen_at.getTime() >= 60_000) {
    await query("session_touch", 'update "sessions" set "last_seen_at" = $1 where "id" = $2', [
      new Date(now),
      id,
    ]);
  }
  return { userId: session.s_user_id, emailVerified: session.email_verified_at !== null };
}

// The directory filter Kysely builds for packages/db's users queries (`visibleTo`): people sharing an organization.
const sharesAnOrganization = (viewer: string) => `exists (select 1 as "one" from "memberships" as "mine"
  inner join "memberships" as "theirs" on "theirs"."organization_id" = "mine"."organization_id"
  where "mine"."user_id" = ${viewer} and "theirs"."user_id" = "users"."id")`;

/** The cursor format of packages/db's pagination.ts: base64url JSON `{t: ISO timestamp, i: uuid}`. */
function decodeCursor(value: string): { createdAt: Date; id: string } | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (typeof parsed !== "object" || parsed === null) return null;
    const { t, i, ...rest } = parsed as Record<string, unknown>;
    if (Object.keys(rest).length > 0 || typeof t !== "string" || typeof i !== "string") return null;
    const createdAt = new Date(t);
    if (Number.isNaN(createdAt.getTime()) || !uuidPattern.test(i)) return null;
    return { createdAt, id: i };
  } catch {
    return null;
  }
}

function encodeCursor(row: UserRow): string {
  return Buffer.from(JSON.stringify({ t: row.created_at.toISOString(), i: row.id })).toString("base64url");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

/** W1: the statement Kysely builds for users.findUserVisibleTo, then the public projection. */
async function userById(res: ServerResponse, viewerId: string, id: string): Promise<void> {
  if (!uuidPattern.test(id)) return send(res, 400, { error: "id must be a UUID" });
  const { rows } = await query<UserRow>(
    "user_by_id",
    `select * from "users" where "id" = $1 and ${sharesAnOrganization("$2")}`,
    [id, viewerId],
  );
  const user = rows[0];
  if (!user) return send(res, 404, { error: "No user has that id" });
  send(res, 200, toPublicUser(user));
}

/** W2: the statement Kysely builds for users.listUsers (limit + 1 rows to learn whether a next page exists). */
async function listUsers(res: ServerResponse, viewerId: string, search: URLSearchParams): Promise<void> {
  const raw = search.get("cursor");
  const after = raw ? decodeCursor(raw) : undefined;
  if (after === null) return send(res, 400, { error: "Invalid cursor" });
  const { rows } = after
    ? await query<UserRow>(
        "users_page_after",
        `select * from "users" where ${sharesAnOrganization("$1")} and ("created_at", "id") < ($2, $3) order by "created_at" desc, "id" desc limit $4`,
        [viewerId, after.createdAt, after.id, pageSize + 1],
      )
    : await query<UserRow>(
        "users_page_first",
        `select * from "users" where ${sharesAnOrganization("$1")} order by "created_at" desc, "id" desc limit $2`,
        [viewerId, pageSize + 1],
      );
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);
  send(res, 200, {
    items: items.map(toPublicUser),
    nextCursor: rows.length > pageSize && last ? encodeCursor(last) : null,
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (req.method !== "GET") return send(res, 405, { error: "GET only" });
  if (path === "/live") return send(res, 200, { status: "ok" });
  if (path !== "/users" && !path.startsWith("/users/") && path !== "/tasks")
    return send(res, 404, { error: "Not found" });
  const caller = await signedIn(req);
  if (!caller) return send(res, 401, { error: "Sign in to continue" });
  const viewerId = caller.userId;
  if (path === "/tasks") {
    // As plinth's verifiedProcedure, before the input is looked at.
    if (!caller.emailVerified) return send(res, 403, { error: "Verify your email address first" });
    const request = parseListRequest(
      new URLSearchParams(q === -1 ? "" : url.slice(q + 1)),
      taskListTemplates.statuses,
    );
    if (!request) return send(res, 400, { error: "Invalid input" });
    const page = await listTasks(query, taskListTemplates, viewerId, request);
    return page ? send(res, 200, page) : send(res, 404, { error: "Not found" });
  }
  if (path === "/users")
    return listUsers(res, viewerId, new URLSearchParams(q === -1 ? "" : url.slice(q + 1)));
  return userById(res, viewerId, decodeURIComponent(path.slice("/users/".length)));
}

/** Handlers still running: autocannon drops its sockets at the end of a run, but their queries go on. */
const inFlight = new Set<Promise<void>>();

const server = createServer((req, res) => {
  const done = handle(req, res)
    .catch((error: unknown) => {
      console.error("baseline: request failed", error);
      if (!res.headersSent) send(res, 500, { error: "Internal error" });
      else res.destroy();
    })
    .finally(() => inFlight.delete(done));
  inFlight.add(done);
});

server.listen(env.port, "127.0.0.1");

function shutdown(): void {
  server.close();
  // Keep-alive connections from the load generator would otherwise hold close() open.
  server.closeAllConnections();
  // Ending the pool under a handler between two of its queries would fail it with a misleading error.
  Promise.allSettled([...inFlight])
    .then(() => pool.end())
    .finally(() => process.exit(0));
}
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
