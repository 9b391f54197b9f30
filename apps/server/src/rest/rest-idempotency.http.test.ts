import { describe, expect, it } from "vitest";
import { rest, restWorkspace } from "../test/rest-calls.ts";
import { useTestServer } from "../test/test-server.ts";
import type { OpenApiDocument } from "./openapi.ts";

const s = useTestServer();

async function tasksTitled(ws: Awaited<ReturnType<typeof restWorkspace>>, title: string) {
  const list = await rest(s, "GET", `/organizations/${ws.orgId}/projects/${ws.projectId}/tasks?limit=100`, {
    token: ws.owner.token,
  });
  return (list.body.data as { title: string }[]).filter((t) => t.title === title);
}

describe("REST: Idempotency-Key on POST creates", () => {
  it("a retry with the same key and body replays the stored 201, Location and body, and does no work", async () => {
    const ws = await restWorkspace(s);
    const path = `/organizations/${ws.orgId}/projects/${ws.projectId}/tasks`;
    const key = crypto.randomUUID();
    const send = () =>
      rest(s, "POST", path, {
        token: ws.owner.token,
        headers: { "idempotency-key": key },
        body: { title: "Once" },
      });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(again.body).toEqual(first.body);
    expect(await tasksTitled(ws, "Once")).toHaveLength(1);

    // Another user's key space is their own: the same key creates for them.
    const other = await restWorkspace(s);
    const theirs = await rest(s, "POST", `/organizations/${other.orgId}/projects/${other.projectId}/tasks`, {
      token: other.owner.token,
      headers: { "idempotency-key": key },
      body: { title: "Once" },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
  });

  it("the same key with another body is 422 IDEMPOTENCY_KEY_REUSED; a key over 255 characters is 400", async () => {
    const ws = await restWorkspace(s);
    const path = `/organizations/${ws.orgId}/projects/${ws.projectId}/tasks`;
    const key = crypto.randomUUID();
    const headers = { "idempotency-key": key };
    expect(
      (await rest(s, "POST", path, { token: ws.owner.token, headers, body: { title: "A" } })).status,
    ).toBe(201);
    const reused = await rest(s, "POST", path, { token: ws.owner.token, headers, body: { title: "B" } });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await tasksTitled(ws, "B")).toHaveLength(0);

    const long = await rest(s, "POST", path, {
      token: ws.owner.token,
      headers: { "idempotency-key": "k".repeat(256) },
      body: { title: "C" },
    });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe("INVALID_IDEMPOTENCY_KEY");
    const max = await rest(s, "POST", path, {
      token: ws.owner.token,
      headers: { "idempotency-key": "k".repeat(255) },
      body: { title: "C" },
    });
    expect(max.status).toBe(201);
  });

  it("a 4xx is stored and replayed too: the same request would fail the same way", async () => {
    const ws = await restWorkspace(s);
    const path = `/organizations/${ws.orgId}/projects/${ws.projectId}/tasks`;
    const headers = { "idempotency-key": crypto.randomUUID() };
    const first = await rest(s, "POST", path, { token: ws.owner.token, headers, body: { title: "" } });
    expect(first.status).toBe(400);
    expect(first.body.error.code).toBe("VALIDATION_FAILED");
    const again = await rest(s, "POST", path, { token: ws.owner.token, headers, body: { title: "" } });
    expect(again.status).toBe(400);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
  });

  it("concurrent requests with one key: one does the work, the others replay it or get 409 IN_PROGRESS", async () => {
    const ws = await restWorkspace(s);
    const path = `/organizations/${ws.orgId}/projects/${ws.projectId}/tasks`;
    const headers = { "idempotency-key": crypto.randomUUID() };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        rest(s, "POST", path, { token: ws.owner.token, headers, body: { title: "Race" } }),
      ),
    );
    const fresh = answers.filter((a) => a.status === 201 && a.headers.get("idempotent-replayed") === null);
    expect(fresh).toHaveLength(1);
    for (const a of answers) {
      if (a === fresh[0]) continue;
      if (a.status === 201) expect(a.body).toEqual(fresh[0]?.body);
      else {
        expect(a.status).toBe(409);
        expect(a.body.error.code).toBe("IDEMPOTENCY_IN_PROGRESS");
      }
    }
    expect(await tasksTitled(ws, "Race")).toHaveLength(1);
  });

  it("is documented on the creates that take it", async () => {
    const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as OpenApiDocument;
    const create = doc.paths["/organizations/{organizationId}/projects/{projectId}/tasks"]?.post;
    expect(create?.parameters).toContainEqual(
      expect.objectContaining({ name: "Idempotency-Key", in: "header" }),
    );
    expect(Object.keys(create?.responses ?? {})).toEqual(expect.arrayContaining(["201", "409", "422"]));
    const signup = doc.paths["/auth/signup"]?.post;
    expect(signup?.parameters ?? []).not.toContainEqual(expect.objectContaining({ name: "Idempotency-Key" }));
  });
});
