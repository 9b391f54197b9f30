import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { type RestAnswer, rest, restUser } from "../test/rest-calls.ts";
import { useTestServer } from "../test/test-server.ts";
import type { OpenApiDocument } from "./openapi.ts";

// Every answer of a scenario, success or error, must be one the served document lists for that operation, with a
// body its schema accepts: the check a generated client relies on.

const s = useTestServer();
let doc: OpenApiDocument;
const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
addFormats.default(ajv);

beforeAll(async () => {
  doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as OpenApiDocument;
  ajv.addSchema(doc as object, "openapi");
});

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");

/** Calls `template` (filled with `params`) and validates the answer against the document. */
async function checked(
  method: string,
  template: string,
  params: Record<string, string>,
  init: Parameters<typeof rest>[3] & { query?: string } = {},
): Promise<RestAnswer> {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
  const answer = await rest(s, method, `${path}${init.query ? `?${init.query}` : ""}`, init);
  const op = doc.paths[template]?.[method.toLowerCase()];
  expect(op, `${method} ${template} is documented`).toBeDefined();
  const listed = op?.responses[String(answer.status)] as { $ref?: string } | undefined;
  expect(listed, `${method} ${template} documents ${answer.status}: ${answer.text}`).toBeDefined();
  const responsePointer = listed?.$ref
    ? listed.$ref.slice(1)
    : `/${pointer("paths", template, method.toLowerCase(), "responses", String(answer.status))}`;
  const validate = ajv.getSchema(
    `openapi#${responsePointer}/${pointer("content", "application/json", "schema")}`,
  );
  if (answer.text === "") {
    expect(validate, `${method} ${template} ${answer.status} has no body schema`).toBeUndefined();
    return answer;
  }
  expect(validate, `${method} ${template} ${answer.status} has a body schema`).toBeDefined();
  const ok = validate?.(answer.body);
  expect(
    ok,
    `${method} ${template} ${answer.status}: ${ajv.errorsText(validate?.errors)}\n${answer.text}`,
  ).toBe(true);
  return answer;
}

