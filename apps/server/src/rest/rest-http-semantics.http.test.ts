import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { KyselyPlugin, RootOperationNode } from "kysely";
import { describe, expect, it } from "vitest";
import { rest, restUser, restWorkspace } from "../test/rest-calls.ts";
import { useTestServer } from "../test/test-server.ts";

/** Makes the server's queries on `projects` fail, as a bug (500) or an outage (503) would; off by default. */
let fault: "internal" | "outage" | undefined;
const namesProjects = (node: RootOperationNode) => JSON.stringify(node).includes('"name":"projects"');
const faults: KyselyPlugin = {
  transformQuery: ({ node }) => {
    if (fault && namesProjects(node)) {
      if (fault === "outage")
        throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      throw new Error("relation secret_table at /srv/app/db.ts:12 does not exist");
    }
    return node;
  },
  transformResult: async ({ result }) => result,
};

const s = useTestServer({ serverDb: (db) => db.withPlugin(faults) });

/** A raw GET, so the compressed bytes are seen as sent (fetch would decode them). */
function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }>(
    (resolve, reject) => {
      const req = request(`${s.url}/api/v1${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    },
  );
}

async function workspaceWithTasks(count: number) {
  const ws = await restWorkspace(s);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await rest(s, "POST", `/organizations/${ws.orgId}/projects/${ws.projectId}/tasks`, {
      token: ws.owner.token,
      body: { title: `Task ${i} ${"lorem ipsum ".repeat(8)}`, status: i % 2 === 0 ? "todo" : "done" },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(
      `/api/v1/organizations/${ws.orgId}/tasks/${created.body.data.id}`,
    );
    ids.push(created.body.data.id as string);
  }
  return { ...ws, ids, tasksPath: `/organizations/${ws.orgId}/projects/${ws.projectId}/tasks` };
}

describe("REST: lists, paging and cursors", () => {
  it("pages through tasks with meta.nextCursor until it is null; ?cursor= takes it back", async () => {
    const ws = await workspaceWithTasks(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await rest(
        s,
        "GET",
        `${ws.tasksPath}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        {
          token: ws.owner.token,
        },
      );
      expect(page.status).toBe(200);
      expect(Array.isArray(page.body.data)).toBe(true);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((t: { id: string }) => t.id));
      cursor = page.body.meta.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...ws.ids].sort());
  });

  it("arrays are repeated query parameters, numbers are parsed; a tampered cursor is 400 INVALID_CURSOR", async () => {
    const ws = await workspaceWithTasks(3);
    const todo = await rest(s, "GET", `${ws.tasksPath}?statuses=todo&limit=10`, { token: ws.owner.token });
    expect(todo.status).toBe(200);
    expect(todo.body.data.map((t: { status: string }) => t.status)).toEqual(["todo", "todo"]);
    const both = await rest(s, "GET", `${ws.tasksPath}?statuses=todo&statuses=done`, {
      token: ws.owner.token,
    });
    expect(both.body.data).toHaveLength(3);
    const badLimit = await rest(s, "GET", `${ws.tasksPath}?limit=many`, { token: ws.owner.token });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.details).toEqual([{ path: "limit", message: expect.any(String) }]);

    const first = await rest(s, "GET", `${ws.tasksPath}?limit=1`, { token: ws.owner.token });
    const cursor = first.body.meta.nextCursor as string;
    const tampered = `${cursor.slice(0, -2)}${cursor.endsWith("A") ? "B" : "A"}x`;
    const answer = await rest(s, "GET", `${ws.tasksPath}?cursor=${encodeURIComponent(tampered)}`, {
      token: ws.owner.token,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("INVALID_CURSOR");
  });
});

