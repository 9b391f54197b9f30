import { users } from "@plinth/db";
import { useTestDatabase } from "@plinth/db/testing";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "../root.ts";
import { callerWithToken, permissiveLimiter, verifiedUser } from "../testing/test-auth.ts";
import { createTestServices } from "../testing/test-context.ts";
import { describeError } from "./error-formatter.ts";
import { nameInput, text, UNSAFE_TEXT_MESSAGE } from "./inputs.ts";
import type { Services } from "./services.ts";
import { transformer } from "./transformer.ts";

const t = useTestDatabase();
let services: Services;
let admin: Awaited<ReturnType<typeof callerWithToken>>;
beforeAll(async () => {
  services = await createTestServices({ rateLimiter: await permissiveLimiter() });
  const user = await verifiedUser(t.db, services);
  await users.updateUser(t.db, user.user.id, { role: "admin" });
  admin = await callerWithToken(t.db, services, user.token);
});

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  format?: string;
  pattern?: string;
};

interface StringField {
  path: string[];
  minLength: number;
  /** Free text (no format, pattern or fixed values): refused by the text building block itself. */
  freeText: boolean;
}

/** Every string-typed field of an input schema, found through its JSON Schema (the input side of transforms). */
function stringFields(schema: JsonSchema, path: string[] = []): StringField[] {
  const variants = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (variants.length > 0) return variants.flatMap((v) => stringFields(v, path));
  if (schema.properties)
    return Object.entries(schema.properties).flatMap(([key, s]) => stringFields(s, [...path, key]));
  const isString = schema.type === "string" || (Array.isArray(schema.type) && schema.type.includes("string"));
  if (!isString || schema.enum || schema.const !== undefined) return [];
  return [{ path, minLength: schema.minLength ?? 0, freeText: !schema.format && !schema.pattern }];
}

/** Just long enough to pass a minimum length, with the hostile character in the middle. */
const hostile = (bad: string, minLength: number) => {
  const pad = "a".repeat(Math.max(2, minLength));
  return `${pad.slice(0, 1)}${bad}${pad.slice(1)}`;
};

function inputWith(path: string[], value: string): Record<string, unknown> {
  return path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), value as never);
}

interface ProcedureLike {
  _def: { inputs: z.ZodType[] };
}

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureLike>);
const cases = procedures.flatMap(([name, procedure]) =>
  procedure._def.inputs.flatMap((schema) =>
    stringFields(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema).flatMap(
      (field) =>
        [
          ["NUL", "\u0000"],
          ["a lone surrogate", "\uD800"],
          ["a lone low surrogate", "\uDC00"],
        ].map(([label, bad]) => ({ name, field, label: label as string, bad: bad as string })),
    ),
  ),
);

async function call(name: string, input: unknown): Promise<unknown> {
  const fn = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], admin);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

describe("every string input refuses NUL and unpaired surrogates (walks the router)", () => {
  it("finds the string fields of the router", () => {
    const names = new Set(cases.map((c) => `${c.name}:${c.field.path.join(".")}`));
    // A guard on the walker itself: if it finds nothing, the test below proves nothing.
    for (const expected of [
      "auth.signup:name",
      "admin.users:emailPrefix",
      "auth.login:password",
      "dev.mailbox:to",
    ])
      expect(names).toContain(expected);
  });

  it.each(cases)(
    "$name $field.path with $label: VALIDATION_FAILED on that field",
    async ({ name, field, bad }) => {
      const error = await call(name, inputWith(field.path, hostile(bad, field.minLength))).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, "the call succeeded").toBeInstanceOf(TRPCError);
      // As the HTTP client would see it: what the error formatter makes of the error.
      const described = describeError(error as TRPCError);
      expect(described.appCode).toBe("VALIDATION_FAILED");
      const onField = (described.details ?? []).filter((d) => d.path === field.path.join("."));
      expect(onField.length, `no detail on ${field.path.join(".")}`).toBeGreaterThan(0);
      if (field.freeText) expect(onField.map((d) => d.message)).toContain(UNSAFE_TEXT_MESSAGE);
    },
  );
});

describe("text building block", () => {
  it("keeps what people type: accents, emoji (surrogate pairs), other scripts", () => {
    for (const name of ["Zoë", "😀 Grinning", "李小龍", "Ünïcödé  spaced"])
      expect(nameInput.parse(name)).toBe(name.trim());
  });

  it("refuses NUL and either half of a surrogate pair on its own", () => {
    for (const bad of ["a\u0000", "\uD83D", "\uDE00x", "x\uDE00\uD83D"])
      expect(text({ max: 10 }).safeParse(bad).success).toBe(false);
  });
});

describe("superjson input transformer", () => {
  it("keeps a __proto__ key as an own property, at any depth, without touching prototypes", () => {
    const raw = JSON.parse('{"json":{"a":{"__proto__":{"x":1}},"__proto__":{"polluted":true}}}');
    const value = transformer.input.deserialize(raw) as Record<string, Record<string, unknown>>;
    expect(Object.keys(value)).toContain("__proto__");
    expect(Object.keys(value.a ?? {})).toContain("__proto__");
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(z.strictObject({ a: z.strictObject({}) }).safeParse(value).success).toBe(false);
  });
});
