import { useTestDatabase } from "@plinth/db/testing";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Services } from "./core/services.ts";
import { appRouter } from "./root.ts";
import { orgWithCallers } from "./testing/org-callers.ts";
import { permissiveLimiter } from "./testing/test-auth.ts";
import { createTestServices, requestCaller } from "./testing/test-context.ts";

/**
 * The scope sweep (issue 8, ADR 016): every mutation in the mounted router, called with a read-only API key, is
 * refused with INSUFFICIENT_SCOPE (or API_KEY_NOT_ALLOWED), never served. The procedures come from the router's
 * own map, so a mutation added tomorrow is swept without editing this file. Inputs are empty on purpose: the
 * scope check runs before input parsing, so a validation error here would mean the check ran too late or not at
 * all.
 */

interface Procedure {
  _def: { type: "query" | "mutation" | "subscription" };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);
const mutations = procedures.filter(([, p]) => p._def.type === "mutation").map(([path]) => path);
const REFUSED = new Set(["INSUFFICIENT_SCOPE", "API_KEY_NOT_ALLOWED"]);

const t = useTestDatabase();
let services: Services;
let readKey: string;
let writeKey: string;
let o: Awaited<ReturnType<typeof orgWithCallers>>;

beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
  o = await orgWithCallers(t.db, services);
  readKey = (await o.member.apiKeys.create({ name: "read", scopes: ["read"] })).token;
  writeKey = (await o.member.apiKeys.create({ name: "write", scopes: ["read", "write"] })).token;
});

async function call(caller: unknown, path: string, input: unknown) {
  const fn = path
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], caller) as (
    i: unknown,
  ) => Promise<unknown>;
  try {
    return { ok: true as const, value: await fn(input) };
  } catch (error) {
    return { ok: false as const, error };
  }
}

describe("API key scope sweep", () => {
  it("finds the mutations in the router (a broken walk must not pass vacuously)", () => {
    expect(mutations).toEqual(expect.arrayContaining(["tasks.create", "apiKeys.create", "auth.login"]));
    expect(mutations.length).toBeGreaterThan(30);
  });

  it.each(mutations)("%s refuses a read-only key", async (path) => {
    const caller = await requestCaller(t.db, services, { authorization: `Bearer ${readKey}` });
    const outcome = await call(caller, path, {});
    if (outcome.ok) throw new Error(`${path}: served a read-only key: ${JSON.stringify(outcome.value)}`);
    expect(outcome.error).toBeInstanceOf(TRPCError);
    const error = outcome.error as TRPCError & { appCode?: string };
    expect(REFUSED.has(error.appCode ?? ""), `${path}: ${error.appCode} ${error.message}`).toBe(true);
    expect(error.code).toBe("FORBIDDEN");
  });

  it("lets a write key create a task, as its user", async () => {
    const caller = await requestCaller(t.db, services, { authorization: `Bearer ${writeKey}` });
    const task = await caller.tasks.create({
      organizationId: o.org.id,
      projectId: o.project.id,
      title: "Swept",
    });
    expect(task).toMatchObject({ title: "Swept", createdBy: o.users.member.id });
  });
});