describe("REST: ETag, conditional requests and compression", () => {
  it("GET sends a strong ETag; If-None-Match with it (or its weak form) answers 304 with no body", async () => {
    const ws = await workspaceWithTasks(1);
    const path = `/organizations/${ws.orgId}/tasks/${ws.ids[0]}`;
    const first = await rest(s, "GET", path, { token: ws.owner.token });
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    for (const inm of [tag ?? "", `W/${tag}`, `"other", ${tag}`]) {
      const again = await rest(s, "GET", path, { token: ws.owner.token, headers: { "if-none-match": inm } });
      expect(again.status).toBe(304);
      expect(again.text).toBe("");
      expect(again.headers.get("etag")).toBe(tag);
    }
    const stale = await rest(s, "GET", path, {
      token: ws.owner.token,
      headers: { "if-none-match": '"other"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual(first.body);
  });

  it("HEAD answers as GET does, headers and ETag included, with no body", async () => {
    const ws = await workspaceWithTasks(1);
    const path = `/organizations/${ws.orgId}/tasks/${ws.ids[0]}`;
    const get = await rest(s, "GET", path, { token: ws.owner.token });
    const head = await rest(s, "HEAD", path, { token: ws.owner.token });
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expect(head.headers.get("etag")).toBe(get.headers.get("etag"));
    expect(head.headers.get("content-length")).toBe(get.headers.get("content-length"));
    const anonymous = await rest(s, "HEAD", path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).toBe("");
  });

  it("bodies over 1 KiB are compressed by Accept-Encoding q-values and decode to the same JSON", async () => {
    const ws = await workspaceWithTasks(6);
    const auth = { authorization: `Bearer ${ws.owner.token}` };
    const plain = await rawGet(ws.tasksPath, auth);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(1024);
    const json = JSON.parse(plain.bytes.toString("utf8"));

    const gz = await rawGet(ws.tasksPath, { ...auth, "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(gunzipSync(gz.bytes).toString("utf8"))).toEqual(json);

    const br = await rawGet(ws.tasksPath, { ...auth, "accept-encoding": "gzip;q=0.5, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.bytes.length).toBeLessThan(plain.bytes.length);
    expect(JSON.parse(brotliDecompressSync(br.bytes).toString("utf8"))).toEqual(json);
    // The compressed representation has its own tag, and it still revalidates the same entity.
    expect(br.headers.etag).toBe(`${String(plain.headers.etag).slice(0, -1)}-br"`);
    const revalidated = await rawGet(ws.tasksPath, { ...auth, "if-none-match": String(br.headers.etag) });
    expect(revalidated.status).toBe(304);

    const refused = await rawGet(ws.tasksPath, { ...auth, "accept-encoding": "br;q=0, gzip" });
    expect(refused.headers["content-encoding"]).toBe("gzip");
    const none = await rawGet(ws.tasksPath, { ...auth, "accept-encoding": "identity" });
    expect(none.headers["content-encoding"]).toBeUndefined();
  });

  it("PATCH with If-Match writes when the ETag is current and answers 412 once the task changed", async () => {
    const ws = await workspaceWithTasks(1);
    const path = `/organizations/${ws.orgId}/tasks/${ws.ids[0]}`;
    const read = await rest(s, "GET", path, { token: ws.owner.token });
    const tag = read.headers.get("etag") ?? "";
    // No `version` in the body: the ETag stands for the version read.
    const first = await rest(s, "PATCH", path, {
      token: ws.owner.token,
      headers: { "if-match": tag },
      body: { title: "First" },
    });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ title: "First", version: read.body.data.version + 1 });
    const second = await rest(s, "PATCH", path, {
      token: ws.owner.token,
      headers: { "if-match": tag },
      body: { title: "Second" },
    });
    expect(second.status).toBe(412);
    expect(second.body.error.code).toBe("PRECONDITION_FAILED");
    // A weak tag never satisfies If-Match (strong comparison).
    const current = (await rest(s, "GET", path, { token: ws.owner.token })).headers.get("etag");
    const weak = await rest(s, "PATCH", path, {
      token: ws.owner.token,
      headers: { "if-match": `W/${current}` },
      body: { title: "Weak" },
    });
    expect(weak.status).toBe(412);
    // Without If-Match, the same stale write is the domain's 409 STALE_WRITE.
    const stale = await rest(s, "PATCH", path, {
      token: ws.owner.token,
      body: { title: "Stale", version: read.body.data.version },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("STALE_WRITE");
  });

  it("concurrent PATCHes with one If-Match, of a task, a project or an organization: one wins, the others get 412", async () => {
    // Every resource with an ETag and a PATCH: the tag's version goes into the write, so the check and the write
    // are one decision under the row lock (ADR 033), not a read followed by a blind write. One workspace serves
    // all three (signups are rate-limited per address).
    const ws = await workspaceWithTasks(1);
    const resources = [
      { field: "title", path: `/organizations/${ws.orgId}/tasks/${ws.ids[0]}` },
      { field: "name", path: `/organizations/${ws.orgId}/projects/${ws.projectId}` },
      { field: "name", path: `/organizations/${ws.orgId}` },
    ];
    for (const { field, path } of resources) {
      const read = await rest(s, "GET", path, { token: ws.owner.token });
      const tag = read.headers.get("etag") ?? "";
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          rest(s, "PATCH", path, {
            token: ws.owner.token,
            headers: { "if-match": tag },
            body: { [field]: `W${i}` },
          }),
        ),
      );
      expect(`${path}: ${answers.map((a) => a.status).sort()}`).toBe(`${path}: 200,412,412,412,412,412`);
      for (const lost of answers.filter((a) => a.status === 412)) {
        expect(lost.body.error.code).toBe("PRECONDITION_FAILED");
      }
      const winner = answers.find((a) => a.status === 200);
      const final = await rest(s, "GET", path, { token: ws.owner.token });
      expect(final.body.data[field]).toBe(winner?.body.data[field]);
      expect(final.body.data.version).toBe(read.body.data.version + 1);
      expect(final.headers.get("etag")).not.toBe(tag);

      // Then: a stale tag is 412, a stale version in the body 409 STALE_WRITE, and neither changes anything.
      const stale = await rest(s, "PATCH", path, {
        token: ws.owner.token,
        headers: { "if-match": tag },
        body: { [field]: "Late" },
      });
      expect(stale.status).toBe(412);
      const staleVersion = await rest(s, "PATCH", path, {
        token: ws.owner.token,
        body: { [field]: "Late", version: read.body.data.version },
      });
      expect(staleVersion.status).toBe(409);
      expect(staleVersion.body.error.code).toBe("STALE_WRITE");
      const after = await rest(s, "GET", path, { token: ws.owner.token });
      expect(after.body.data).toMatchObject({
        [field]: winner?.body.data[field],
        version: read.body.data.version + 1,
      });
    }
  });
});

describe("REST: rate limits and failures", () => {
  it("sends IETF RateLimit / RateLimit-Policy on rate-limited routes, and 429 with Retry-After", async () => {
    const user = await restUser(s);
    const me = await rest(s, "GET", "/auth/me", { token: user.token });
    expect(me.headers.get("ratelimit-policy")).toMatch(/^"global_ip";q=\d+;w=60$/);
    const [, remaining] = /"global_ip";r=(\d+);t=\d+/.exec(me.headers.get("ratelimit") ?? "") ?? [];
    const again = await rest(s, "GET", "/auth/me", { token: user.token });
    const [, later] = /"global_ip";r=(\d+);t=\d+/.exec(again.headers.get("ratelimit") ?? "") ?? [];
    expect(Number(later)).toBe(Number(remaining) - 1);

    const wrong = { email: user.email, password: "not the password at all" };
    let last = await rest(s, "POST", "/auth/login", { body: wrong });
    for (let i = 0; i < 10 && last.status !== 429; i++)
      last = await rest(s, "POST", "/auth/login", { body: wrong });
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe("TOO_MANY_REQUESTS");
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last.headers.get("ratelimit")).toMatch(/"login_account_ip";r=0;t=\d+/);
    expect(last.headers.get("ratelimit-policy")).toMatch(/"login_account_ip";q=5;w=900/);
  });

  it("500 says nothing about the fault; 503 when the database is down, with Retry-After", async () => {
    const ws = await restWorkspace(s);
    const path = `/organizations/${ws.orgId}/projects/${ws.projectId}`;
    try {
      fault = "internal";
      const internal = await rest(s, "GET", path, { token: ws.owner.token });
      expect(internal.status).toBe(500);
      expect(internal.body).toEqual({
        error: {
          code: "INTERNAL",
          message: "Internal server error",
          requestId: internal.headers.get("x-request-id"),
        },
      });
      expect(internal.text).not.toMatch(/secret_table|\/srv\/app/);

      fault = "outage";
      const outage = await rest(s, "GET", path, { token: ws.owner.token });
      expect(outage.status).toBe(503);
      expect(outage.body.error.code).toBe("DATABASE_UNAVAILABLE");
      expect(Number(outage.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      fault = undefined;
    }
    expect((await rest(s, "GET", path, { token: ws.owner.token })).status).toBe(200);
  });
});