describe("the OpenAPI document describes what the server answers", () => {
  it("a scenario across every resource: each status and body matches its operation", async () => {
    const email = `doc-${crypto.randomUUID()}@example.com`;
    const password = "correct horse battery staple";
    const signup = await checked("POST", "/auth/signup", {}, { body: { email, password, name: "Doc" } });
    expect(signup.status).toBe(201);
    await checked("POST", "/auth/signup", {}, { body: { email, password, name: "Doc" } }); // 409
    const owner = await restUser(s, "Owner");
    const token = owner.token;
    const login = await checked("POST", "/auth/login", {}, { body: { email: owner.email, password } });
    expect(login.status).toBe(200);
    await checked(
      "POST",
      "/auth/login",
      {},
      { body: { email: owner.email, password: "wrong password here" } },
    ); // 401
    await checked("GET", "/auth/me", {}, { token });
    await checked("GET", "/auth/me", {}); // 401

    const org = await checked(
      "POST",
      "/organizations",
      {},
      { token, body: { name: "Docs", slug: `d-${crypto.randomUUID().slice(0, 8)}` } },
    );
    const organizationId = org.body.data.id as string;
    await checked("GET", "/organizations", {}, { token });
    await checked("GET", "/organizations/{organizationId}", { organizationId }, { token });
    await checked(
      "GET",
      "/organizations/{organizationId}",
      { organizationId: crypto.randomUUID() },
      { token },
    ); // 404
    await checked(
      "PATCH",
      "/organizations/{organizationId}",
      { organizationId },
      { token, body: { name: "Docs 2" } },
    );
    await checked(
      "PATCH",
      "/organizations/{organizationId}",
      { organizationId },
      { token, body: { name: "" } },
    ); // 400
    await checked("GET", "/organizations/{organizationId}/members", { organizationId }, { token });
    const invite = await checked(
      "POST",
      "/organizations/{organizationId}/invitations",
      { organizationId },
      { token, body: { email: `i-${crypto.randomUUID()}@example.com` } },
    );
    await checked("GET", "/organizations/{organizationId}/invitations", { organizationId }, { token });
    await checked(
      "DELETE",
      "/organizations/{organizationId}/invitations/{invitationId}",
      { organizationId, invitationId: invite.body.data.id },
      { token },
    );

    const project = await checked(
      "POST",
      "/organizations/{organizationId}/projects",
      { organizationId },
      { token, body: { name: "Web", key: "WEB" } },
    );
    const projectId = project.body.data.id as string;
    await checked(
      "POST",
      "/organizations/{organizationId}/projects",
      { organizationId },
      { token, body: { name: "Web", key: "WEB" } },
    ); // 409
    await checked("GET", "/organizations/{organizationId}/projects", { organizationId }, { token });
    await checked(
      "GET",
      "/organizations/{organizationId}/projects/{projectId}",
      { organizationId, projectId },
      { token },
    );
    await checked(
      "PATCH",
      "/organizations/{organizationId}/projects/{projectId}",
      { organizationId, projectId },
      { token, body: { description: "Site" } },
    );

    const ids = { organizationId, projectId };
    const task = await checked("POST", "/organizations/{organizationId}/projects/{projectId}/tasks", ids, {
      token,
      body: { title: "First", dueDate: "2026-12-01" },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    const taskId = task.body.data.id as string;
    await checked("POST", "/organizations/{organizationId}/projects/{projectId}/tasks", ids, {
      token,
      body: { title: "Second" },
    });
    await checked("GET", "/organizations/{organizationId}/projects/{projectId}/tasks", ids, {
      token,
      query: "limit=1",
    });
    await checked("GET", "/organizations/{organizationId}/projects/{projectId}/tasks", ids, {
      token,
      query: "cursor=bogus",
    }); // 400
    const got = await checked(
      "GET",
      "/organizations/{organizationId}/tasks/{taskId}",
      { organizationId, taskId },
      { token },
    );
    await checked(
      "PATCH",
      "/organizations/{organizationId}/tasks/{taskId}",
      { organizationId, taskId },
      { token, body: { status: "done" }, headers: { "if-match": got.headers.get("etag") ?? "" } },
    );
    await checked(
      "PATCH",
      "/organizations/{organizationId}/tasks/{taskId}",
      { organizationId, taskId },
      { token, body: { status: "todo", version: 1 } },
    ); // 409
    await checked(
      "PATCH",
      "/organizations/{organizationId}/tasks/{taskId}",
      { organizationId, taskId },
      { token, body: { status: "todo" }, headers: { "if-match": got.headers.get("etag") ?? "" } },
    ); // 412
    const comment = await checked(
      "POST",
      "/organizations/{organizationId}/tasks/{taskId}/comments",
      { organizationId, taskId },
      { token, body: { body: "Looks good" } },
    );
    await checked(
      "GET",
      "/organizations/{organizationId}/tasks/{taskId}/comments",
      { organizationId, taskId },
      { token },
    );
    await checked(
      "PATCH",
      "/organizations/{organizationId}/comments/{commentId}",
      { organizationId, commentId: comment.body.data.id },
      { token, body: { body: "Looks great" } },
    );
    await checked("GET", "/organizations/{organizationId}/activity", { organizationId }, { token });
    await checked("GET", "/users", {}, { token });
    await checked("GET", "/users/{id}", { id: owner.userId }, { token });

    const key = await checked("POST", "/api-keys", {}, { token, body: { name: "reader", scopes: ["read"] } });
    await checked("GET", "/api-keys", {}, { token });
    await checked("GET", "/organizations/{organizationId}/projects/{projectId}/tasks", ids, {
      token: key.body.data.token,
    });
    await checked("POST", "/organizations/{organizationId}/projects/{projectId}/tasks", ids, {
      token: key.body.data.token,
      body: { title: "No" },
    }); // 403
    await checked("DELETE", "/api-keys/{id}", { id: key.body.data.key.id }, { token });
    await checked(
      "DELETE",
      "/organizations/{organizationId}/tasks/{taskId}",
      { organizationId, taskId },
      { token },
    );
    await checked("POST", "/organizations/{organizationId}/projects/{projectId}/archive", ids, { token });
    await checked("DELETE", "/organizations/{organizationId}", { organizationId }, { token });
    await checked("POST", "/auth/logout", {}, { token });
  });
});
