import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { clientTypes, GENERATED_FILE } from "./support/client-types.ts";
import { fetchDocument, type OpenApiDocument, operations } from "./support/document.ts";
import { ResponseValidator } from "./support/response-validator.ts";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const baseUrl = inject("baseUrl");
let doc: OpenApiDocument;
let tempDir: string;

beforeAll(async () => {
  doc = await fetchDocument(baseUrl);
  tempDir = await mkdtemp(join(tmpdir(), "plinth-openapi-"));
});
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and passes swagger-parser's validation", async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    // validate() dereferences in place; give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("passes Spectral's spectral:oas ruleset with no errors", async () => {
    const file = join(tempDir, "openapi.json");
    await writeFile(file, JSON.stringify(doc));
    const spectral = join(packageDir, "node_modules", ".bin", "spectral");
    const args = [
      "lint",
      file,
      "--ruleset",
      join(packageDir, ".spectral.yaml"),
      "--format",
      "json",
      "--quiet",
    ];
    // Spectral exits non-zero when it finds errors; the JSON on stdout says which.
    const { stdout } = await run(spectral, args, { maxBuffer: 16 * 1024 * 1024 }).catch(
      (failure: { stdout?: string; stderr?: string }) => {
        if (!failure.stdout) throw new Error(`spectral failed: ${failure.stderr ?? String(failure)}`);
        return { stdout: failure.stdout };
      },
    );
    const results = JSON.parse(stdout || "[]") as {
      code: string;
      message: string;
      path: string[];
      severity: number;
    }[];
    const errors = results
      .filter((r) => r.severity === 0)
      .map((r) => `${r.code} at ${r.path.join(".")}: ${r.message}`);
    expect(errors).toEqual([]);
  });

  it("gives every operation a unique operationId, a security decision and an error response", () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(20);
    const ids = ops.map((o) => o.operation.operationId);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, template, operation } of ops) {
      const where = `${method} ${template}`;
      const statuses = Object.keys(operation.responses);
      expect(
        statuses.some((s) => /^2\d\d$/.test(s)),
        where,
      ).toBe(true);
      expect(
        statuses.some((s) => /^[45]\d\d$/.test(s)),
        where,
      ).toBe(true);
      const secured = (operation.security ?? (doc as { security?: unknown[] }).security ?? []).length > 0;
      if (secured) expect(statuses, where).toContain("401");
    }
  });

  it("matches the committed client types (regenerate with `pnpm --filter @plinth/rest-contract generate`)", async () => {
    const committed = await readFile(GENERATED_FILE, "utf8");
    expect(committed).toBe(await clientTypes(doc));
  });

  it("documents every answer the server gives an anonymous caller on every operation", async () => {
    // Nothing served is undocumented: each operation, called with placeholder ids and no credentials, answers
    // a status and body that its own entry in the document describes.
    const validator = new ResponseValidator(doc);
    const placeholder = "00000000-0000-4000-8000-000000000000";
    for (const { method, template } of operations(doc)) {
      const url = `${baseUrl}${template.replace(/\{[^}]+\}/g, placeholder)}`;
      const body = ["post", "put", "patch"].includes(method) ? "{}" : undefined;
      const response = await fetch(url, {
        method: method.toUpperCase(),
        headers: body ? { "content-type": "application/json" } : {},
        ...(body ? { body } : {}),
      });
      expect(response.status, `${method} ${template}`).toBeLessThan(500);
      await validator.check(method, url, response);
    }
    expect(validator.problems).toEqual([]);
  });

  it("answers 404 for paths the document does not list", async () => {
    for (const path of ["/api/v1/nothing-here", "/api/v2/organizations", "/api/v1/organizations/x/y/z/w/v"]) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({
        error: { code: expect.any(String), requestId: expect.any(String) },
      });
    }
  });
});
