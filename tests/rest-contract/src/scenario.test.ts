import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { contractClient } from "./support/client.ts";
import { fetchDocument } from "./support/document.ts";
import { ResponseValidator } from "./support/response-validator.ts";

// An external caller's whole day, through the generated client only, against the running server. Each step
// builds on the one before, so they run in order in one test file.
const baseUrl = inject("baseUrl");
let validator: ResponseValidator;

beforeAll(async () => {
  validator = new ResponseValidator(await fetchDocument(baseUrl));
});

const unique = randomUUID().slice(0, 8);
const email = `contract-${unique}@example.com`;
const password = "a long and unguessable contract passphrase";

describe("the REST API through a client generated from its own document", () => {
  let token = "";
  let organizationId = "";
  let projectId = "";
  const taskIds: string[] = [];

  it("signs up and logs in, getting a bearer session token", async () => {
    const anonymous = contractClient(baseUrl, validator);
    const signup = await anonymous.POST("/auth/signup", {
      body: { email, password, name: "Contract Tester" },
    });
    expect(signup.response.status).toBe(201);
    expect(signup.data?.data.user.email).toBe(email);

    const login = await anonymous.POST("/auth/login", { body: { email, password } });
    expect(login.response.status).toBe(200);
    token = login.data?.data.sessionToken ?? "";
    expect(token).not.toBe("");

    const me = await contractClient(baseUrl, validator, token).GET("/auth/me");
    expect(me.response.status).toBe(200);
    expect(me.data?.data.email).toBe(email);
  });

  it("creates an organization, a project and tasks", async () => {
    const client = contractClient(baseUrl, validator, token);
    const org = await client.POST("/organizations", {
      body: { name: "Contract Co", slug: `contract-${unique}` },
    });
    expect(org.response.status).toBe(201);
    expect(org.response.headers.get("location")).toMatch(/^\/api\/v1\/organizations\/[0-9a-f-]{36}$/);
    organizationId = org.data?.data.id ?? "";

    const project = await client.POST("/organizations/{organizationId}/projects", {
      params: { path: { organizationId } },
      body: { name: "Contract", key: "CON" },
    });
    expect(project.response.status).toBe(201);
    projectId = project.data?.data.id ?? "";

    for (let i = 1; i <= 7; i++) {
      const task = await client.POST("/organizations/{organizationId}/projects/{projectId}/tasks", {
        params: { path: { organizationId, projectId } },
        body: { title: `Contract task ${i}`, priority: i % 5 },
      });
      expect(task.response.status).toBe(201);
      expect(task.data?.data.number).toBe(i);
      taskIds.push(task.data?.data.id ?? "");
    }
  });

  it("pages through the tasks with meta.nextCursor, each task once", async () => {
    const client = contractClient(baseUrl, validator, token);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.GET("/organizations/{organizationId}/projects/{projectId}/tasks", {
        params: { path: { organizationId, projectId }, query: { limit: 3, ...(cursor ? { cursor } : {}) } },
      });
      expect(page.response.status).toBe(200);
      seen.push(...(page.data?.data ?? []).map((task) => task.id));
      cursor = page.data?.meta.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...taskIds].sort());
  });

  it("gets a 409 for a stale write and a 404 for a task that is not there", async () => {
    const client = contractClient(baseUrl, validator, token);
    const taskId = taskIds[0] ?? "";
    const path = { organizationId, taskId };
    const first = await client.PATCH("/organizations/{organizationId}/tasks/{taskId}", {
      params: { path },
      body: { version: 1, status: "in_progress" },
    });
    expect(first.response.status).toBe(200);
    expect(first.data?.data.version).toBe(2);

    const stale = await client.PATCH("/organizations/{organizationId}/tasks/{taskId}", {
      params: { path },
      body: { version: 1, status: "done" },
    });
    expect(stale.response.status).toBe(409);
    expect(stale.error?.error.code).toBe("STALE_WRITE");

    const missing = await client.GET("/organizations/{organizationId}/tasks/{taskId}", {
      params: { path: { organizationId, taskId: randomUUID() } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.error.code).toBe("NOT_FOUND");
    expect(missing.error?.error.requestId).toBe(missing.response.headers.get("x-request-id"));
  });

  it("creates a read-only API key that reads but is refused a write", async () => {
    const client = contractClient(baseUrl, validator, token);
    const created = await client.POST("/api-keys", { body: { name: "reporting", scopes: ["read"] } });
    expect(created.response.status).toBe(201);
    const key = created.data?.data.token ?? "";
    expect(key).toMatch(/^plinth_/);

    const readOnly = contractClient(baseUrl, validator, key);
    const list = await readOnly.GET("/organizations/{organizationId}/projects/{projectId}/tasks", {
      params: { path: { organizationId, projectId } },
    });
    expect(list.response.status).toBe(200);
    expect(list.data?.data.length).toBe(7);

    const write = await readOnly.POST("/organizations/{organizationId}/projects/{projectId}/tasks", {
      params: { path: { organizationId, projectId } },
      body: { title: "a read key must not write this" },
    });
    expect(write.response.status).toBe(403);
    expect(write.error?.error.code).toBe("INSUFFICIENT_SCOPE");

    const after = await client.GET("/organizations/{organizationId}/projects/{projectId}/tasks", {
      params: { path: { organizationId, projectId }, query: { limit: 100 } },
    });
    expect(after.data?.data.length).toBe(7);
  });

  it("logs out, after which the token is refused with 401 and a Bearer challenge", async () => {
    const client = contractClient(baseUrl, validator, token);
    const logout = await client.POST("/auth/logout");
    expect(logout.response.status).toBe(204);
    const me = await client.GET("/auth/me");
    expect(me.response.status).toBe(401);
    expect(me.response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("got only answers the document describes", () => {
    expect(validator.checked).toBeGreaterThan(15);
    expect(validator.problems).toEqual([]);
  });
});
