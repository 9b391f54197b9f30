/**
 * The workloads: the same requests, as plinth and the baselines spell them. Both baselines (raw and raw-prepared)
 * run the same server file, so they take the same paths.
 */
import type { Fixtures } from "./database.ts";

/** plinth; raw node:http + pg; the same with named prepared statements. */
export type Target = "plinth" | "raw" | "rawp";
export const targets: readonly Target[] = ["plinth", "raw", "rawp"];

export interface Workload {
  id: string;
  description: string;
  /** The request sequence each connection loops over, per target. Same rows, same order, for both. */
  paths: Record<"plinth" | "raw", string[]>;
  /** Sent with every request of the workload, to both targets (the session's bearer token). */
  headers: Record<string, string>;
  /** The procedure's data in plinth's answer (tRPC's envelope or REST's), to compare with the baseline's. */
  data: (body: unknown) => unknown;
  /** For a REST workload: the tRPC workload it repeats, to report what REST adds over tRPC. */
  restOf?: string;
}

export const trpc = (path: string, input?: unknown): string =>
  input === undefined
    ? `/trpc/${path}`
    : `/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

/** W3's two filters: open work (two of the four statuses) of one assignee. */
const w3Statuses = ["todo", "in_progress"];

/** REST's `{ data }`; a list's `{ data, meta.nextCursor }` back in the procedure's `{ items, nextCursor }` shape. */
const restData = (body: unknown): unknown => {
  const { data, meta } = body as { data?: unknown; meta?: { nextCursor: string | null } };
  if (data === undefined) throw new Error(`Not a REST answer: ${JSON.stringify(body).slice(0, 300)}`);
  return meta ? { items: data, nextCursor: meta.nextCursor } : data;
};

export function workloads(fixtures: Fixtures): Workload[] {
  const signedIn = { authorization: `Bearer ${fixtures.sessionToken}` };
  const { organizationId, projectId, assigneeIds } = fixtures;
  return [
    {
      id: "W0",
      description: "no DB: health.live vs GET /live",
      paths: { plinth: [trpc("health.live")], raw: ["/live"] },
      headers: {},
      data: trpcData,
    },
    {
      id: "W1",
      description: `row by id, signed in: users.byId vs GET /users/:id (${fixtures.ids.length} ids in rotation)`,
      paths: {
        plinth: fixtures.ids.map((id) => trpc("users.byId", { id })),
        raw: fixtures.ids.map((id) => `/users/${id}`),
      },
      headers: signedIn,
      data: trpcData,
    },
    {
      id: "W2",
      description: `keyset page of 20, signed in: users.list vs GET /users?cursor= (${fixtures.cursors.length} mid-list cursors)`,
      paths: {
        plinth: fixtures.cursors.map((cursor) => trpc("users.list", { limit: 20, cursor })),
        raw: fixtures.cursors.map((cursor) => `/users?cursor=${encodeURIComponent(cursor)}`),
      },
      headers: signedIn,
      data: trpcData,
    },
    {
      id: "W3",
      description:
        `filtered task list, signed in: tasks.list vs GET /tasks (statuses ${w3Statuses.join("+")} and ` +
        `one of ${assigneeIds.length} assignees, newest first, page of 20, project of ${int(fixtures.taskCount)} tasks)`,
      paths: {
        plinth: assigneeIds.map((assignee) =>
          trpc("tasks.list", { organizationId, projectId, statuses: w3Statuses, assignee, limit: 20 }),
        ),
        raw: assigneeIds.map(
          (assignee) =>
            `/tasks?${new URLSearchParams({ org: organizationId, project: projectId, status: w3Statuses.join(","), assignee })}`,
        ),
      },
      headers: signedIn,
      data: trpcData,
    },
    // W1 and W3 again through plinth's REST adapter: the same procedures, plain JSON instead of superjson.
    {
      id: "W1r",
      description: "W1 over REST: GET /api/v1/users/{id} vs GET /users/:id",
      paths: {
        plinth: fixtures.ids.map((id) => `/api/v1/users/${id}`),
        raw: fixtures.ids.map((id) => `/users/${id}`),
      },
      headers: signedIn,
      data: restData,
      restOf: "W1",
    },
    {
      id: "W3r",
      description:
        "W3 over REST: GET /api/v1/organizations/{org}/projects/{project}/tasks?statuses=…&assignee=…",
      paths: {
        plinth: assigneeIds.map((assignee) => {
          const query = new URLSearchParams(
            w3Statuses.map((status): [string, string] => ["statuses", status]),
          );
          query.append("assignee", assignee);
          return `/api/v1/organizations/${organizationId}/projects/${projectId}/tasks?${query}`;
        }),
        raw: assigneeIds.map(
          (assignee) =>
            `/tasks?${new URLSearchParams({ org: organizationId, project: projectId, status: w3Statuses.join(","), assignee })}`,
        ),
      },
      headers: signedIn,
      data: restData,
      restOf: "W3",
    },
  ];
}

/** The request paths a target loops over: the baselines share theirs. */
export const pathsFor = (workload: Workload, target: Target): string[] =>
  workload.paths[target === "plinth" ? "plinth" : "raw"];

const int = (n: number) => Math.round(n).toLocaleString("en-US");

/** The procedure output inside tRPC's envelope; superjson's `json` half is plain JSON, as the baseline sends. */
export function trpcData(body: unknown): unknown {
  const data = (body as { result?: { data?: { json?: unknown } } }).result?.data;
  if (data?.json === undefined) throw new Error(`Not a tRPC result: ${JSON.stringify(body).slice(0, 300)}`);
  return data.json;
}
