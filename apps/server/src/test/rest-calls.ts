import { users } from "@plinth/db";
import type { TestServer } from "./test-server.ts";

/** A REST answer as an outside client sees it: status, headers, the raw bytes and the JSON (if any). */
export interface RestAnswer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the body holds and assert its shape.
  body: any;
}

export async function rest(
  s: Pick<TestServer, "url">,
  method: string,
  path: string,
  init: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<RestAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch(`${s.url}${path.startsWith("/api/") ? path : `/api/v1${path}`}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

/** Signs up through REST and marks the address verified (as the mailed link would): returns the bearer token. */
export async function restUser(
  s: Pick<TestServer, "url" | "db">,
  name = "Rita",
): Promise<{ token: string; userId: string; email: string }> {
  const email = `rest-${crypto.randomUUID()}@example.com`;
  const password = "correct horse battery staple";
  const signup = await rest(s, "POST", "/auth/signup", { body: { email, password, name } });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${signup.text}`);
  const userId = signup.body.data.user.id as string;
  await users.updateUser(s.db, userId, { email_verified_at: new Date() });
  return { token: signup.body.data.sessionToken as string, userId, email };
}

/** An organization and a project in it, owned by a fresh verified user. */
export async function restWorkspace(s: Pick<TestServer, "url" | "db">) {
  const owner = await restUser(s, "Owner");
  const slug = `org-${crypto.randomUUID().slice(0, 8)}`;
  const org = await rest(s, "POST", "/organizations", { token: owner.token, body: { name: "Acme", slug } });
  if (org.status !== 201) throw new Error(`organization: ${org.status} ${org.text}`);
  const orgId = org.body.data.id as string;
  const project = await rest(s, "POST", `/organizations/${orgId}/projects`, {
    token: owner.token,
    body: { name: "Web", key: "WEB" },
  });
  if (project.status !== 201) throw new Error(`project: ${project.status} ${project.text}`);
  return { owner, orgId, projectId: project.body.data.id as string };
}
